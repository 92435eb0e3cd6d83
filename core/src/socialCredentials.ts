import { createHash } from 'node:crypto'
import type { SocialChannel } from './channels'
import type { XCredentials } from './loadConfig'
import { openText, sealText } from './secretBox'

/**
 * Credentials of the social accounts an administrator adds in the admin (DIF's page, Protección Civil's
 * channel…). They are sealed with AES-256-GCM under CREDENTIALS_KEY, a key only the server's environment holds:
 * the database, its backups and every API see ciphertext. The channel is authenticated with it, so a Facebook
 * token pasted into a Telegram row does not open. The account principal of each network keeps coming from the
 * environment as before.
 */

/** What each network's provider needs, the same shape the environment's credentials have. */
export interface NetworkCredentials {
  x: XCredentials
  mastodon: { url: string; accessToken: string }
  facebook: { pageId: string; accessToken: string }
  instagram: { accountId: string; accessToken: string }
  threads: { userId: string; accessToken: string }
  bluesky: { identifier: string; appPassword: string }
  telegram: { botToken: string; chatId: string }
}

export interface CredentialField<C extends SocialChannel> {
  key: keyof NetworkCredentials[C] & string
  label: string
  /** A secret is never shown again; the rest appear in the account's summary. */
  isSecret: boolean
  description?: string
}

/** What the admin asks for each network, in the order a person copies them from the network's settings. */
export const CREDENTIAL_FIELDS: { readonly [C in SocialChannel]: readonly CredentialField<C>[] } = {
  x: [
    { key: 'appKey', label: 'API Key de la app', isSecret: true },
    { key: 'appSecret', label: 'API Key Secret de la app', isSecret: true },
    { key: 'accessToken', label: 'Access Token de la cuenta', isSecret: true },
    { key: 'accessSecret', label: 'Access Token Secret de la cuenta', isSecret: true },
  ],
  mastodon: [
    { key: 'url', label: 'Servidor', isSecret: false, description: 'Dirección completa, por ejemplo https://mastodon.social' },
    { key: 'accessToken', label: 'Token de acceso', isSecret: true },
  ],
  facebook: [
    { key: 'pageId', label: 'ID de la página', isSecret: false },
    { key: 'accessToken', label: 'Token de acceso de la página', isSecret: true, description: 'Con los permisos pages_manage_posts y pages_read_engagement.' },
  ],
  instagram: [
    { key: 'accountId', label: 'ID de la cuenta profesional de Instagram', isSecret: false },
    { key: 'accessToken', label: 'Token de acceso', isSecret: true },
  ],
  threads: [
    { key: 'userId', label: 'ID de usuario de Threads', isSecret: false },
    { key: 'accessToken', label: 'Token de acceso', isSecret: true },
  ],
  bluesky: [
    { key: 'identifier', label: 'Usuario (handle)', isSecret: false, description: 'Por ejemplo dif.municipio.gob.mx' },
    { key: 'appPassword', label: 'Contraseña de aplicación', isSecret: true, description: 'Créala en Bluesky: Ajustes → Privacidad y seguridad → Contraseñas de aplicación.' },
  ],
  telegram: [
    { key: 'botToken', label: 'Token del bot', isSecret: true, description: 'El bot debe ser administrador del canal.' },
    { key: 'chatId', label: 'Canal', isSecret: false, description: '@nombre del canal, o su id numérico.' },
  ],
}

/** The admin's (virtual, never stored) input for one credential: `facebookAccessToken`, `blueskyIdentifier`… */
export const credentialInputName = (channel: SocialChannel, key: string) => `${channel}${key[0]!.toUpperCase()}${key.slice(1)}`

export class CredentialsError extends Error {
  readonly code: 'CREDENTIALS_KEY_MISSING' | 'CREDENTIALS_INCOMPLETE' | 'CREDENTIALS_INVALID' | 'CREDENTIALS_UNREADABLE'
  constructor(code: CredentialsError['code'], message: string) {
    super(message)
    this.name = 'CredentialsError'
    this.code = code
  }
}

