import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { PregonError } from '@pregon/core/PregonError'

/**
 * How many failed sign-ins Pregón lets through before it answers 429, counted where they come from rather
 * than against the account: a per-account lock lets anyone lock the administrator out by typing wrong
 * passwords on purpose. The counters live in this process's memory (the CMS is one server process); a
 * restart forgets them, which only gives an attacker a fresh, equally small allowance.
 */
export const LOGIN_LIMITS = {
  /** Failures from one client address across every account (an office behind one NAT shares it). */
  perClient: { points: 15, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  /** Consecutive failures from one client address on one account; a successful sign-in clears them. */
  perClientAndAccount: { points: 5, durationSeconds: 60 * 60, blockSeconds: 15 * 60 },
} as const

export const AUTH_TOO_MANY_ATTEMPTS = 'AUTH_TOO_MANY_ATTEMPTS'

export interface LoginAttempt {
  client: string
  /** The email as Payload looks it up (trimmed, lower case). */
  account: string
}

export interface LoginThrottle {
  /** Counts an attempt before the password is checked; throws a 429 PregonError when the client must wait. */
  begin(attempt: LoginAttempt): Promise<void>
  /** The attempt signed in: it does not count against the client, and the pair starts again from zero. */
  succeeded(attempt: LoginAttempt): Promise<void>
}

function limiter(keyPrefix: string, limit: { points: number; durationSeconds: number; blockSeconds: number }) {
  return new RateLimiterMemory({ keyPrefix, points: limit.points, duration: limit.durationSeconds, blockDuration: limit.blockSeconds })
}

export function tooManyAttempts(retryAfterSeconds: number): PregonError {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60))
  return new PregonError({
    code: AUTH_TOO_MANY_ATTEMPTS,
    kind: 'slow-down',
    message: `Demasiados intentos fallidos de inicio de sesión desde esta conexión. Espera ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'} y vuelve a intentarlo; si no recuerdas tu contraseña, usa «¿Olvidaste tu contraseña?».`,
    details: { retryAfterSeconds },
  })
}

/**
 * An attempt is counted when it starts and given back when it succeeds, so what stays counted are the
 * failures — whatever made them fail (wrong password, unknown email, wrong second-factor code) — and
 * parallel guesses cannot slip past the limit while the first ones are still being hashed.
 */
export function createLoginThrottle(limits = LOGIN_LIMITS): LoginThrottle {
  const byClient = limiter('login-client', limits.perClient)
  const byPair = limiter('login-client-account', limits.perClientAndAccount)
  const pairKey = ({ client, account }: LoginAttempt) => `${client}|${account}`

  const consume = async (counter: RateLimiterMemory, key: string) => {
    try {
      await counter.consume(key)
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) throw tooManyAttempts(Math.ceil(refusal.msBeforeNext / 1000))
      throw refusal
    }
  }

  return {
    async begin(attempt) {
      await consume(byClient, attempt.client)
      await consume(byPair, pairKey(attempt))
    },
    async succeeded(attempt) {
      await byClient.reward(attempt.client, 1)
      await byPair.delete(pairKey(attempt))
    },
  }
}
