import { CHANNEL_LABELS, socialSpec, type SocialChannel } from '@pregon/core/channels'
import type { FollowUpDetail } from '@pregon/core/networkFollowUps'
import type { Distribution } from '@pregon/cms/worker'
import { SocialAccountUnavailable } from '../providers/accountProviders'
import { isSocialFailure, type SocialProvider } from '../providers/SocialProvider'
import { recordSocialPost } from '../expediente/recordSocialPost'
import { decideAfterFailure, rateLimitReason, retryAt } from './decideAfterFailure'
import { followUpStepFor, isDeleteRefused, type FollowUpStep } from './followUpStepFor'
import { claimForSending, isJobActive, readLedgerRow, scheduleAttempt, updateAccount } from './socialLedger'
import { socialProviderOf, type TaskContext } from './TaskContext'
import type { PostOptions, SocialOutcome } from './SocialOutcome'

const NAME = CHANNEL_LABELS
const DEFAULT_RETRY_BASE_MS = 5_000
const DEFAULT_MAX_ATTEMPTS = 8

/** What the worker adds to a follow-up row's detail: what it did (a delete may become a reply), and its keys. */
interface FollowUpProgress {
  followUp?: FollowUpDetail
  done?: 'reply' | 'delete'
  fallbackReason?: string | null
  firstAttemptAt?: string
  postKey?: string
}

/**
 * Carries out one follow-up row (purpose `correction` or `withdrawal`, written with the workflow step by
 * cms/distribution/distributeFollowUps): answers the original post with the row's text, or deletes it, at most
 * once. The same ledger rules as a post: claimed `sending` (committed) before the request leaves; waits for
 * rate limits and the daily budget without burning attempts; refused credentials flag the account. A reply whose
 * answer was lost is never sent again blindly: Bluesky reads its record back by key, Mastodon re-sends with the
 * same Idempotency-Key within its window, the others are flagged «Sin confirmar» for a person. A delete is safe
 * to repeat (a post already gone counts as deleted).
 */
