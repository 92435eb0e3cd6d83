import { pbkdf2, randomBytes } from 'node:crypto'
import { promisify } from 'node:util'

/**
 * Payload 3.90's password hash (node_modules/payload/dist/auth/strategies/local/generatePasswordSaltHash.js,
 * not exported): PBKDF2-SHA256, 600,000 iterations, a 32-byte key, a 64-character hex salt, stored as
 * `pbkdf2-sha256-v1:<hex>`. tests/integration/cms/accounts.test.ts checks the stored prefix and that both
 * answers take about as long; if Payload changes its parameters, that test is the one to fail.
 */
export const PAYLOAD_HASH = { prefix: 'pbkdf2-sha256-v1:', iterations: 600_000, keyLength: 32, digest: 'sha256' } as const

const derive = promisify(pbkdf2)

/**
 * The work Payload does to check a password, done for an email that has no account, so that "no such
 * account" takes as long as "wrong password" and the time of the answer does not tell which one it was.
 */
export async function spendPasswordHashTime(password: string): Promise<void> {
  const salt = randomBytes(32).toString('hex')
  await derive(password, salt, PAYLOAD_HASH.iterations, PAYLOAD_HASH.keyLength, PAYLOAD_HASH.digest)
}
