import path from 'node:path'
import { CHANNEL_LABELS, composePostFor, socialSpec, type SocialChannel } from '@pregon/core/channels'
import type { Distribution, Media } from '@pregon/cms/worker'
import { SocialAccountUnavailable } from '../providers/accountProviders'
import { isSocialFailure, type FoundPost, type LinkCard, type SocialFailure, type SocialImage, type SocialProvider } from '../providers/SocialProvider'
import { decideAfterFailure, failedRowPatch, rateLimitReason, retryAt, type FailureDecision, type FailureRowPatch } from './decideAfterFailure'
import { distributedItemOf, itemLink } from '@pregon/core/distributedItem'
import { loadPublishedForPost } from './loadDistribution'
import { claimForSending, isJobActive, readLedgerRow, scheduleAttempt, updateAccount } from './socialLedger'
import { socialProviderOf, type TaskContext } from './TaskContext'
import { recordSocialPost } from '../expediente/recordSocialPost'
import { followUpOnNetwork } from './followUpOnNetwork'
import type { PostOptions, SocialOutcome } from './SocialOutcome'

export type { PostOptions, SocialOutcome } from './SocialOutcome'

const NAME = CHANNEL_LABELS
const DEFAULT_RETRY_BASE_MS = 5_000
const DEFAULT_MAX_ATTEMPTS = 8

/**
 * Posts one approved version of a bulletin or program to one social account, at most once, and leaves its ledger row
 * settled: sent (with the post's id and link), waiting (with when and why, and a job for then), failed
 * (with what to do), or unknown (flagged for a person). The row is claimed `sending` (committed) before the
 * post leaves; a post whose answer is lost, or a row a dead worker left `sending`, is looked up on the
 * account's recent posts, never sent again blindly.
 */
