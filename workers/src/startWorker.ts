import { QUEUES, type JobData, type QueueName } from '@pregon/core/queues'
import { PgBoss } from 'pg-boss'
import { stopPortalRenderer, warmUpPortalRenderer } from '@pregon/site/publish'
import { SOCIAL_CHANNELS, socialSpec } from '@pregon/core/channels'
import { checkSocialAccounts } from './tasks/checkSocialAccounts'
import { postToNetwork } from './tasks/postToNetwork'
import { publishDueItems } from './tasks/publishDueItems'
import { rebuildPortal } from './tasks/rebuildPortal'
import { sendPressMailing } from './tasks/sendPressMailing'
import { notifyStaff } from './tasks/notifyStaff'
import { scheduleDigests } from './tasks/scheduleDigests'
import { sendSubscriberDigest } from './tasks/sendSubscriberDigest'
import { sendSubscriberMailing } from './tasks/sendSubscriberMailing'
import { sendSubscriberNotice } from './tasks/sendSubscriberNotice'
import { readBounceMailbox } from './tasks/readBounceMailbox'
import { notifyDepartment } from './tasks/notifyDepartment'
import type { TaskContext } from './tasks/TaskContext'
import os from 'node:os'
import { checkAlerts } from './alerts/checkAlerts'
import { backupSchedule, runScheduledBackup } from './backup/scheduledBackup'
import { startHeartbeat } from './ops/heartbeat'
import { pollSources } from './monitoring/pollSources'
import { sendSynthesis } from './monitoring/sendSynthesis'
import { ingestAccessLogs } from './stats/ingestAccessLogs'
import { makeCouncilReport, requestLastMonthReport } from './reports/makeCouncilReport'
import type { Queryable } from '@pregon/core/ops/opsTables'

async function interruptedMailings(ctx: TaskContext, channel: 'press-mailing' | 'subscribers'): Promise<number[]> {
  const { docs } = await ctx.payload.find({
    collection: 'distributions',
    where: { channel: { equals: channel }, status: { equals: 'sending' } },
    depth: 0,
    pagination: false,
    select: { status: true },
  })
  return docs.map((d) => d.id)
}

export interface RunningWorker {
  stop(): Promise<void>
}

/**
 * Subscribes the tasks to their queues. Jobs are durable in PostgreSQL: a job whose worker died stops
 * heart-beating and is retried (see QUEUE_OPTIONS); tasks are written so a retry never sends twice.
 */
