/**
 * Liveness: the process answers. Never touches the database, so a supervisor does not restart the admin
 * because PostgreSQL is down (readiness says that).
 */
export interface HealthReply {
  status: 'ok'
  service: string
  uptimeSeconds: number
  checkedAt: string
}

export function healthReply(service: string, now = new Date()): HealthReply {
  return { status: 'ok', service, uptimeSeconds: Math.round(process.uptime()), checkedAt: now.toISOString() }
}

export const HEALTH_PATH = '/api/health'
