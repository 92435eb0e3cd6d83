import type { Queue } from 'pg-boss'

/**
 * Every durable job Pregón runs, declared once. Jobs live in the same PostgreSQL (pg-boss schema `pgboss`).
 * heartbeatSeconds: a worker that dies mid-job stops sending heartbeats, so the job is failed and retried
 * within about half a minute (the bound is one minute).
 */
export const QUEUES = {
  rebuildPortal: 'portal-rebuild',
  postToX: 'x-post',
  postToMastodon: 'mastodon-post',
  postToFacebook: 'facebook-post',
  postToInstagram: 'instagram-post',
  postToThreads: 'threads-post',
  postToBluesky: 'bluesky-post',
  postToTelegram: 'telegram-post',
  sendPressMailing: 'press-mailing',
  sendSubscriberMailing: 'subscriber-mailing',
  sendSubscriberDigest: 'subscriber-digest',
  sendSubscriberNotice: 'subscriber-notice',
  publishDueItems: 'workflow-due',
  checkAlerts: 'ops-alerts',
  backup: 'backup',
  notifyStaff: 'staff-notice',
  checkSocialAccounts: 'social-check',
  readBounceMailbox: 'bounce-mailbox',
  pollMonitorSources: 'monitor-poll',
  sendSynthesis: 'monitor-synthesis',
  notifyDepartment: 'petition-notice',
  ingestAccessLogs: 'stats-ingest',
  makeCouncilReport: 'council-report',
} as const

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]

export interface JobData {
  'portal-rebuild': { reason: string; bulletinId?: number | string }
  'x-post': { distributionId: number | string }
  'mastodon-post': { distributionId: number | string }
  'facebook-post': { distributionId: number | string }
  'instagram-post': { distributionId: number | string }
  'threads-post': { distributionId: number | string }
  'bluesky-post': { distributionId: number | string }
  'telegram-post': { distributionId: number | string }
  'press-mailing': { distributionId: number | string }
  'subscriber-mailing': { distributionId: number | string }
  'subscriber-digest': { digestId: number | string }
  /** The confirmation message of one subscription request (its time names the request). */
  'subscriber-notice': { subscriberId: number | string; requestedAt: string }
  'workflow-due': { reason: 'startup' | 'minute' | 'scheduled'; bulletinId?: number | string }
  'ops-alerts': { reason: 'minute' | 'startup' }
  'backup': { reason: 'daily' | 'manual' }
  'staff-notice': StaffNotice
  'social-check': { reason: 'startup' | 'daily' | 'manual' }
  'bounce-mailbox': { reason: 'startup' | 'scheduled' }
  'monitor-poll': { reason: 'startup' | 'minute' }
  'monitor-synthesis': { reason: 'startup' | 'minute' }
  /** A petition turned to a department: `turn` names the step of its history, so each turn is told once. */
  'petition-notice': { petitionId: number | string; turn: number }
  'stats-ingest': { reason: 'startup' | 'scheduled' }
  /** A report to make (its row); `reportId` absent: the monthly sweep, which asks for last month's if missing. */
  'council-report': { reportId?: number | string; reason?: 'monthly' }
}

/** One email to one person of the office about one workflow step (cms/workflow/staffNotices). */
export interface StaffNotice {
  /** rejected: her item came back; submitted: an item waits for the approver's review. */
  kind: 'rejected' | 'submitted'
  userId: number | string
  collection: 'bulletins' | 'programs'
  itemId: number | string
  title: string
  actorName: string
  reason: string | null
}

/** A job to enqueue with the change that caused it (cms/db/enqueueInTransaction) or on its own. */
export interface PendingJob<Q extends QueueName = QueueName> {
  queue: Q
  data: JobData[Q]
  /** Lower runs later; urgent items (emergencies) get a higher priority. */
  priority?: number
  /** Not before this time (a scheduled publication). */
  startAfter?: Date
}

const common = { heartbeatSeconds: 20, retryBackoff: true, retryDelay: 5, retryDelayMax: 300 }
// What a person waits for (a post, a mailing, a notice, a rebuild) wakes a worker the moment its job is queued
// (LISTEN/NOTIFY, with polling kept as the floor); sweeps and backups keep their polling.
const wakes = { notify: true }
const socialPost = { ...common, ...wakes, retryLimit: 5, expireInSeconds: 5 * 60 }

