import type { Outcome } from './deliveryLedger'

interface SmtpError {
  message?: string
  code?: string
  command?: string
  responseCode?: number
  response?: string
}

/** Commands after which the server cannot yet have accepted the message: a failure there is safe to retry. */
const BEFORE_ACCEPTANCE = new Set(['CONN', 'EHLO', 'HELO', 'LHLO', 'STARTTLS', 'AUTH PLAIN', 'AUTH LOGIN', 'MAIL FROM', 'RCPT TO'])

/**
 * What a failed send means for the ledger. 4xx: try again later, with a doubling delay, up to maxAttempts.
 * 5xx refusing the address (RCPT TO): bounced, and the contact is suppressed. 5xx on the message itself
 * (DATA: too big, refused content): failed for this message only, the address may be fine. A connection lost
 * after the message was handed over: unknown (it may have arrived), never retried blindly.
 */
export function classifySmtpError({
  error,
  attempt,
  maxAttempts,
  retryDelayMs,
  now = new Date(),
}: {
  error: unknown
  attempt: number
  maxAttempts: number
  retryDelayMs: number
  now?: Date
}): Outcome {
  const e = (error ?? {}) as SmtpError
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : null
  const detail = (e.response ?? e.message ?? String(error)).slice(0, 400)
  const retryable = (responseCode !== null && responseCode >= 400 && responseCode < 500) || (responseCode === null && (e.code === 'ECONNECTION' || BEFORE_ACCEPTANCE.has(e.command ?? '')))
  if (retryable) {
    if (attempt >= maxAttempts) return { status: 'failed', responseCode, error: `Rechazo temporal ${attempt} veces; se dejó de intentar: ${detail}` }
    const delay = Math.min(retryDelayMs * 2 ** (attempt - 1), 60 * 60 * 1000)
    return { status: 'pending', responseCode, error: `Rechazo temporal (intento ${attempt} de ${maxAttempts}): ${detail}`, nextAttemptAt: new Date(now.getTime() + delay) }
  }
  if (responseCode !== null && responseCode >= 500) {
    return e.command === 'RCPT TO'
      ? { status: 'bounced', responseCode, error: `El servidor rechazó la dirección: ${detail}` }
      : { status: 'failed', responseCode, error: `El servidor rechazó el mensaje: ${detail}` }
  }
  return { status: 'unknown', responseCode, error: `Se perdió la conexión con el mensaje entregado al servidor; no se sabe si llegó: ${detail}` }
}