export async function startWorker(
  ctx: TaskContext,
  { databaseUrl, queues = Object.values(QUEUES) }: { databaseUrl: string; /** Only these queues (a worker dedicated to social posts, say). */ queues?: QueueName[] },
): Promise<RunningWorker> {
  // LISTEN/NOTIFY: a job on a queue declared `notify` (posts, mailings, rebuilds, notices) wakes its worker the
  // moment the enqueuing transaction commits; polling stays as the floor (and is all there is behind a pooler).
  // migrate: false: pg-boss's schema is the owner's to create and upgrade (prepareQueues, in npm start's
  // prepare step); the worker connects as the application's role, which may not.
  const boss = new PgBoss({
    connectionString: databaseUrl,
    max: 5,
    superviseIntervalSeconds: 10,
    monitorIntervalSeconds: 10,
    useListenNotify: true,
    migrate: false,
    createSchema: false,
  })
  // While PostgreSQL restarts every poll of every queue fails the same way: one line per kind of error a
  // minute, not a stack per poll (the pool reconnects by itself).
  const lastTold = new Map<string, number>()
  boss.on('error', (error: Error & { code?: string }) => {
    const kind = error.code ?? error.message.replace(/\(Queue: .*\)$/, '').trim()
    if (Date.now() - (lastTold.get(kind) ?? 0) < 60_000) return
    lastTold.set(kind, Date.now())
    ctx.log.warn({ code: error.code ?? 'QUEUE_ERROR', error: error.message }, 'queue error (repeats of it are silent for a minute)')
  })
  await boss.start()

  // Polling goes on at the same pace while NOTIFY works: a job delayed to a later time (a wait for a rate limit,
  // a retry) sends no notification when its time comes, and must not wait pg-boss's 30-second backstop.
  const poll = { pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5, batchSize: 1 }
  const wants = new Set(queues)
  if (wants.has(QUEUES.rebuildPortal)) {
    // The portal's templates loaded ahead of time: the first publication is live as fast as the next.
    void warmUpPortalRenderer()
    await boss.work<JobData['portal-rebuild']>(QUEUES.rebuildPortal, poll, async () => {
      await rebuildPortal(ctx)
    })
  }
  // One queue per network, so one network's limits or outage never hold up another's posts.
  for (const channel of SOCIAL_CHANNELS) {
    const queue = socialSpec(channel).queue
    if (!wants.has(queue)) continue
    await boss.work<{ distributionId: number | string }>(queue, poll, async ([job]) => {
      if (job) await postToNetwork(ctx, channel, job.data.distributionId, { jobId: job.id })
    })
  }
  if (wants.has(QUEUES.sendPressMailing)) {
    await boss.work<JobData['press-mailing']>(QUEUES.sendPressMailing, poll, async ([job]) => {
      if (job) await sendPressMailing(ctx, job.data.distributionId)
    })
    // Press mailings a dead worker left half-sent carry on now, not when the dead job's heartbeat expires: the
    // mailing's advisory lock tells a live worker's mailing from an orphan, and its ledger prevents re-sends.
    for (const distributionId of await interruptedMailings(ctx, 'press-mailing')) {
      await boss.send(QUEUES.sendPressMailing, { distributionId })
    }
  }
  if (wants.has(QUEUES.sendSubscriberMailing)) {
    await boss.work<JobData['subscriber-mailing']>(QUEUES.sendSubscriberMailing, poll, async ([job]) => {
      if (job) await sendSubscriberMailing(ctx, job.data.distributionId)
    })
    for (const distributionId of await interruptedMailings(ctx, 'subscribers')) {
      await boss.send(QUEUES.sendSubscriberMailing, { distributionId })
    }
  }
  if (wants.has(QUEUES.sendSubscriberDigest)) {
    await boss.work<JobData['subscriber-digest']>(QUEUES.sendSubscriberDigest, poll, async ([job]) => {
      if (job) await sendSubscriberDigest(ctx, job.data.digestId)
    })
  }
  if (wants.has(QUEUES.sendSubscriberNotice)) {
    await boss.work<JobData['subscriber-notice']>(QUEUES.sendSubscriberNotice, poll, async ([job]) => {
      if (job) await sendSubscriberNotice(ctx, job.data, { jobId: job.id })
    })
  }
  if (wants.has(QUEUES.publishDueItems)) {
    await boss.work<JobData['workflow-due']>(QUEUES.publishDueItems, poll, async () => {
      await publishDueItems(ctx)
      // Digests are written by the same minute's sweep: one that was due while no worker ran goes out at start.
      await scheduleDigests(ctx, boss)
    })
    // Every minute, and once now: items that fell due while Pregón was down go out within a minute of start.
    await boss.schedule(QUEUES.publishDueItems, '* * * * *', { reason: 'minute' })
    await boss.send(QUEUES.publishDueItems, { reason: 'startup' })
  }
  if (wants.has(QUEUES.checkAlerts)) {
    await boss.work<JobData['ops-alerts']>(QUEUES.checkAlerts, poll, async () => {
      await checkAlerts(ctx)
    })
    // Every minute: what needs a person is found within a minute, and told in one digest (at most every 15).
    await boss.schedule(QUEUES.checkAlerts, '* * * * *', { reason: 'minute' })
    await boss.send(QUEUES.checkAlerts, { reason: 'startup' })
  }
  if (wants.has(QUEUES.backup)) {
    await boss.work<JobData['backup']>(QUEUES.backup, { ...poll, pollingIntervalSeconds: 5, notifyPollingIntervalSeconds: 5 }, async () => {
      await runScheduledBackup(ctx)
    })
    // In the office's time zone, like every time an editor reads.
    await boss.schedule(QUEUES.backup, backupSchedule(ctx.config), { reason: 'daily' }, { tz: ctx.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone })
  }
  if (wants.has(QUEUES.notifyStaff)) {
    await boss.work<JobData['staff-notice']>(QUEUES.notifyStaff, poll, async ([job]) => {
      if (job) await notifyStaff(ctx, job.data, { jobId: job.id })
    })
  }
  if (wants.has(QUEUES.checkSocialAccounts)) {
    await boss.work<JobData['social-check']>(QUEUES.checkSocialAccounts, poll, async () => {
      await checkSocialAccounts(ctx)
    })
    // At start (renewed credentials clear «Reconectar» at once) and every morning (a token about to expire is
    // told two weeks ahead, by the alerts).
    await boss.schedule(QUEUES.checkSocialAccounts, '0 7 * * *', { reason: 'daily' }, { tz: ctx.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone })
    await boss.send(QUEUES.checkSocialAccounts, { reason: 'startup' })
  }
  if (wants.has(QUEUES.readBounceMailbox) && ctx.config.bounces.mailbox) {
    await boss.work<JobData['bounce-mailbox']>(QUEUES.readBounceMailbox, poll, async () => void (await readBounceMailbox(ctx)))
    await boss.schedule(QUEUES.readBounceMailbox, `*/${ctx.config.bounces.intervalMinutes} * * * *`, { reason: 'scheduled' })
    await boss.send(QUEUES.readBounceMailbox, { reason: 'startup' })
  } else if (wants.has(QUEUES.readBounceMailbox)) await boss.unschedule(QUEUES.readBounceMailbox)
  if (wants.has(QUEUES.notifyDepartment)) {
    await boss.work<JobData['petition-notice']>(QUEUES.notifyDepartment, poll, async ([job]) => {
      if (job) await notifyDepartment(ctx, job.data)
    })
  }
  // Press monitoring: each minute the sources whose time has come are read, and the síntesis goes out once
  // its hour has passed (monitoring/pollSources, monitoring/sendSynthesis).
  if (wants.has(QUEUES.pollMonitorSources)) {
    await boss.work<JobData['monitor-poll']>(QUEUES.pollMonitorSources, { ...poll, pollingIntervalSeconds: 5, notifyPollingIntervalSeconds: 5 }, async () => void (await pollSources(ctx)))
    await boss.schedule(QUEUES.pollMonitorSources, '* * * * *', { reason: 'minute' })
    await boss.send(QUEUES.pollMonitorSources, { reason: 'startup' })
  }
  if (wants.has(QUEUES.sendSynthesis)) {
    await boss.work<JobData['monitor-synthesis']>(QUEUES.sendSynthesis, { ...poll, pollingIntervalSeconds: 5, notifyPollingIntervalSeconds: 5 }, async () => void (await sendSynthesis(ctx)))
    await boss.schedule(QUEUES.sendSynthesis, '* * * * *', { reason: 'minute' })
    await boss.send(QUEUES.sendSynthesis, { reason: 'startup' })
  }
  if (wants.has(QUEUES.ingestAccessLogs)) {
    await boss.work<JobData['stats-ingest']>(QUEUES.ingestAccessLogs, { ...poll, pollingIntervalSeconds: 5, notifyPollingIntervalSeconds: 5 }, async () => void (await ingestAccessLogs(ctx)))
    await boss.schedule(QUEUES.ingestAccessLogs, '*/5 * * * *', { reason: 'scheduled' })
    await boss.send(QUEUES.ingestAccessLogs, { reason: 'startup' })
  }
  if (wants.has(QUEUES.makeCouncilReport)) {
    await boss.work<JobData['council-report']>(QUEUES.makeCouncilReport, poll, async ([job]) => {
      if (job?.data.reportId !== undefined) await makeCouncilReport(ctx, job.data.reportId)
      else if (job) await requestLastMonthReport(ctx)
    })
    // The month just ended, on the 1st at 06:00 in the office's zone (its data is complete by then).
    await boss.schedule(QUEUES.makeCouncilReport, '0 6 1 * *', { reason: 'monthly' }, { tz: ctx.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone })
  }
  // Readiness (/api/ready, npm run status) knows this worker is alive, and what it takes.
  const heartbeat = startHeartbeat({
    pool: (ctx.payload.db as unknown as { pool: Queryable }).pool,
    instance: `${os.hostname()}:${[...wants].sort().join(',') === Object.values(QUEUES).sort().join(',') ? 'all' : [...wants].sort().join(',')}`,
    queues: [...wants],
    log: ctx.log,
  })
  ctx.log.info({ queues: [...wants] }, 'worker listening')

  return {
    async stop() {
      heartbeat.stop()
      await boss.stop({ graceful: true, timeout: 10_000 })
      await stopPortalRenderer()
    },
  }
}