const contextOf = (channel: SocialChannel) => `pregon:social-account:${channel}`

/** A short, public name of a key (not the key): tells «sealed with another key» from «damaged». */
const keyIdOf = (key: Buffer) => createHash('sha256').update('pregon-credentials-key-id').update(key).digest('hex').slice(0, 8)

/** Checks and trims what a person typed; every field is required and a Mastodon server is an https address. */
export function readCredentialInputs<C extends SocialChannel>(channel: C, values: Readonly<Record<string, unknown>>): NetworkCredentials[C] {
  const missing: string[] = []
  const credentials: Record<string, string> = {}
  for (const field of CREDENTIAL_FIELDS[channel] as readonly CredentialField<C>[]) {
    const value = values[field.key]
    if (typeof value !== 'string' || value.trim() === '') missing.push(field.label)
    else credentials[field.key] = value.trim()
  }
  if (missing.length > 0) {
    throw new CredentialsError('CREDENTIALS_INCOMPLETE', `Faltan credenciales: ${missing.join(', ')}. Escribe todas las de la red, o ninguna para dejar las que ya estaban.`)
  }
  if (channel === 'mastodon' && !/^https?:\/\/[^\s/]+/.test(credentials.url!)) {
    throw new CredentialsError('CREDENTIALS_INVALID', 'El servidor de Mastodon debe ser una dirección completa, por ejemplo https://mastodon.social.')
  }
  return credentials as unknown as NetworkCredentials[C]
}

/** `<key id>.<sealed text>` (core/secretBox): the key's public name tells «another key» from «damaged». */
export function sealCredentials<C extends SocialChannel>(key: Buffer, channel: C, credentials: NetworkCredentials[C]): string {
  return `${keyIdOf(key)}.${sealText(key, JSON.stringify(credentials), contextOf(channel))}`
}

export function openCredentials<C extends SocialChannel>(key: Buffer, channel: C, sealed: string): NetworkCredentials[C] {
  const dot = sealed.indexOf('.')
  const keyId = sealed.slice(0, dot)
  if (dot > 0 && keyId !== keyIdOf(key) && /^[0-9a-f]{8}$/.test(keyId)) {
    throw new CredentialsError(
      'CREDENTIALS_UNREADABLE',
      'Las credenciales se guardaron con otra CREDENTIALS_KEY: vuelve a poner la clave anterior en el servidor, o escribe de nuevo las credenciales de la cuenta.',
    )
  }
  const plain = dot > 0 ? openText(key, sealed.slice(dot + 1), contextOf(channel)) : null
  if (plain === null) {
    throw new CredentialsError('CREDENTIALS_UNREADABLE', 'Las credenciales guardadas no se pudieron abrir (dañadas o de otra red): escríbelas de nuevo en la cuenta.')
  }
  return JSON.parse(plain) as NetworkCredentials[C]
}

/** What the admin shows of saved credentials: the public parts, and the last four characters of each secret. */
export function summarizeCredentials<C extends SocialChannel>(channel: C, credentials: NetworkCredentials[C]): string {
  const values = credentials as unknown as Record<string, string>
  return (CREDENTIAL_FIELDS[channel] as readonly CredentialField<C>[])
    .map((field) => `${field.label}: ${field.isSecret ? `…${values[field.key]!.slice(-4)}` : values[field.key]}`)
    .join(' · ')
}

/** What renewing an account's credentials takes, by where they are kept. */
export function howToRenew(source: 'environment' | 'admin' | null | undefined): string {
  return source === 'admin'
    ? 'una persona administradora escribe las nuevas en la cuenta (Difusión → Cuentas de redes sociales)'
    : 'quien administra el servidor pone las nuevas en su configuración y reinicia Pregón'
}
