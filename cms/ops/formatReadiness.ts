import type { ReadinessIssue, ReadinessReport } from './evaluateReadiness'

/** An HTTP check made by `npm run status` (the admin's liveness, the portal's /healthz). */
export interface Probe {
  check: 'admin' | 'portal-server'
  url: string
  isUp: boolean
  /** HTTP status, or why there was none (ECONNREFUSED, TimeoutError). */
  outcome: string
}

const PROBE_NAMES: Record<Probe['check'], string> = { admin: 'La administración', 'portal-server': 'El servidor del portal' }

/** The report with the probes' failures added as problems: a service that does not answer is not ready. */
export function withProbes(report: ReadinessReport, probes: readonly Probe[]): ReadinessReport {
  const failures: ReadinessIssue[] = probes
    .filter((probe) => !probe.isUp)
    .map((probe) => ({
      check: probe.check,
      code: probe.check === 'admin' ? 'ADMIN_DOWN' : 'PORTAL_SERVER_DOWN',
      message: `${PROBE_NAMES[probe.check]} no responde en ${probe.url} (${probe.outcome}): revisa que Pregón esté en marcha (\`npm start\` o el servicio del sistema).`,
    }))
  const problems = [...report.problems, ...failures]
  return { ...report, problems, status: problems.length === 0 ? 'ready' : 'not-ready' }
}

const ago = (seconds: number | null | undefined) => {
  if (seconds === null || seconds === undefined) return 'nunca'
  if (seconds < 120) return `hace ${Math.round(seconds)} s`
  if (seconds < 7_200) return `hace ${Math.round(seconds / 60)} min`
  if (seconds < 172_800) return `hace ${Math.round(seconds / 360) / 10} h`
  return `hace ${Math.round(seconds / 86_400)} días`
}
const line = (label: string, text: string) => `  ${label.padEnd(22)} ${text}`
const unread = 'sin dato (no se pudo leer)'

/** `npm run status` as the IT person reads it: verdict first, then what to do, then each part. */
export function formatReadiness(report: ReadinessReport, probes: readonly Probe[] = []): string {
  const out: string[] = []
  const when = new Date(report.checkedAt).toLocaleString('es-MX', { dateStyle: 'medium', timeStyle: 'medium' })
  out.push(`Pregón — estado al ${when}`, '')
  out.push(report.status === 'ready' ? 'LISTO: todo funciona.' : `NO LISTO: ${report.problems.length} problema(s) impiden trabajar.`, '')
  if (report.problems.length > 0) out.push('Problemas:', ...report.problems.map((issue) => `  [FALLA] ${issue.message}`), '')
  if (report.warnings.length > 0) out.push('Avisos:', ...report.warnings.map((issue) => `  [AVISO] ${issue.message}`), '')

  out.push('Detalle:')
  const db = report.database
  out.push(line('Base de datos', db.isReachable ? `responde (${db.latencyMs} ms)` : `NO responde (${db.error})`))
  const m = report.migrations
  out.push(line('Migraciones', m ? (m.pending.length === 0 ? 'al día' : `faltan ${m.pending.length}: ${m.pending.join(', ')}`) : unread))
  const w = report.worker
  out.push(
    line(
      'Worker',
      !w ? unread : w.instances.length === 0 ? 'ninguno ha dado señales' : w.instances.map((i) => `${i.instance}: señal ${ago(i.ageSeconds)}`).join(' · '),
    ),
  )
  out.push(line('Publicación programada', report.scheduler ? `última revisión ${ago(report.scheduler.ageSeconds)}` : unread))
  const queues = report.queues
  out.push(line('Colas', !queues ? unread : queues.length === 0 ? 'ninguna creada todavía' : ''))
  for (const q of queues ?? []) {
    const waiting = q.ready === 0 ? 'sin espera' : `${q.ready} en espera, la más antigua ${ago(q.lagSeconds)}`
    const extra = [q.active > 0 ? `${q.active} en curso` : '', q.deferred > 0 ? `${q.deferred} programados` : '', q.failed > 0 ? `${q.failed} fallidos` : '']
    out.push(line(`  ${q.queue}`, [waiting, ...extra].filter(Boolean).join(', ')))
  }
  out.push(line('Portal publicado', report.portal.isBuilt ? `última publicación ${ago(report.portal.buildAgeSeconds)}` : 'NO generado'))
  out.push(line('Respaldo', report.backup ? `${ago(report.backup.ageSeconds)}, ${report.backup.isOk ? 'correcto' : 'FALLÓ'}` : report.database.isReachable ? 'ninguno registrado' : unread))
  const a = report.attention
  out.push(
    line(
      'Requieren una persona',
      !a
        ? unread
        : a.total === 0
          ? 'nada pendiente'
          : `${a.distributionsUnconfirmed} difusiones sin confirmar, ${a.distributionsFailed} fallidas, ${a.distributionsPaused} en pausa, ` +
            `${a.deliveriesUnconfirmed} correos sin confirmar, ${a.accountsToReconnect} cuentas por reconectar`,
    ),
  )
  if (report.services) {
    out.push(line('Servicios (npm start)', ''))
    for (const s of report.services.services) {
      const restarts = s.restarts > 0 ? `, ${s.restarts} reinicio(s), el último ${s.lastExitAt ? new Date(s.lastExitAt).toLocaleString('es-MX') : ''}${s.lastExit ? ` (${s.lastExit})` : ''}` : ''
      out.push(line(`  ${s.name}`, `${SERVICE_STATE_WORDS[s.state] ?? s.state}${restarts}`))
    }
  } else {
    out.push(line('Servicios (npm start)', 'el lanzador de Pregón no está corriendo en esta máquina'))
  }
  for (const probe of probes) out.push(line(PROBE_LABELS[probe.check], `${probe.isUp ? 'responde' : 'NO responde'} en ${probe.url} (${probe.outcome})`))
  return `${out.join('\n')}\n`
}

const PROBE_LABELS: Record<Probe['check'], string> = { admin: 'Administración (web)', 'portal-server': 'Portal (servidor web)' }
const SERVICE_STATE_WORDS: Record<string, string> = {
  starting: 'iniciando',
  running: 'en marcha',
  restarting: 'REINICIÁNDOSE',
  failed: 'DETENIDO POR FALLAS',
  stopped: 'detenido',
}
