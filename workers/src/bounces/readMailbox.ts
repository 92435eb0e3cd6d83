import type { BounceMailbox } from '@pregon/core/bounceMailbox'
import { ImapFlow } from 'imapflow'
import type { Logger } from 'pino'
import { applyMailboxMessage, type Queryable } from './applyMailboxMessage'
import { bounceMailboxError } from './bounceMailboxError'
import { classifyMailboxMessage } from './classifyMailboxMessage'

/** Kept on messages Pregón did not understand: they stay unseen for a person, and are not parsed again. */
export const UNHANDLED_KEYWORD = 'PregonSinProcesar'
/** One run reads at most this many messages; the rest wait for the next run. */
export const MAX_MESSAGES_PER_RUN = 200
/** Larger messages are no bounce or unsubscribe of ours (a DSN quotes at most our message). */
const MAX_MESSAGE_BYTES = 5 * 1024 * 1024

export interface MailboxRun {
  /** Unseen messages looked at. */
  read: number
  handled: number
  unhandled: number
  contactsBounced: number
  subscribersBounced: number
  deliveriesBounced: number
  unsubscribed: number
  unverifiedTokens: number
}

/**
 * One pass over the bounce mailbox: each unseen message not yet set aside is classified and applied; a
 * handled one is marked \Seen and moved to Pregon/Procesados, one not understood keeps its unseen state and
 * gets UNHANDLED_KEYWORD (or \Flagged, where the server keeps no keywords) so it is read once. Connection,
 * login and timeout failures reject with a PregonError (bounceMailboxError).
 */
export async function readMailbox({ mailbox, db, secret, log, timeoutMs = 30_000 }: { mailbox: BounceMailbox; db: Queryable; secret: string | undefined; log: Logger; timeoutMs?: number }): Promise<MailboxRun> {
  const run: MailboxRun = { read: 0, handled: 0, unhandled: 0, contactsBounced: 0, subscribersBounced: 0, deliveriesBounced: 0, unsubscribed: 0, unverifiedTokens: 0 }
  const client = new ImapFlow({
    host: mailbox.host,
    port: mailbox.port,
    secure: mailbox.isSecure,
    auth: { user: mailbox.user, pass: mailbox.password },
    logger: false,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: 4 * timeoutMs,
    disableAutoIdle: true,
  })
  // An 'error' event without a listener would throw out of the socket's callback and end the worker.
  client.on('error', (error: Error & { code?: string }) => log.warn({ code: error.code ?? 'IMAP_ERROR' }, 'bounce mailbox connection error'))
  try {
    await client.connect()
    const processed = (await client.mailboxCreate([...mailbox.processedFolder])).path
    const lock = await client.getMailboxLock(mailbox.folder)
    try {
      const flags = client.mailbox ? client.mailbox.permanentFlags : undefined
      const canKeepKeywords = flags?.has('\\*') ?? false
      const aside = canKeepKeywords ? UNHANDLED_KEYWORD : '\\Flagged'
      const uids = (await client.search(canKeepKeywords ? { seen: false, unKeyword: UNHANDLED_KEYWORD } : { seen: false, flagged: false }, { uid: true })) || []
      for (const uid of uids.slice(0, MAX_MESSAGES_PER_RUN)) {
        run.read++
        const fetched = await client.fetchOne(String(uid), { source: true, size: true }, { uid: true })
        const source = fetched && fetched.size !== undefined && fetched.size <= MAX_MESSAGE_BYTES ? fetched.source : undefined
        const message = source ? await classifyMailboxMessage(source).catch(() => ({ kind: 'other' as const })) : ({ kind: 'other' as const })
        const applied = await applyMailboxMessage({ db, message, secret })
        if (applied.what === 'permanent-bounce') {
          run.contactsBounced += applied.contactIds.length
          run.subscribersBounced += applied.subscriberIds.length
          run.deliveriesBounced += applied.deliveries
        }
        if (applied.what === 'unsubscribe') run.unsubscribed += applied.contactIds.length + applied.subscriberIds.length
        if (applied.what === 'unverified-token') {
          run.unverifiedTokens++
          log.info({ uid }, 'bounce mailbox: unsubscribe with a token that does not verify, ignored')
        }
        if (applied.outcome === 'unhandled') {
          run.unhandled++
          await client.messageFlagsAdd(String(uid), [aside], { uid: true })
          continue
        }
        run.handled++
        log.info({ uid, what: applied.what, contactIds: applied.contactIds, subscriberIds: applied.subscriberIds, deliveries: applied.deliveries }, 'bounce mailbox message handled')
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true })
        await client.messageMove(String(uid), processed, { uid: true })
      }
    } finally {
      lock.release()
    }
    await client.logout()
    return run
  } catch (error) {
    client.close()
    throw bounceMailboxError(error, mailbox)
  }
}
