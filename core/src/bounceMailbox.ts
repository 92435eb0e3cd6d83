/**
 * Where the worker reads bounces and mailto unsubscribes (BOUNCE_IMAP_URL): the MAIL_FROM mailbox, or the one
 * its Return-Path points at. Parsed once with the rest of the configuration; the password never leaves here
 * but for the IMAP login.
 */
export interface BounceMailbox {
  host: string
  port: number
  /** imaps:// (TLS from the start, 993); imap:// upgrades with STARTTLS when the server offers it. */
  isSecure: boolean
  user: string
  password: string
  /** The folder read, INBOX by default (the URL's path). */
  folder: string
  /** Where handled messages are moved (created when missing); nested with the server's own separator. */
  processedFolder: readonly string[]
}

export const PROCESSED_FOLDER = ['Pregon', 'Procesados'] as const

/** Why a BOUNCE_IMAP_URL is unusable, as `what is wrong (how to fix)`; null when it is fine. */
export function bounceMailboxUrlProblem(value: string): string | null {
  const example = 'imaps://rebotes%40municipio.gob.mx:CONTRASEÑA@imap.municipio.gob.mx:993/INBOX'
  if (!/^imaps?:\/\//i.test(value) || !URL.canParse(value)) return `must be an imaps:// or imap:// URL (for example ${example})`
  const url = new URL(value)
  if (!url.hostname) return `has no server name (for example ${example})`
  if (!url.username || !url.password) return `must carry the mailbox user and password (write @ in the user as %40, for example ${example})`
  return null
}

export function parseBounceMailboxUrl(value: string): BounceMailbox {
  const url = new URL(value)
  const isSecure = url.protocol.toLowerCase() === 'imaps:'
  const folder = decodeURIComponent(url.pathname.replace(/^\/+/, '').replace(/\/+$/, '')) || 'INBOX'
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : isSecure ? 993 : 143,
    isSecure,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    folder,
    processedFolder: PROCESSED_FOLDER,
  }
}