export async function postToNetwork(ctx: TaskContext, channel: SocialChannel, distributionId: number | string, { jobId }: PostOptions = {}): Promise<SocialOutcome> {
  const { payload, log } = ctx
  // Resolved with the row's account on the first look (the account of a row never changes).
  let provider!: SocialProvider
  const maxAttempts = ctx.social?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS
  const retryBaseMs = ctx.social?.retryBaseMs ?? DEFAULT_RETRY_BASE_MS
  const backoff = (attempt: number) => retryAt({ attempt, retryBaseMs, now: new Date() })
  const update = (data: Record<string, unknown>) => payload.update({ collection: 'distributions', id: distributionId, data, depth: 0 })
  const now = () => new Date().toISOString()

  for (;;) {
    // The row and its account's state, in one query (read again on every turn: another job may have moved it).
    const { row, account } = await readLedgerRow(payload, distributionId)
    // A correction's or withdrawal's row answers (or deletes) an earlier post: its own task, the same queue.
    if (row.purpose === 'correction' || row.purpose === 'withdrawal') return followUpOnNetwork(ctx, channel, distributionId, { jobId })
    if (['sent', 'failed', 'skipped'].includes(row.status)) return 'already-done'
    if (!provider) {
      try {
        provider = await socialProviderOf(ctx, channel, row.account)
      } catch (error) {
        if (!(error instanceof SocialAccountUnavailable)) throw error
        // A post that may have left stays for a person to check; one that never did fails until the account is back.
        const mayHavePosted = row.status === 'sending' || row.status === 'unknown'
        await update({
          status: mayHavePosted ? 'unknown' : 'failed',
          completedAt: now(),
          sendingJobId: null,
          nextAttemptAt: null,
          waitingReason: null,
          isRetryable: !mayHavePosted,
          errorCode: error.code,
          error: mayHavePosted ? `${error.message} No se pudo revisar si la publicación anterior salió: revisa la cuenta.` : error.message,
        })
        log.error({ distributionId, channel, account: row.account, code: error.code }, 'social account unavailable')
        return mayHavePosted ? 'unknown' : 'failed'
      }
    }
    if (row.status === 'sending') {
      // Another live job holds the claim: it settles the row. Otherwise the sender died mid-post.
      if (row.sendingJobId && jobId && row.sendingJobId !== jobId && (await isJobActive(payload, row.sendingJobId))) return 'busy'
      log.warn({ distributionId, channel }, 'found a post left sending: looking it up on the account')
      const settled = await settleUnknownOutcome(row, null)
      if (settled === 'resend') continue
      return settled
    }
    if (row.nextAttemptAt && new Date(row.nextAttemptAt).getTime() > Date.now() + 1_000) return 'busy' // its own job comes then
    if (row.status === 'unknown') {
      const settled = await settleUnknownOutcome(row, null)
      if (settled === 'resend') continue
      return settled
    }

    // The row is pending: what remains to check is the item (read once for all networks of a publication).
    const target = await loadPublishedForPost(payload, row)
    if (target.kind === 'gone') {
      await update({ status: 'skipped', completedAt: now(), error: target.reason, errorCode: 'DISTRIBUTION_GONE' })
      return 'gone'
    }
    if (target.kind !== 'ready') continue
    const { item, hero } = target
    const link = itemLink(ctx.config.portal.url, target.collection, item.slug ?? '')
    const { text } = composePostFor(channel, { item: target.postTexts, title: item.title, url: link })
    const image = socialImage(ctx, hero, socialSpec(channel).crop)
    const card: LinkCard = { url: link, title: item.title, description: item.summary ?? '', ...(hero ? { thumbnail: socialImage(ctx, hero, 'og') } : {}) }
    const detail = { text, image: image ? { filename: path.basename(image.path), alt: image.alt } : null }
    if (!image && 'needsImage' in socialSpec(channel)) {
      await update({
        status: 'skipped',
        completedAt: now(),
        detail,
        errorCode: 'SOCIAL_NEEDS_IMAGE',
        error:
          target.collection === 'programs'
            ? `${NAME[channel]} solo publica con una foto y los programas no llevan imagen: no se publicó ahí. Para anunciarlo ahí, publica un boletín con imagen que enlace al programa.`
            : `${NAME[channel]} solo publica con una foto y este boletín no tiene imagen principal: no se publicó ahí. Si hace falta, agrega una imagen en una corrección.`,
      })
      return 'skipped'
    }

    if (provider.mode === 'dry-run') {
      try {
        await provider.post({ text, link, card, ...(image ? { image } : {}) })
      } catch (error) {
        return fail(failedRowPatch({ row, error, channel, detail, now: new Date() }), error)
      }
      await update({
        status: 'skipped',
        attempts: (row.attempts ?? 0) + 1,
        completedAt: now(),
        detail: { dryRun: true, ...detail },
        error: null,
        errorCode: 'DRY_RUN',
      })
      log.info({ distributionId, item: `${target.collection}/${item.id}`, channel }, 'social dry run recorded')
      return 'dry-run'
    }

    if (account?.needsReconnect) {
      await update({
        status: 'failed',
        completedAt: now(),
        errorCode: 'SOCIAL_ACCOUNT_NEEDS_RECONNECT',
        isRetryable: true,
        error: `La cuenta de ${NAME[channel]} necesita reconectarse (rechazó las credenciales): no se intentó publicar. Cuando se renueven, usa «Reintentar».`,
      })
      return 'reconnect'
    }
    if (account?.rateLimitResetAt && new Date(account.rateLimitResetAt) > new Date()) {
      const at = new Date(account.rateLimitResetAt)
      await scheduleAttempt({ ctx, distribution: row, at, reason: rateLimitReason({ channel, until: formatTime(ctx, at) }) })
      return 'waiting'
    }

    const earlier = (row.detail ?? {}) as { firstAttemptAt?: string; postKey?: string }
    // Made once, before the first attempt, and kept: every retry sends the same key (see SocialPostInput.postKey).
    const postKey = earlier.postKey ?? provider.makePostKey?.()
    const claimedDetail = { ...detail, firstAttemptAt: earlier.firstAttemptAt ?? now(), ...(postKey ? { postKey } : {}) }
    const claim = await claimForSending({
      payload,
      distribution: row,
      jobId,
      budget: socialSpec(channel).dailyPostBudget(ctx.config),
      detail: claimedDetail,
    })
    if (claim.kind === 'lost') return 'busy'
    if (claim.kind === 'over-budget') {
      await scheduleAttempt({
        ctx,
        distribution: row,
        at: claim.until,
        reason: `Límite diario de ${NAME[channel]} alcanzado (${claim.used} de ${ctx.config.x.dailyPostBudget} en 24 horas): sale a partir de ${formatTime(ctx, claim.until)}, los urgentes primero.`,
      })
      log.info({ distributionId, channel, until: claim.until }, 'daily post budget reached: waiting')
      return 'waiting'
    }

    try {
      const result = await provider.post({ text, link, card, ...(image ? { image } : {}), idempotencyKey: idempotencyKeyOf(row), ...(postKey ? { postKey } : {}) })
      if (result.kind !== 'posted') throw new Error('A live provider answered like a dry run')
      await update({
        status: 'sent',
        remoteId: result.id,
        remoteUrl: result.url,
        completedAt: now(),
        error: null,
        errorCode: null,
        waitingReason: null,
        // Bluesky: a later reply (a correction, a withdrawal notice) must name the post's cid.
        ...(result.cid ? { detail: { ...((row.detail as object | null) ?? {}), ...claimedDetail, cid: result.cid } } : {}),
      })
      await recordSocialPost(ctx, { distribution: row, channel, remoteId: result.id, url: result.url, text, imagePath: image?.path ?? null })
      if (result.rateLimit) {
        const isExhausted = result.rateLimit.remaining <= 0
        await updateAccount(payload, { channel, account: row.account }, {
          needsReconnect: false,
          rateLimitRemaining: result.rateLimit.remaining,
          rateLimitResetAt: isExhausted ? result.rateLimit.resetAt.toISOString() : null,
        })
      }
      log.info({ distributionId, item: `${target.collection}/${item.id}`, channel, remoteId: result.id }, 'posted')
      return 'sent'
    } catch (error) {
      const claimed = { ...row, attempts: claim.attempts }
      const decision = decideAfterFailure({ row: claimed, error, channel, detail, maxAttempts, retryBaseMs, now: new Date(), formatTime: (at) => formatTime(ctx, at) })
      const settled = await applyDecision(claimed, error, decision)
      if (settled === 'resend') continue
      return settled
    }
  }

  async function applyDecision(row: Distribution, error: unknown, decision: FailureDecision): Promise<SocialOutcome | 'resend'> {
    const code = isSocialFailure(error) ? error.code : undefined
    switch (decision.kind) {
      case 'look-up':
        log.warn({ distributionId, channel, code, err: error }, 'post outcome unknown: looking it up')
        return settleUnknownOutcome(row, error)
      case 'wait': {
        const { at, reason, accountPatch } = decision
        // Only a rate limit holds back the whole account; a network that answered badly is retried alone.
        if (accountPatch) await updateAccount(payload, { channel, account: row.account }, accountPatch)
        await scheduleAttempt({ ctx, distribution: row, at, reason, error: decision.error, errorCode: decision.errorCode })
        if (accountPatch) log.info({ distributionId, channel, until: at }, 'rate limited: waiting for the reset')
        return 'waiting'
      }
      case 'reconnect':
        await updateAccount(payload, { channel, account: row.account }, decision.accountPatch)
        await update(decision.rowPatch)
        log.error({ distributionId, channel, code }, 'credentials refused: account needs reconnecting')
        return 'reconnect'
      case 'fail':
        return fail(decision.rowPatch, error)
    }
  }

  async function fail(rowPatch: FailureRowPatch, error: unknown): Promise<SocialOutcome> {
    await update(rowPatch)
    log.error({ distributionId, channel, code: isSocialFailure(error) ? error.code : undefined, err: error }, 'post failed')
    return 'failed'
  }

  /**
   * The post may be on the account. Look for the item's link among its recent posts: found, it is sent;
   * not found, a network that honours idempotency keys (Mastodon, within its window) gets the same request
   * again, and X's is flagged "sin confirmar" for a person to check ("reintentar" / "marcar como publicado").
   */
  async function settleUnknownOutcome(row: Distribution, cause: unknown): Promise<SocialOutcome | 'resend'> {
    const named = distributedItemOf(row)
    const item = named ? ((await payload.findByID({ collection: named.collection, id: named.id, depth: 0, disableErrors: true })) as { slug?: string | null } | null) : null
    const link = named && item ? itemLink(ctx.config.portal.url, named.collection, item.slug ?? '') : null
    const causeText = isSocialFailure(cause) ? cause.message : cause ? `${(cause as Error).message}` : 'el intento anterior se interrumpió mientras publicaba'
    const reconciles = ((row.detail as { reconcileAttempts?: number } | null)?.reconcileAttempts ?? 0) + 1
    if (!provider.findRecentPost) {
      // A Telegram bot cannot read its channel: nobody but a person can tell whether the post is there.
      await update({
        status: 'unknown',
        completedAt: now(),
        sendingJobId: null,
        nextAttemptAt: null,
        waitingReason: null,
        errorCode: isSocialFailure(cause) ? cause.code : 'SOCIAL_OUTCOME_UNKNOWN',
        error: `No se sabe si se publicó en ${NAME[channel]}: ${causeText}. ${NAME[channel]} no deja que Pregón revise las publicaciones de la cuenta: revisa el canal; si está, usa «Marcar como publicado»; si no, «Reintentar».`,
      })
      log.warn({ distributionId, channel }, 'post outcome unknown on a network that cannot be read back: flagged for a person')
      return 'unknown'
    }
    const postKey = (row.detail as { postKey?: string } | null)?.postKey
    let found: FoundPost | null = null
    try {
      found = link ? await provider.findRecentPost(link, postKey ? { postKey } : {}) : null
    } catch (readError) {
      const message = `No se sabe si se publicó en ${NAME[channel]} (${causeText}) y no se pudo revisar la cuenta: ${(readError as Error).message}`
      await update({ detail: { ...((row.detail as object | null) ?? {}), reconcileAttempts: reconciles } })
      if (reconciles < maxAttempts) {
        const at = backoff(reconciles)
        await scheduleAttempt({ ctx, distribution: row, status: 'unknown', at, reason: `Se volverá a revisar la cuenta a las ${formatTime(ctx, at)}.`, error: message, errorCode: 'SOCIAL_OUTCOME_UNKNOWN' })
      } else {
        await update({ status: 'unknown', completedAt: now(), error: `${message}. Revisa la cuenta: si está, usa «Marcar como publicado»; si no, «Reintentar».`, errorCode: 'SOCIAL_OUTCOME_UNKNOWN', nextAttemptAt: null, waitingReason: null })
      }
      return 'unknown'
    }
    if (found) {
      await update({
        status: 'sent',
        remoteId: found.id,
        remoteUrl: found.url,
        completedAt: now(),
        error: null,
        errorCode: null,
        nextAttemptAt: null,
        waitingReason: null,
        detail: { ...((row.detail as object | null) ?? {}), reconciled: true, reconcileAttempts: reconciles },
      })
      await recordSocialPost(ctx, { distribution: row, channel, remoteId: found.id, url: found.url })
      log.info({ distributionId, channel, remoteId: found.id }, 'unknown outcome settled: the post is on the account')
      return 'sent'
    }
    const firstAttemptAt = new Date((row.detail as { firstAttemptAt?: string } | null)?.firstAttemptAt ?? row.lastAttemptAt ?? Date.now())
    if (provider.canResendSafely?.(firstAttemptAt) && (row.attempts ?? 0) < maxAttempts) {
      // Same Idempotency-Key: if the first request did create the post, the server answers with it.
      await update({ status: 'pending', sendingJobId: null, error: causeText, errorCode: 'SOCIAL_OUTCOME_UNKNOWN', detail: { ...((row.detail as object | null) ?? {}), reconcileAttempts: reconciles } })
      return 'resend'
    }
    await update({
      status: 'unknown',
      completedAt: now(),
      sendingJobId: null,
      nextAttemptAt: null,
      waitingReason: null,
      errorCode: isSocialFailure(cause) ? cause.code : 'SOCIAL_OUTCOME_UNKNOWN',
      error: `No se sabe si se publicó en ${NAME[channel]}: ${causeText}. No aparece entre las publicaciones recientes de la cuenta. Revisa la cuenta: si está, usa «Marcar como publicado»; si no, «Reintentar».`,
      detail: { ...((row.detail as object | null) ?? {}), reconcileAttempts: reconciles },
    })
    log.warn({ distributionId, channel }, 'post outcome unknown and not found on the account: flagged for a person')
    return 'unknown'
  }
}

