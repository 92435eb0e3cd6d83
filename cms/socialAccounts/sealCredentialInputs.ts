import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'
import { CHANNEL_CATALOGUE, CHANNEL_LABELS, type SocialChannel } from '@pregon/core/channels'
import type { Config } from '@pregon/core/loadConfig'
import { PregonError } from '@pregon/core/PregonError'
import { QUEUES } from '@pregon/core/queues'
import { CREDENTIAL_FIELDS, credentialInputName, CredentialsError, readCredentialInputs, sealCredentials, summarizeCredentials } from '@pregon/core/socialCredentials'
import { enqueueInTransaction } from '../db/enqueueInTransaction'
import { toApiError } from '../http/errorReply'

const refuse = (...args: ConstructorParameters<typeof PregonError>) => toApiError(new PregonError(...args))

const SAVED = 'pregonCredentialsSaved'

/**
 * Before a social account is written: what a person typed in the credential inputs (virtual fields) is checked
 * and sealed with CREDENTIALS_KEY; nothing typed keeps the sealed credentials the row had. Whatever arrives as
 * `sealedCredentials` itself is ignored, so no API can plant ciphertext. The main accounts' credentials are
 * the environment's and are refused here.
 */
export const sealCredentialInputs: CollectionBeforeChangeHook = ({ data, originalDoc, req, context }) => {
  const config = (req.payload.config.custom as { pregon: Readonly<Config> }).pregon
  const channel = (data.channel ?? originalDoc?.channel) as SocialChannel
  const source = data.source ?? originalDoc?.source ?? 'admin'
  const typed = Object.fromEntries(
    CREDENTIAL_FIELDS[channel].map((field) => [field.key, data[credentialInputName(channel, field.key)]]).filter(([, value]) => typeof value === 'string' && value.trim() !== ''),
  )
  for (const name of Object.keys(data)) if (isCredentialInput(name)) delete data[name]
  data.sealedCredentials = originalDoc?.sealedCredentials ?? null

  if (source === 'admin' && !originalDoc && data.account === CHANNEL_CATALOGUE[channel].account(config)) {
    throw refuse({
      code: 'SOCIAL_ACCOUNT_RESERVED',
      kind: 'invalid',
      message: `«${data.account}» es el identificador de la cuenta principal de ${CHANNEL_LABELS[channel]}, que viene de la configuración del servidor: elige otro.`,
    })
  }
  if (Object.keys(typed).length === 0) return data
  if (source === 'environment') {
    throw refuse({
      code: 'SOCIAL_ACCOUNT_CREDENTIALS_FROM_ENVIRONMENT',
      kind: 'invalid',
      message: `Las credenciales de la cuenta principal de ${CHANNEL_LABELS[channel]} vienen de la configuración del servidor (variables de entorno): cámbialas ahí y reinicia Pregón.`,
    })
  }
  if (!config.credentialsKey) {
    throw refuse({
      code: 'CREDENTIALS_KEY_MISSING',
      kind: 'conflict',
      message: 'El servidor no tiene CREDENTIALS_KEY, la clave con que Pregón cifra estas credenciales: pide a quien lo administra que la defina (ver README) y vuelve a intentarlo. No se guardó nada.',
    })
  }
  try {
    const credentials = readCredentialInputs(channel, typed)
    data.sealedCredentials = sealCredentials(Buffer.from(config.credentialsKey, 'hex'), channel, credentials)
    data.credentialsSummary = summarizeCredentials(channel, credentials)
  } catch (error) {
    if (error instanceof CredentialsError) throw refuse({ code: error.code, kind: 'invalid', message: error.message })
    throw error
  }
  data.credentialsSavedAt = new Date().toISOString()
  // New credentials: the last refusal and check no longer say anything about them.
  Object.assign(data, { needsReconnect: false, error: null, errorAt: null, checkedAccount: null, checkedAt: null, tokenExpiresAt: null })
  context[SAVED] = true
  return data
}

/** New credentials are tried at once: the row shows whose account they open a few seconds later. */
export const checkSavedCredentials: CollectionAfterChangeHook = async ({ doc, req, context }) => {
  if (context[SAVED]) await enqueueInTransaction(req, [{ queue: QUEUES.checkSocialAccounts, data: { reason: 'manual' } }])
  return doc
}

const INPUT_NAMES = new Set(
  Object.entries(CREDENTIAL_FIELDS).flatMap(([channel, fields]) => fields.map((field) => credentialInputName(channel as SocialChannel, field.key))),
)
const isCredentialInput = (name: string) => INPUT_NAMES.has(name)