export const QUEUE_OPTIONS: Record<QueueName, Omit<Queue, 'name'>> = {
  // 'stately': at most one queued and one running rebuild; a burst of publications coalesces into one.
  'portal-rebuild': { ...common, ...wakes, policy: 'stately', retryLimit: 10, expireInSeconds: 15 * 60 },
  // Waits for rate limits, the daily budget and network failures are new delayed jobs, not retries: a retry
  // here is a worker that died, and the task settles the row it left behind.
  'x-post': socialPost,
  'mastodon-post': socialPost,
  'facebook-post': socialPost,
  'instagram-post': socialPost,
  'threads-post': socialPost,
  'bluesky-post': socialPost,
  'telegram-post': socialPost,
  'press-mailing': { ...common, ...wakes, retryLimit: 10, expireInSeconds: 60 * 60 },
  'subscriber-mailing': { ...common, ...wakes, retryLimit: 10, expireInSeconds: 60 * 60 },
  'subscriber-digest': { ...common, ...wakes, retryLimit: 10, expireInSeconds: 2 * 60 * 60 },
  // A citizen waits for it; a retry only follows a send the SMTP server did not accept.
  'subscriber-notice': { ...common, ...wakes, retryLimit: 5, expireInSeconds: 5 * 60, deleteAfterSeconds: 7 * 24 * 60 * 60 },
  // Standard policy: a job delayed to an item's exact publication time must not block the minute sweep, and
  // may wait up to a year; finished sweeps (one a minute) are kept a day.
  'workflow-due': { ...common, retryLimit: 3, expireInSeconds: 5 * 60, retentionSeconds: 366 * 24 * 60 * 60, deleteAfterSeconds: 24 * 60 * 60 },
  // 'singleton' sweeps: one at a time; a failed one is not retried (the next minute's sweep is).
  'ops-alerts': { ...common, policy: 'singleton', retryLimit: 0, expireInSeconds: 5 * 60, deleteAfterSeconds: 24 * 60 * 60 },
  // A failed backup is retried twice, then reported (alerts) until the next day's succeeds.
  'backup': { ...common, policy: 'singleton', retryLimit: 2, retryDelay: 300, expireInSeconds: 6 * 60 * 60 },
  // One job per person and event: a retry only follows a send the SMTP server did not accept (see notifyStaff).
  'staff-notice': { ...common, ...wakes, retryLimit: 5, expireInSeconds: 5 * 60, deleteAfterSeconds: 7 * 24 * 60 * 60 },
  // «Probar conexión» (a person waits for it) and the morning check: one at a time, not retried (the next one is).
  'social-check': { ...common, ...wakes, policy: 'singleton', retryLimit: 0, expireInSeconds: 5 * 60, deleteAfterSeconds: 24 * 60 * 60 },
  // The bounce mailbox sweep (every BOUNCE_IMAP_INTERVAL_MINUTES): one at a time, not retried (the next one is).
  'bounce-mailbox': { ...common, policy: 'singleton', retryLimit: 0, expireInSeconds: 10 * 60, deleteAfterSeconds: 24 * 60 * 60 },
  // The press monitoring's minute sweeps: one at a time, not retried (the next minute's is). A sweep of many
  // slow sources may outlast its minute; the next one finds the sweep's lock taken and leaves.
  'monitor-poll': { ...common, policy: 'singleton', retryLimit: 0, expireInSeconds: 30 * 60, deleteAfterSeconds: 24 * 60 * 60 },
  'monitor-synthesis': { ...common, policy: 'singleton', retryLimit: 0, expireInSeconds: 15 * 60, deleteAfterSeconds: 24 * 60 * 60 },
  // A department waits for it; a retry only follows a send the SMTP server did not accept.
  'petition-notice': { ...common, ...wakes, retryLimit: 5, expireInSeconds: 5 * 60, deleteAfterSeconds: 7 * 24 * 60 * 60 },
  // The portal's access logs, counted every five minutes: one pass at a time, not retried (the next one is).
  'stats-ingest': { ...common, policy: 'singleton', retryLimit: 0, expireInSeconds: 30 * 60, deleteAfterSeconds: 24 * 60 * 60 },
  // A person waits for it; retried twice (a report that fails is marked so, with its error).
  'council-report': { ...common, ...wakes, retryLimit: 2, expireInSeconds: 10 * 60, deleteAfterSeconds: 7 * 24 * 60 * 60 },
}