export async function followUpOnNetwork(ctx: TaskContext, channel: SocialChannel, distributionId: number | string, { jobId }: PostOptions = {}): Promise<SocialOutcome> {
  const { payload, log } = ctx
  let provider!: SocialProvider
  const maxAttempts = ctx.social?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
  const retryBaseMs = ctx.social?.retryBaseMs ?? DEFAULT_RETRY_BASE_MS
  const update = (data: Record<string, unknown>) => payload.update({ collection: 'distributions', id: distributionId, data, depth: 0 })
  const now = () => new Date().toISOString()
  const formatTime = (at: Date) =>
    new Intl.DateTimeFormat('es-MX', { dateStyle: 'short', timeStyle: 'short', timeZone: ctx.timeZone ?? 'America/Mexico_City' }).format(at)

  for (;;) {
    const { row, account } = await readLedgerRow(payload, distributionId)
    if (['sent', 'failed', 'skipped'].includes(row.status)) return 'already-done'
    const progress = (row.detail ?? {}) as FollowUpProgress
    const followUp = progress.followUp
    if (!followUp) {
      await update({ status: 'failed', completedAt: now(), errorCode: 'SOCIAL_FOLLOW_UP_INVALID', isRetryable: false, error: 'Esta difusión no dice a qué publicación responder: es una falla de Pregón, avisa al equipo técnico.' })
      return 'failed'
    }
    const what = followUp.kind === 'correction' ? 'la respuesta con la corrección' : 'el aviso de retiro'
    if (!provider) {
      try {
        provider = await socialProviderOf(ctx, channel, row.account)
      } catch (error) {
        if (!(error instanceof SocialAccountUnavailable)) throw error
        const mayHaveGone = row.status === 'sending' || row.status === 'unknown'
        await update({ status: mayHaveGone ? 'unknown' : 'failed', completedAt: now(), sendingJobId: null, nextAttemptAt: null, waitingReason: null, isRetryable: !mayHaveGone, errorCode: error.code, error: error.message })
        return mayHaveGone ? 'unknown' : 'failed'
      }
    }
    // Decided once and kept: a delete that became a reply stays a reply on every retry.
    const step: FollowUpStep = progress.done
      ? progress.done === 'delete'
        ? { kind: 'delete' }
        : { kind: 'reply', fallbackReason: progress.fallbackReason ?? null }
      : followUpStepFor({ action: followUp.action, kind: followUp.kind, channel, canReply: Boolean(provider.reply), canDelete: Boolean(provider.deletePost) })

    if (row.status === 'sending') {
      if (row.sendingJobId && jobId && row.sendingJobId !== jobId && (await isJobActive(payload, row.sendingJobId))) return 'busy'
      log.warn({ distributionId, channel }, 'found a follow-up left sending')
      const settled = await settleLostAnswer(row, step, null)
      if (settled === 'again') continue
      return settled
    }
    if (row.nextAttemptAt && new Date(row.nextAttemptAt).getTime() > Date.now() + 1_000) return 'busy'
    if (row.status === 'unknown') {
      const settled = await settleLostAnswer(row, step, null)
      if (settled === 'again') continue
      return settled
    }

    if (step.kind === 'unavailable') {
      await update({ status: 'skipped', completedAt: now(), errorCode: 'SOCIAL_FOLLOW_UP_UNAVAILABLE', error: step.reason })
      return 'skipped'
    }
    const done = { done: step.kind, fallbackReason: step.kind === 'reply' ? step.fallbackReason : null }
    if (provider.mode === 'dry-run') {
      try {
        if (step.kind === 'reply') await provider.reply!({ toPostId: followUp.toPostId ?? 'simulación', text: followUp.text, ...(followUp.link ? { link: followUp.link } : {}) })
      } catch (error) {
        await update({ status: 'failed', completedAt: now(), error: isSocialFailure(error) ? error.message : String(error), errorCode: isSocialFailure(error) ? error.code : 'SOCIAL_UNEXPECTED', isRetryable: false })
        return 'failed'
      }
      await update({ status: 'skipped', attempts: (row.attempts ?? 0) + 1, completedAt: now(), detail: { ...progress, ...done, dryRun: true }, error: null, errorCode: 'DRY_RUN' })
      log.info({ distributionId, channel, step: step.kind }, 'follow-up dry run recorded')
      return 'dry-run'
    }
    if (!followUp.toPostId) {
      await update({
        status: 'skipped',
        completedAt: now(),
        errorCode: 'SOCIAL_FOLLOW_UP_NO_ORIGINAL',
        error: `La publicación original en ${NAME[channel]} fue una simulación (sin credenciales): no hay publicación que ${step.kind === 'delete' ? 'borrar' : 'responder'}.`,
      })
      return 'skipped'
    }
    if (account?.needsReconnect) {
      await update({
        status: 'failed',
        completedAt: now(),
        errorCode: 'SOCIAL_ACCOUNT_NEEDS_RECONNECT',
        isRetryable: true,
        error: `La cuenta de ${NAME[channel]} necesita reconectarse (rechazó las credenciales): no se intentó ${step.kind === 'delete' ? 'borrar la publicación' : `publicar ${what}`}. Cuando se renueven, usa «Reintentar».`,
      })
      return 'reconnect'
    }
    if (account?.rateLimitResetAt && new Date(account.rateLimitResetAt) > new Date()) {
      const at = new Date(account.rateLimitResetAt)
      await scheduleAttempt({ ctx, distribution: row, at, reason: rateLimitReason({ channel, until: formatTime(at) }) })
      return 'waiting'
    }

    const postKey = step.kind === 'reply' ? (progress.postKey ?? provider.makePostKey?.()) : undefined
    const claim = await claimForSending({
      payload,
      distribution: row,
      jobId,
      // A reply is a post and counts against the account's daily budget; a delete posts nothing.
      budget: step.kind === 'reply' ? socialSpec(channel).dailyPostBudget(ctx.config) : null,
      detail: { ...done, firstAttemptAt: progress.firstAttemptAt ?? now(), ...(postKey ? { postKey } : {}) },
    })
    if (claim.kind === 'lost') return 'busy'
    if (claim.kind === 'over-budget') {
      await scheduleAttempt({ ctx, distribution: row, at: claim.until, reason: `Límite diario de ${NAME[channel]} alcanzado (${claim.used} en 24 horas): ${what} sale a partir de ${formatTime(claim.until)}.` })
      return 'waiting'
    }

    try {
      if (step.kind === 'delete') {
        await provider.deletePost!(followUp.toPostId)
        await update({ status: 'sent', remoteId: followUp.toPostId, completedAt: now(), error: null, errorCode: null, waitingReason: null })
        log.info({ distributionId, channel, remoteId: followUp.toPostId }, 'original post deleted')
        return 'sent'
      }
      const result = await provider.reply!({
        toPostId: followUp.toPostId,
        toPostCid: followUp.toPostCid,
        text: followUp.text,
        ...(followUp.link ? { link: followUp.link } : {}),
        idempotencyKey: `pregon-distribution-${row.id}-${(row.versionHash ?? '').slice(-16)}`,
        ...(postKey ? { postKey } : {}),
      })
      if (result.kind !== 'posted') throw new Error('A live provider answered like a dry run')
      await update({ status: 'sent', remoteId: result.id, remoteUrl: result.url, completedAt: now(), error: null, errorCode: null, waitingReason: null })
      await recordSocialPost(ctx, { distribution: row, channel, remoteId: result.id, url: result.url, text: followUp.text, imagePath: null })
      if (result.rateLimit) {
        await updateAccount(payload, { channel, account: row.account }, {
          needsReconnect: false,
          rateLimitRemaining: result.rateLimit.remaining,
          rateLimitResetAt: result.rateLimit.remaining <= 0 ? result.rateLimit.resetAt.toISOString() : null,
        })
      }
      log.info({ distributionId, channel, remoteId: result.id, inReplyTo: followUp.toPostId }, 'follow-up reply posted')
      return 'sent'
    } catch (error) {
      const claimed = { ...row, attempts: claim.attempts }
      if (step.kind === 'delete' && isDeleteRefused(error)) {
        // This post cannot be deleted any more (a Telegram bot, after 48 hours): answer it instead.
        const reason = `${(error as Error).message} En su lugar se respondió a la publicación original con ${what}.`
        await update({ status: 'pending', sendingJobId: null, detail: { ...progress, done: 'reply', fallbackReason: reason } })
        continue
      }
      const decision = decideAfterFailure({ row: claimed, error, channel, detail: {}, maxAttempts, retryBaseMs, now: new Date(), formatTime })
      const code = isSocialFailure(error) ? error.code : undefined
      if (decision.kind === 'look-up') {
        const settled = await settleLostAnswer(claimed, step, error)
        if (settled === 'again') continue
        return settled
      }
      if (decision.kind === 'wait') {
        if (decision.accountPatch) await updateAccount(payload, { channel, account: row.account }, decision.accountPatch)
        await scheduleAttempt({ ctx, distribution: row, at: decision.at, reason: decision.reason, error: decision.error, errorCode: decision.errorCode })
        return 'waiting'
      }
      if (decision.kind === 'reconnect') {
        await updateAccount(payload, { channel, account: row.account }, decision.accountPatch)
        await update(decision.rowPatch)
        log.error({ distributionId, channel, code }, 'credentials refused on a follow-up: account needs reconnecting')
        return 'reconnect'
      }
      await update(decision.rowPatch)
      log.error({ distributionId, channel, code, err: error }, 'follow-up failed')
      return 'failed'
    }
  }

  /**
   * The request may have been handled and its answer is lost. A delete is asked again (one already gone counts
   * as deleted). A reply is looked up by its record key (Bluesky), re-sent with the same key where the network
   * makes that safe (Mastodon, within its window), or flagged for a person.
   */
  async function settleLostAnswer(row: Distribution, step: FollowUpStep, cause: unknown): Promise<SocialOutcome | 'again'> {
    const attempts = row.attempts ?? 0
    const progress = (row.detail ?? {}) as FollowUpProgress
    const causeText = isSocialFailure(cause) ? cause.message : cause ? (cause as Error).message : 'el intento anterior se interrumpió'
    if (step.kind === 'delete' || step.kind === 'unavailable') {
      if (attempts < maxAttempts) {
        const at = retryAt({ attempt: Math.max(1, attempts), retryBaseMs, now: new Date() })
        await scheduleAttempt({ ctx, distribution: row, at, reason: `Se volverá a intentar borrar la publicación a las ${formatTime(at)}.`, error: causeText, errorCode: 'SOCIAL_OUTCOME_UNKNOWN' })
        return 'waiting'
      }
      await update({ status: 'failed', completedAt: now(), sendingJobId: null, isRetryable: true, errorCode: 'SOCIAL_OUTCOME_UNKNOWN', error: `No se pudo confirmar el borrado en ${NAME[channel]}: ${causeText}. Usa «Reintentar».` })
      return 'failed'
    }
    if (progress.postKey && provider.findRecentPost) {
      try {
        const found = await provider.findRecentPost('', { postKey: progress.postKey })
        if (found) {
          await update({ status: 'sent', remoteId: found.id, remoteUrl: found.url, completedAt: now(), sendingJobId: null, error: null, errorCode: null, nextAttemptAt: null, waitingReason: null })
          await recordSocialPost(ctx, { distribution: row, channel, remoteId: found.id, url: found.url, text: progress.followUp?.text ?? null, imagePath: null })
          return 'sent'
        }
      } catch (readError) {
        log.warn({ distributionId, channel, err: readError }, 'follow-up reply could not be looked up')
      }
    }
    const firstAttemptAt = new Date(progress.firstAttemptAt ?? row.lastAttemptAt ?? Date.now())
    if (provider.canResendSafely?.(firstAttemptAt) && attempts < maxAttempts) {
      await update({ status: 'pending', sendingJobId: null, error: causeText, errorCode: 'SOCIAL_OUTCOME_UNKNOWN' })
      return 'again'
    }
    await update({
      status: 'unknown',
      completedAt: now(),
      sendingJobId: null,
      nextAttemptAt: null,
      waitingReason: null,
      errorCode: isSocialFailure(cause) ? cause.code : 'SOCIAL_OUTCOME_UNKNOWN',
      error: `No se sabe si la respuesta salió en ${NAME[channel]}: ${causeText}. Revisa las respuestas de la publicación original: si está, usa «Marcar como publicado»; si no, «Reintentar».`,
    })
    log.warn({ distributionId, channel }, 'follow-up reply outcome unknown: flagged for a person')
    return 'unknown'
  }
}
