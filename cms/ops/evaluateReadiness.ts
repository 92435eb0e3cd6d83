import type { ServiceState } from '@pregon/core/ops/serviceStatus'
import type { AttentionCounts, QueueFact, ReadinessFacts } from './readinessFacts'

/** Limits readiness is judged by (docs/monitoring.md explains each). */
export const READINESS_LIMITS = {
  /** The worker beats every 10 s: six missed beats mean it is gone or stuck. */
  workerStaleSeconds: 60,
  /** The scheduler sweeps every minute. */
  schedulerStaleSeconds: 180,
  /** A due job waiting longer than this is reported (a warning: a long press mailing can be normal). */
  queueLagWarnSeconds: 600,
  /** Backups run daily: a day plus two hours of slack. */
  backupStaleSeconds: 26 * 60 * 60,
} as const

export interface ReadinessIssue {
  /** The section it is about: database, migrations, worker, scheduler, queues, portal, backup, services, attention. */
  check: string
  code: string
  /** Spanish, for the person reading `npm run status` or the JSON. */
  message: string
}

export interface ReadinessReport {
  status: 'ready' | 'not-ready'
  checkedAt: string
  /** Each one makes the answer 503. */
  problems: ReadinessIssue[]
  /** Worth a look, but Pregón works. */
  warnings: ReadinessIssue[]
  database: ReadinessFacts['database']
  migrations: { pending: string[]; unknown: string[] } | null
  worker: { freshestAgeSeconds: number | null; instances: Array<{ instance: string; ageSeconds: number; queues: string[]; version: string | null }> } | null
  scheduler: ReadinessFacts['scheduler']
  queues: QueueFact[] | null
  portal: ReadinessFacts['portal']
  backup: { ageSeconds: number; isOk: boolean } | null
  attention: (AttentionCounts & { total: number }) | null
  services: { launcherPid: number; services: Array<Pick<ServiceState, 'name' | 'state' | 'restarts' | 'lastExitAt' | 'lastExit'>> } | null
}

const round = (seconds: number) => Math.round(seconds)
const minutes = (seconds: number) => (seconds < 120 ? `${round(seconds)} s` : seconds < 7_200 ? `${round(seconds / 60)} min` : `${Math.round(seconds / 360) / 10} h`)

