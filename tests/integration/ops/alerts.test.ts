import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { User } from '@pregon/cms/payload-types'
import { readOpenAlerts } from '@pregon/cms/alerts/readOpenAlerts'
import { silentWorkerNotice } from '@pregon/cms/alerts/silentWorkerNotice'
import { poolOf } from '@pregon/cms/db/poolOf'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { writeServiceStatus, type ServiceState } from '@pregon/core/ops/serviceStatus'
import { createMailer } from '@pregon/workers/providers/smtp/createMailer'
import { checkAlerts, OPS_RETENTION_DAYS } from '../../../workers/src/alerts/checkAlerts'
import { buildBulletin, buildUser, team } from '../../helpers/builders'
import { freePort } from '../../helpers/freePort'
import type { ReceivedMessage } from '../../helpers/smtpSink'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'

const MINUTE = 60 * 1000
const HOUR = 60 * MINUTE
// A fixed clock a little ahead of real time: the workflow's own `now` for scheduling is real time.
const T0 = new Date(Math.ceil((Date.now() + HOUR) / HOUR) * HOUR)
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE)

let harness: TaskHarness
let t: TaskHarness['t']
let ctx: TaskHarness['ctx']
let admin: User
const ids = { unconfirmedBulletin: 0, distribution: 0, overdueBulletin: 0, account: 0, mailing: 0 }

beforeAll(async () => {
  harness = await startTaskHarness({ env: { CMS_URL: 'https://cms.municipio.test' } })
  ;({ t, ctx } = harness)
  admin = await buildUser(t.payload, 'admin', { name: 'Administración', email: 'admin@municipio.test' })
})
afterAll(async () => {
  await harness?.close()
})

interface AlertRow {
  key: string
  kind: string
  item_collection: string | null
  item_id: number | null
  first_seen_at: Date
  resolved_at: Date | null
  notified_at: Date | null
}
const alertRows = () => t.query<AlertRow>('SELECT key, kind, item_collection, item_id, first_seen_at, resolved_at, notified_at FROM ops_alerts ORDER BY key')
const alertRow = async (key: string) => (await alertRows()).find((row) => row.key === key)
const digests = () => t.query<{ sent_at: Date; recipients: number; alert_keys: string[] }>('SELECT sent_at, recipients, alert_keys FROM ops_digests ORDER BY id')
const history = (bulletinId: number) =>
  t.query<{ action: string; summary: string; actor_name: string }>("SELECT action, summary, actor_name FROM audit_log WHERE item_collection = 'bulletins' AND item_id = $1 AND action LIKE 'alert-%' ORDER BY id", [String(bulletinId)])
/** The section of a digest's text under `title` (up to the next blank line). */
const section = (message: ReceivedMessage, title: string) => message.text?.split(`${title}\n`)[1]?.split('\n\n')[0] ?? ''

async function crashLoopedWorker() {
  const since = at(-30).toISOString()
  const service = (name: ServiceState['name'], state: ServiceState['state'], restarts = 0): ServiceState => ({
    name,
    state,
    pid: state === 'running' ? 4242 : null,
    restarts,
    lastExitAt: restarts ? since : null,
    lastExit: restarts ? 'código 1' : null,
    lastOutput: [],
    since,
  })
  await writeServiceStatus(ctx.config.dataDir, {
    launcherPid: 4000,
    startedAt: since,
    updatedAt: since,
    services: [service('postgres', 'running'), service('admin', 'running'), service('worker', 'failed', 5)],
  })
}

