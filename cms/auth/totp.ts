import { generateSecret, generateURI, verify } from 'otplib'
import QRCode from 'qrcode'

/**
 * Time-based one-time codes (RFC 6238: 6 digits, 30 s, SHA-1 — what every authenticator app reads).
 * A code is accepted from the step before to the step after (a clock a little off), and never twice:
 * the step it matched is kept and later codes must come after it.
 */
const ISSUER = 'Pregón'
const TOLERANCE_SECONDS = 30

export const newTotpSecret = (): string => generateSecret()

export async function totpEnrolment({ secret, account }: { secret: string; account: string }) {
  const uri = generateURI({ issuer: ISSUER, label: account, secret })
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 })
  return { uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` }
}

export type TotpCheck = { valid: true; timeStep: number } | { valid: false }

export async function checkTotp({ secret, code, afterTimeStep }: { secret: string; code: string; afterTimeStep?: number | null }): Promise<TotpCheck> {
  const token = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(token)) return { valid: false }
  const result = await verify({ secret, token, epochTolerance: TOLERANCE_SECONDS, ...(afterTimeStep == null ? {} : { afterTimeStep }) })
  return result.valid && 'timeStep' in result ? { valid: true, timeStep: result.timeStep } : { valid: false }
}