/** The readiness verdict: pure, from facts read elsewhere, so every rule is testable without a database. */
export function evaluateReadiness(facts: ReadinessFacts, { expectedMigrations, now = new Date() }: { expectedMigrations: readonly string[]; now?: Date }): ReadinessReport {
  const problems: ReadinessIssue[] = []
  const warnings: ReadinessIssue[] = []
  const problem = (check: string, code: string, message: string) => problems.push({ check, code, message })
  const warning = (check: string, code: string, message: string) => warnings.push({ check, code, message })

  if (!facts.database.isReachable) {
    problem('database', 'DB_UNREACHABLE', `PostgreSQL no responde (${facts.database.error}): revisa que el servicio de base de datos esté en marcha.`)
  }

  let migrations: ReadinessReport['migrations'] = null
  if (facts.appliedMigrations) {
    const applied = new Set(facts.appliedMigrations)
    const expected = new Set(expectedMigrations)
    migrations = {
      pending: expectedMigrations.filter((name) => !applied.has(name)),
      unknown: facts.appliedMigrations.filter((name) => !expected.has(name) && name !== 'dev'),
    }
    if (migrations.pending.length > 0) problem('migrations', 'MIGRATIONS_PENDING', `Faltan ${migrations.pending.length} migraciones de la base de datos: reinicia Pregón (las aplica al iniciar).`)
    if (migrations.unknown.length > 0) warning('migrations', 'MIGRATIONS_UNKNOWN', `La base de datos tiene migraciones que este código no conoce (${migrations.unknown.length}): ¿se instaló una versión anterior?`)
  } else if (facts.database.isReachable) {
    problem('migrations', 'MIGRATIONS_UNREADABLE', 'No se pudo leer la lista de migraciones: la base de datos parece vacía; inicia Pregón con `npm start`.')
  }

  let worker: ReadinessReport['worker'] = null
  if (facts.heartbeats) {
    const beats = facts.heartbeats.filter((beat) => beat.service === 'worker')
    const instances = beats.map((beat) => ({
      instance: beat.instance,
      ageSeconds: round(beat.ageSeconds),
      queues: Array.isArray(beat.detail.queues) ? beat.detail.queues.map(String) : [],
      version: typeof beat.detail.version === 'string' ? beat.detail.version : null,
    }))
    const freshest = beats.length > 0 ? Math.min(...beats.map((beat) => beat.ageSeconds)) : null
    worker = { freshestAgeSeconds: freshest === null ? null : round(freshest), instances }
    if (freshest === null) problem('worker', 'WORKER_MISSING', 'Ningún worker ha dado señales: inicia Pregón (`npm start`) o el worker (`npm run worker`).')
    else if (freshest > READINESS_LIMITS.workerStaleSeconds) problem('worker', 'WORKER_STALE', `El worker no da señales desde hace ${minutes(freshest)}: revisa que esté en marcha y su registro.`)
    else {
      for (const beat of beats.filter((b) => b.ageSeconds > READINESS_LIMITS.workerStaleSeconds)) {
        warning('worker', 'WORKER_INSTANCE_STALE', `El worker «${beat.instance}» no da señales desde hace ${minutes(beat.ageSeconds)} (otro sí responde).`)
      }
    }
  } else if (facts.database.isReachable && facts.appliedMigrations) {
    problem('worker', 'HEARTBEATS_UNREADABLE', 'No se pudieron leer las señales de los servicios (tabla ops_heartbeats): reinicia Pregón para aplicar las migraciones.')
  }

  const scheduler = facts.scheduler
  if (scheduler) {
    if (scheduler.ageSeconds === null) problem('scheduler', 'SCHEDULER_NEVER_RAN', 'La publicación programada nunca ha corrido: revisa que el worker atienda la cola «workflow-due».')
    else if (scheduler.ageSeconds > READINESS_LIMITS.schedulerStaleSeconds) problem('scheduler', 'SCHEDULER_STALE', `La publicación programada no corre desde hace ${minutes(scheduler.ageSeconds)}: revisa el worker.`)
  } else if (facts.database.isReachable && facts.appliedMigrations) {
    problem('scheduler', 'SCHEDULER_UNREADABLE', 'No se pudo leer el estado de la publicación programada: reinicia Pregón para aplicar las migraciones.')
  }

  if (facts.queues) {
    for (const queue of facts.queues.filter((q) => q.lagSeconds > READINESS_LIMITS.queueLagWarnSeconds)) {
      warning('queues', 'QUEUE_LAGGING', `La cola «${queue.queue}» tiene ${queue.ready} trabajos esperando; el más antiguo desde hace ${minutes(queue.lagSeconds)}.`)
    }
  } else if (facts.database.isReachable) {
    warning('queues', 'QUEUES_UNREADABLE', 'No se pudieron leer las colas de trabajo (esquema pgboss): el worker las crea al iniciar.')
  }

  if (!facts.portal.isBuilt) problem('portal', 'PORTAL_NOT_BUILT', 'El portal público no está generado todavía: el worker lo genera al iniciar; revisa su registro.')

  let backup: ReadinessReport['backup'] = null
  const lastBackup = facts.heartbeats?.filter((beat) => beat.service === 'backup').sort((a, b) => a.ageSeconds - b.ageSeconds)[0]
  if (lastBackup) {
    backup = { ageSeconds: round(lastBackup.ageSeconds), isOk: isBackupOk(lastBackup.detail) }
    if (!backup.isOk) warning('backup', 'BACKUP_FAILED', 'El último respaldo falló: revisa el registro del worker y el espacio en disco.')
    else if (lastBackup.ageSeconds > READINESS_LIMITS.backupStaleSeconds) warning('backup', 'BACKUP_STALE', `El último respaldo es de hace ${minutes(lastBackup.ageSeconds)}: revisa que el worker esté en marcha.`)
  } else if (facts.heartbeats) {
    warning('backup', 'BACKUP_NEVER_RAN', 'Todavía no hay ningún respaldo registrado.')
  }

  // The worker's last read of the bounce mailbox failed: its own Spanish message says what to fix.
  const bounceMailbox = facts.heartbeats?.find((beat) => beat.service === 'bounce-mailbox')
  if (bounceMailbox?.detail.ok === false) warning('worker', 'BOUNCE_MAILBOX_FAILED', String(bounceMailbox.detail.error ?? 'No se pudo leer el buzón de rebotes: revisa BOUNCE_IMAP_URL.'))

  let attention: ReadinessReport['attention'] = null
  if (facts.attention) {
    const a = facts.attention
    const total = a.distributionsUnconfirmed + a.distributionsFailed + a.distributionsPaused + a.deliveriesUnconfirmed + a.accountsToReconnect
    attention = { ...a, total }
    if (total > 0) warning('attention', 'NEEDS_A_PERSON', `Hay ${total} asuntos de difusión que esperan a una persona (sin confirmar, fallidos, en pausa o cuentas por reconectar): revísalos en la administración.`)
  }

  let services: ReadinessReport['services'] = null
  if (facts.launcher) {
    services = {
      launcherPid: facts.launcher.launcherPid,
      services: facts.launcher.services.map(({ name, state, restarts, lastExitAt, lastExit }) => ({ name, state, restarts, lastExitAt, lastExit })),
    }
    for (const service of facts.launcher.services.filter((s) => s.state !== 'running')) {
      const message = `El servicio «${service.name}» está ${SERVICE_STATES[service.state]}${service.lastExit ? ` (última salida: ${service.lastExit})` : ''}.`
      if (service.name === 'mail-catcher') warning('services', 'SERVICE_DOWN', message)
      else problem('services', 'SERVICE_DOWN', message)
    }
  }

  return {
    status: problems.length === 0 ? 'ready' : 'not-ready',
    checkedAt: now.toISOString(),
    problems,
    warnings,
    database: facts.database,
    migrations,
    worker,
    scheduler,
    queues: facts.queues,
    portal: facts.portal,
    backup,
    attention,
    services,
  }
}

const SERVICE_STATES: Record<ServiceState['state'], string> = {
  starting: 'iniciando',
  running: 'en marcha',
  restarting: 'reiniciándose tras una falla',
  failed: 'detenido por fallas repetidas (revisa su registro)',
  stopped: 'detenido',
}

/** The backup writer's detail: `{ ok: false }`, `{ status: 'failed' }` or an `error` mean the last one failed. */
function isBackupOk(detail: Record<string, unknown>): boolean {
  if (detail.ok === false || detail.isOk === false) return false
  if (typeof detail.status === 'string' && /fail|error/i.test(detail.status)) return false
  return !detail.error
}