/**
 * The item's image as a network takes it: the crop the catalogue names (cut around the focal point when
 * it was uploaded), or the original for media older than the crops, with its public address on the portal.
 */
function socialImage(ctx: TaskContext, hero: Media | null, crop: 'x' | 'og' | 'vertical' | 'square' | undefined): SocialImage | undefined {
  if (!hero) return undefined
  const sizes = (hero.sizes ?? {}) as Record<string, { filename?: string | null; mimeType?: string | null } | undefined>
  const file = crop && sizes[crop]?.filename ? sizes[crop]! : hero
  if (!file.filename) return undefined
  return {
    path: path.join(ctx.config.mediaDir, file.filename),
    mimeType: file.mimeType ?? 'image/jpeg',
    alt: hero.alt,
    url: `${ctx.config.portal.url}/media/${encodeURIComponent(file.filename)}`,
  }
}

function formatTime(ctx: TaskContext, at: Date): string {
  const timeZone = ctx.timeZone ?? 'America/Mexico_City'
  return new Intl.DateTimeFormat('es-MX', { dateStyle: 'short', timeStyle: 'short', timeZone }).format(at)
}

export type { SocialFailure }

/** One key per distribution row and version (the column is required; the admin's display condition makes its type optional). */
const idempotencyKeyOf = (row: { id: number; versionHash?: string | null }) => `pregon-distribution-${row.id}-${(row.versionHash ?? '').slice(0, 16)}`
