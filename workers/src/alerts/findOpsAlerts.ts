import { readHeartbeats } from '@pregon/core/ops/opsTables'
import { readServiceStatus, type ServiceName } from '@pregon/core/ops/serviceStatus'
import { poolOf, WORKFLOW_COLLECTIONS, type AlertCondition } from '@pregon/cms/worker'
import type { TaskContext } from '../tasks/TaskContext'

/** The scheduler publishes each minute: an item still scheduled this long after its time was not published. */
export const OVERDUE_AFTER_MS = 5 * 60 * 1000
/** Backups run daily: past this without a good one, a day was missed (two hours of slack for a slow one). */
export const BACKUP_STALE_AFTER_MS = 26 * 60 * 60 * 1000

const SERVICE_LABELS: Record<ServiceName, string> = {
  postgres: 'la base de datos (postgres)',
  admin: 'la administración (admin)',
  worker: 'el proceso de trabajos (worker)',
  portal: 'el portal (portal)',
  'mail-catcher': 'el buzón de prueba (mail-catcher)',
}

/**
 * Conditions of the installation itself: scheduled items past their time, services the launcher gave up
 * restarting (a crash loop), and backups that failed or stopped. Each message says where to look.
 */
export async function findOpsAlerts(ctx: TaskContext, now: Date): Promise<AlertCondition[]> {
  const time = new Intl.DateTimeFormat('es-MX', { dateStyle: 'short', timeStyle: 'short', timeZone: ctx.timeZone ?? 'America/Mexico_City' })
  const conditions: AlertCondition[] = []

  for (const collection of WORKFLOW_COLLECTIONS) {
    const overdue = await ctx.payload.find({
      collection,
      draft: true,
      where: { and: [{ workflowState: { equals: 'scheduled' } }, { publishAt: { less_than: new Date(now.getTime() - OVERDUE_AFTER_MS).toISOString() } }] },
      depth: 0,
      pagination: false,
      sort: 'publishAt',
    })
    for (const item of overdue.docs) {
      conditions.push({
        key: `${collection}:${item.id}:overdue`,
        kind: 'item-overdue',
        message: `«${item.title}» debía publicarse el ${time.format(new Date(item.publishAt as string))} y sigue programado: revisa que el proceso de trabajos esté en marcha (npm run status).`,
        item: { collection, id: Number(item.id), title: item.title },
      })
    }
  }

  const launcher = await readServiceStatus(ctx.config.dataDir)
  for (const service of launcher?.services ?? []) {
    if (service.state !== 'failed') continue
    const label = SERVICE_LABELS[service.name] ?? service.name
    conditions.push({
      key: `service:${service.name}:crash-loop`,
      kind: 'service-crash-loop',
      message: `Se detuvo ${label} tras fallar ${service.restarts} ${service.restarts === 1 ? 'vez' : 'veces'}${service.lastExit ? ` (${service.lastExit})` : ''}; ya no se reinicia solo. Revisa «npm run status» y su registro en el servidor.`,
    })
  }

  const backups = await readHeartbeats(poolOf(ctx.payload), 'backup')
  const newest = backups.sort((a, b) => b.beatAt.getTime() - a.beatAt.getTime())[0]
  if (newest && newest.detail.ok === false) {
    const error = typeof newest.detail.error === 'string' ? `: ${newest.detail.error.replace(/\s+/g, ' ').slice(0, 200)}` : ''
    conditions.push({
      key: 'backup:failed',
      kind: 'backup-failed',
      message: `Falló el respaldo del ${time.format(newest.beatAt)}${error}. Revisa el espacio en disco y corre «npm run backup» en el servidor.`,
    })
  } else if (newest && now.getTime() - newest.beatAt.getTime() > BACKUP_STALE_AFTER_MS) {
    conditions.push({
      key: 'backup:stale',
      kind: 'backup-stale',
      message: `No hay respaldo desde el ${time.format(newest.beatAt)}: revisa que el proceso de trabajos esté en marcha y corre «npm run backup» en el servidor.`,
    })
  }
  // The bounce mailbox's last read failed (login, server, timeout): its message says what to fix.
  const mailbox = (await readHeartbeats(poolOf(ctx.payload), 'bounce-mailbox'))[0]
  if (ctx.config.bounces.mailbox && mailbox && mailbox.detail.ok === false) {
    conditions.push({ key: 'bounce-mailbox:failed', kind: 'bounce-mailbox-failed', message: String(mailbox.detail.error ?? 'No se pudo leer el buzón de rebotes.') })
  }
  return conditions
}
