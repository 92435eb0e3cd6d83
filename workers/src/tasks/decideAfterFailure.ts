import { CHANNEL_LABELS, type SocialChannel } from '@pregon/core/channels'
import type { Distribution, SocialAccount } from '@pregon/cms/worker'
import { isSocialFailure } from '../providers/SocialProvider'

/** What the ledger row gets when a post ends without being sent. */
export type FailureRowPatch = Required<Pick<Distribution, 'status' | 'completedAt' | 'error' | 'errorCode' | 'isRetryable'>> & Pick<Distribution, 'detail'>

/** What the worker learns about the account from a failure (see `updateAccount`). */
export type FailureAccountPatch = Partial<Pick<SocialAccount, 'needsReconnect' | 'error' | 'errorAt' | 'rateLimitResetAt' | 'rateLimitRemaining'>>

/**
 * What to do after a post failed. 'look-up': the post may be on the account, look before anything else.
 * 'wait': back to pending until `at` (with the job for then), telling the account to wait when there is an
 * `accountPatch` (a rate limit). 'reconnect': the credentials were refused; the account is flagged and the row
 * fails retryable. 'fail': the row fails for a person to act on.
 */
export type FailureDecision =
  | { kind: 'look-up' }
  | { kind: 'wait'; at: Date; reason: string; error: string; errorCode: string; accountPatch: FailureAccountPatch | null }
  | { kind: 'reconnect'; accountPatch: FailureAccountPatch; rowPatch: FailureRowPatch }
  | { kind: 'fail'; rowPatch: FailureRowPatch }

const MAX_BACKOFF_MS = 30 * 60 * 1000

/** When to try again after `attempt` attempts: doubling from `retryBaseMs`, capped at half an hour. */
export function retryAt({ attempt, retryBaseMs, now }: { attempt: number; retryBaseMs: number; now: Date }): Date {
  return new Date(now.getTime() + Math.min(retryBaseMs * 2 ** Math.max(0, attempt - 1), MAX_BACKOFF_MS))
}

/** Why a post waits for a network's rate limit to reset, as the «Difusión» panel says it. */
export function rateLimitReason({ channel, until }: { channel: SocialChannel; until: string }): string {
  return `${CHANNEL_LABELS[channel]} pidió esperar hasta ${until} (límite de publicaciones); sale entonces, sin hacer nada más.`
}

/**
 * Decides, without touching anything, what a failed post means for its ledger row and its account. `row` is
 * the row as claimed (its `attempts` count this one); `detail` is what this attempt tried to post;
 * `formatTime` writes a time the way editors read it.
 */
export function decideAfterFailure({
  row,
  error,
  channel,
  detail,
  maxAttempts,
  retryBaseMs,
  now,
  formatTime,
}: {
  row: Pick<Distribution, 'attempts' | 'detail'>
  error: unknown
  channel: SocialChannel
  detail: Record<string, unknown>
  maxAttempts: number
  retryBaseMs: number
  now: Date
  formatTime: (at: Date) => string
}): FailureDecision {
  // A failure that is not the network's (a bug) may come after the post left: treat it as unknown.
  if (!isSocialFailure(error) || error.isOutcomeUnknown || error.category === 'duplicate') return { kind: 'look-up' }
  const name = CHANNEL_LABELS[channel]
  if (error.category === 'rate-limited') {
    const at = error.resetAt ?? retryAt({ attempt: row.attempts ?? 1, retryBaseMs, now })
    return {
      kind: 'wait',
      at,
      reason: rateLimitReason({ channel, until: formatTime(at) }),
      error: error.message,
      errorCode: error.code,
      accountPatch: { rateLimitResetAt: at.toISOString(), rateLimitRemaining: 0 },
    }
  }
  if (error.category === 'auth') {
    return {
      kind: 'reconnect',
      accountPatch: { needsReconnect: true, error: error.message, errorAt: now.toISOString() },
      rowPatch: { status: 'failed', completedAt: now.toISOString(), error: error.message, errorCode: error.code, isRetryable: true },
    }
  }
  if (error.category === 'unavailable' && (row.attempts ?? 0) < maxAttempts) {
    const at = retryAt({ attempt: row.attempts ?? 1, retryBaseMs, now })
    return {
      kind: 'wait',
      at,
      reason: `${name} no respondió bien (intento ${row.attempts}); se reintenta a las ${formatTime(at)}.`,
      error: error.message,
      errorCode: error.code,
      accountPatch: null,
    }
  }
  const rowPatch = failedRowPatch({ row, error, channel, detail, now })
  // The network's own words promise another try ("se reintentará"); none comes now, so say so and what to do.
  if (error.category === 'unavailable') {
    rowPatch.error = `${name} no respondió bien en ${row.attempts} intentos y Pregón dejó de reintentar. Último error: ${error.message} Cuando la red responda, usa «Reintentar».`
  }
  return { kind: 'fail', rowPatch }
}

/**
 * The row of a post that failed for good: the network's own message and code, or, for an error that is not
 * the network's, an unexpected-error message. Only a network that stayed unavailable is worth retrying.
 */
export function failedRowPatch({
  row,
  error,
  channel,
  detail,
  now,
}: {
  row: Pick<Distribution, 'detail'>
  error: unknown
  channel: SocialChannel
  detail: Record<string, unknown>
  now: Date
}): FailureRowPatch {
  const failure = isSocialFailure(error) ? error : null
  return {
    status: 'failed',
    completedAt: now.toISOString(),
    detail: { ...((row.detail as object | null) ?? {}), ...detail },
    error: failure?.message ?? `Error inesperado al publicar en ${CHANNEL_LABELS[channel]}: ${(error as Error).message}`,
    errorCode: failure?.code ?? 'SOCIAL_UNEXPECTED',
    isRetryable: failure?.category === 'unavailable',
  }
}