describe('alerts that need a person', () => {
  it('opens one alert per condition and sends the admins exactly one digest listing them, with links', async () => {
    const unconfirmed = await buildBulletin(t.payload, { title: 'Corte de agua en la colonia Centro', status: 'published', skipDistribution: true })
    const distribution = await t.payload.create({
      collection: 'distributions',
      data: { bulletin: unconfirmed.id, channel: 'x', account: 'principal', versionHash: 'a'.repeat(64), status: 'unknown' },
    })
    const { approver } = await team(t.payload)
    const overdue = await buildBulletin(t.payload, { title: 'Horario de la feria', status: 'approved', skipDistribution: true })
    await applyWorkflowAction({ payload: t.payload, id: overdue.id, verb: 'schedule', user: approver, publishAt: at(-60), now: at(-120) })
    await t.query(`INSERT INTO ops_heartbeats (service, instance, beat_at, detail) VALUES ('backup', 'servidor', $1, $2::jsonb)`, [
      at(-50),
      JSON.stringify({ ok: false, error: 'No queda espacio en el disco' }),
    ])
    await crashLoopedWorker()
    Object.assign(ids, { unconfirmedBulletin: unconfirmed.id, distribution: distribution.id, overdueBulletin: overdue.id })

    const report = await checkAlerts(ctx, T0)

    const expected = ['backup:failed', `bulletins:${overdue.id}:overdue`, `distribution:${distribution.id}:unconfirmed`, 'service:worker:crash-loop']
    expect(report).toEqual({ opened: expect.arrayContaining(expected), resolved: [], digestSent: true })
    expect(report.opened).toHaveLength(4)
    expect(harness.sink.messages).toHaveLength(1)
    const [message] = harness.sink.messages as [ReceivedMessage]
    expect(message.envelope.to).toEqual(['admin@municipio.test'])
    expect(message.subject).toBe('Pregón: 4 avisos necesitan atención (4 nuevos)')
    expect(message.headers.get('auto-submitted')).toBe('auto-generated')
    const fresh = section(message, 'NUEVOS')
    expect(fresh).toContain('[NUEVO] Sin confirmar en X: «Corte de agua en la colonia Centro»')
    expect(fresh).toContain(`https://cms.municipio.test/admin/collections/bulletins/${unconfirmed.id}`)
    expect(fresh).toContain('«Horario de la feria» debía publicarse')
    expect(fresh).toContain(`https://cms.municipio.test/admin/collections/bulletins/${overdue.id}`)
    expect(fresh).toContain('Falló el respaldo')
    expect(fresh).toContain('No queda espacio en el disco')
    expect(fresh).toContain('Se detuvo el proceso de trabajos (worker) tras fallar 5 veces (código 1)')
    expect(message.text?.match(/^- \[NUEVO\]/gm)).toHaveLength(4)
    expect(message.html).toContain(`href="https://cms.municipio.test/admin/collections/bulletins/${overdue.id}"`)
    expect(message.html?.match(/NUEVO<\/strong>/g)).toHaveLength(4)

    const rows = await alertRows()
    expect(rows.map((row) => row.key)).toEqual([...expected].sort())
    expect(rows.every((row) => row.notified_at?.getTime() === T0.getTime() && row.resolved_at === null)).toBe(true)
    expect(rows.find((row) => row.key.startsWith('distribution:'))).toMatchObject({ item_collection: 'bulletins', item_id: unconfirmed.id })
    expect(await digests()).toEqual([{ sent_at: T0, recipients: 1, alert_keys: rows.map((row) => row.key) }])

    // Where there is an item, its record says so.
    expect(await history(overdue.id)).toEqual([{ action: 'alert-opened', summary: expect.stringMatching(/^Aviso: «Horario de la feria» debía publicarse/), actor_name: 'Sistema: avisos de operación' }])
    expect(await history(unconfirmed.id)).toEqual([expect.objectContaining({ action: 'alert-opened', summary: expect.stringContaining('Sin confirmar en X') })])
    expect(await readOpenAlerts(poolOf(t.payload), { limit: 2 })).toMatchObject({ total: 4, alerts: [expect.anything(), expect.anything()] })
  })

  it('sends no second digest when nothing changed', async () => {
    expect(await checkAlerts(ctx, at(0.5))).toEqual({ opened: [], resolved: [], digestSent: false })
    expect(harness.sink.messages).toHaveLength(1)
    expect(await history(ids.overdueBulletin)).toHaveLength(1)
  })

  it('holds a new alert until 15 minutes after the last digest, then sends one digest with it marked new', async () => {
    const account = await t.payload.create({ collection: 'social-accounts', data: { label: '@MunicipioOficial', channel: 'x', account: 'principal', needsReconnect: true } })
    ids.account = account.id
    const key = `social-account:${account.id}:reconnect`

    expect(await checkAlerts(ctx, at(1))).toEqual({ opened: [key], resolved: [], digestSent: false })
    expect(await checkAlerts(ctx, at(14))).toEqual({ opened: [], resolved: [], digestSent: false })
    expect(harness.sink.messages).toHaveLength(1)
    expect((await alertRow(key))?.notified_at).toBeNull()

    expect(await checkAlerts(ctx, at(16))).toEqual({ opened: [], resolved: [], digestSent: true })
    expect(harness.sink.messages).toHaveLength(2)
    const message = harness.sink.messages[1]!
    expect(message.subject).toBe('Pregón: 5 avisos necesitan atención (1 nuevo)')
    expect(section(message, 'NUEVOS')).toContain('[NUEVO] Reconectar la cuenta @MunicipioOficial de X')
    expect(section(message, 'NUEVOS')).toContain(`https://cms.municipio.test/admin/collections/social-accounts/${account.id}`)
    expect(section(message, 'SIGUEN ABIERTOS').match(/^- /gm)).toHaveLength(4)
    expect((await alertRow(key))?.notified_at).toEqual(at(16))
    expect((await digests()).map((digest) => digest.alert_keys.length)).toEqual([4, 5])
  })

  it('resolves an alert whose condition is gone, on the item\'s record, and lists it as resolved in the next digest', async () => {
    await applyWorkflowAction({ payload: t.payload, id: ids.overdueBulletin, verb: 'publish', user: { system: 'publicación programada' }, now: at(17), context: { skipDistribution: true } })
    const key = `bulletins:${ids.overdueBulletin}:overdue`

    expect(await checkAlerts(ctx, at(18))).toEqual({ opened: [], resolved: [key], digestSent: false })
    expect(await alertRow(key)).toMatchObject({ resolved_at: at(18) })
    expect((await history(ids.overdueBulletin)).map((entry) => entry.action)).toEqual(['alert-opened', 'alert-resolved'])
    expect((await history(ids.overdueBulletin))[1]?.summary).toMatch(/^Aviso resuelto: «Horario de la feria»/)
    expect((await readOpenAlerts(poolOf(t.payload))).total).toBe(4)

    // The services come back: the crash-loop alert resolves too (no item, so no record).
    await writeServiceStatus(ctx.config.dataDir, { launcherPid: 4000, startedAt: at(-30).toISOString(), updatedAt: at(19).toISOString(), services: [] })
    expect(await checkAlerts(ctx, at(19))).toEqual({ opened: [], resolved: ['service:worker:crash-loop'], digestSent: false })
  })

  it('keeps an alert untold while the SMTP server is down and tells it on the next run', async () => {
    const { bounced } = await mailingWithBounces({ contacts: 20, bounced: 3 })
    await mailingWithBounces({ contacts: 10, bounced: 2 }) // 20 % but only two addresses: not an alert
    const key = `distribution:${ids.mailing}:bounces`
    const down = createMailer({ smtpUrl: `smtp://127.0.0.1:${await freePort()}`, from: ctx.config.mail.from })
    try {
      expect(await checkAlerts({ ...ctx, mailer: down }, at(40))).toEqual({ opened: [key], resolved: [], digestSent: false })
    } finally {
      down.close()
    }
    expect(harness.sink.messages).toHaveLength(2)
    expect((await alertRow(key))?.notified_at).toBeNull()
    expect(await digests()).toHaveLength(2)

    expect(await checkAlerts(ctx, at(41))).toEqual({ opened: [], resolved: [], digestSent: true })
    expect(harness.sink.messages).toHaveLength(3)
    const message = harness.sink.messages[2]!
    expect(section(message, 'NUEVOS')).toContain(`rebotó en ${bounced} de 20 direcciones (15 %)`)
    expect(section(message, 'YA RESUELTOS')).toContain('«Horario de la feria» debía publicarse')
    expect(section(message, 'YA RESUELTOS')).toContain('Se detuvo el proceso de trabajos')
    expect((await alertRow(key))?.notified_at).toEqual(at(41))
  })

  it('lets only one of two workers running the sweep at once send the digest', async () => {
    await t.query(`UPDATE ops_heartbeats SET beat_at = $1, detail = '{"ok": true}'::jsonb WHERE service = 'backup'`, [at(59)])
    await t.payload.create({
      collection: 'distributions',
      data: { bulletin: ids.unconfirmedBulletin, channel: 'mastodon', account: 'principal', versionHash: 'b'.repeat(64), status: 'failed', error: 'La instancia rechazó la imagen.' },
    })
    const reports = await Promise.all([checkAlerts(ctx, at(60)), checkAlerts(ctx, at(60))])
    expect(reports.filter((report) => report.digestSent)).toHaveLength(1)
    expect(reports.flatMap((report) => report.resolved)).toEqual(['backup:failed'])
    expect(harness.sink.messages).toHaveLength(4)
    expect(await digests()).toHaveLength(4)
  })

  it('forgets timing samples, digests and resolved alerts older than the retention window, and keeps the rest', async () => {
    const old = new Date(at(0).getTime() - (OPS_RETENTION_DAYS + 1) * 24 * HOUR)
    const recent = new Date(at(0).getTime() - 24 * HOUR)
    await t.query(`INSERT INTO ops_measurements (kind, at, seconds) VALUES ('portal-build', $1, 9.5), ('portal-build', $2, 4.5)`, [old, recent])
    await t.query(`INSERT INTO ops_digests (sent_at, recipients, alert_keys) VALUES ($1, 1, '{viejo}')`, [old])
    await t.query(
      `INSERT INTO ops_alerts (key, kind, message, first_seen_at, last_seen_at, resolved_at) VALUES
        ('retention:old', 'test', 'Resuelto hace mucho', $1, $1, $1), ('retention:recent', 'test', 'Resuelto ayer', $2, $2, $2)`,
      [old, recent],
    )
    await checkAlerts(ctx, at(200))
    expect((await t.query<{ seconds: number }>(`SELECT seconds FROM ops_measurements WHERE kind = 'portal-build' ORDER BY at`)).map((r) => r.seconds)).toEqual([4.5])
    expect(await t.query(`SELECT 1 FROM ops_digests WHERE alert_keys = '{viejo}'`)).toEqual([])
    expect((await t.query<{ key: string }>(`SELECT key FROM ops_alerts WHERE key LIKE 'retention:%'`)).map((r) => r.key)).toEqual(['retention:recent'])
  })

  it('has the admin say that no worker runs, since no sweep can (from the freshest heartbeat)', async () => {
    await t.query(`DELETE FROM ops_heartbeats WHERE service = 'worker'`)
    expect(await silentWorkerNotice(t.payload)).toBeNull() // no worker ever ran: a fresh installation, nothing to say
    await t.query(`INSERT INTO ops_heartbeats (service, instance, beat_at) VALUES ('worker', 'a', now() - interval '5 minutes'), ('worker', 'b', now() - interval '2 hours')`)
    expect(await silentWorkerNotice(t.payload)).toMatch(/Ningún proceso de trabajos \(worker\) responde desde hace 5 min/)
    await t.query(`UPDATE ops_heartbeats SET beat_at = now() - interval '20 seconds' WHERE service = 'worker' AND instance = 'b'`)
    expect(await silentWorkerNotice(t.payload)).toBeNull()
  })
})

let contactSequence = 0
/** A finished press mailing of the unconfirmed bulletin: `bounced` of its `contacts` messages bounced. */
async function mailingWithBounces({ contacts, bounced }: { contacts: number; bounced: number }) {
  const mailing = await t.payload.create({
    collection: 'distributions',
    data: {
      bulletin: ids.unconfirmedBulletin,
      channel: 'press-mailing',
      account: `prensa-${contacts}`,
      versionHash: 'c'.repeat(64),
      status: 'sent',
      completedAt: at(30).toISOString(),
    },
  })
  if (!ids.mailing) ids.mailing = mailing.id
  for (let i = 0; i < contacts; i++) {
    const isBounced = i < bounced
    const contact = await t.payload.create({
      collection: 'press-contacts',
      data: { name: `Periodista ${++contactSequence}`, email: `periodista-${contactSequence}@medio.test`, status: isBounced ? 'bounced' : 'active' },
    })
    await t.payload.create({
      collection: 'deliveries',
      data: { distribution: mailing.id, contact: contact.id, email: contact.email, status: isBounced ? 'bounced' : 'sent' },
    })
  }
  return { mailing, bounced }
}
