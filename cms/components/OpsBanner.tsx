import type { Payload } from 'payload'
import { alertPath } from '../alerts/opsAlert'
import { readOpenAlerts } from '../alerts/readOpenAlerts'
import { roleOf } from '../access/roles'
import { poolOf } from '../db/poolOf'
import type { User } from '../payload-types'
import { silentWorkerNotice } from '../alerts/silentWorkerNotice'

const SHOWN = 5

interface Props {
  payload: Payload
  user?: User | null
}

/**
 * Above every admin page (admin.components.header): what needs a person now, until it is resolved. The
 * alert sweep (workers/src/alerts) keeps the list; staff only, nothing at all when nothing is open.
 */
export async function OpsBanner({ payload, user }: Props) {
  if (!user || !roleOf({ user })) return null
  let open: Awaited<ReturnType<typeof readOpenAlerts>>
  try {
    open = await readOpenAlerts(poolOf(payload), { limit: SHOWN })
  } catch (error) {
    // The banner must never take an admin page down with it (say, before the ops migration ran).
    payload.logger.error({ err: error }, 'ops banner: open alerts could not be read')
    return null
  }
  const noWorker = await silentWorkerNotice(payload)
  if (open.total === 0 && !noWorker) return null
  const total = open.total + (noWorker ? 1 : 0)
  const more = open.total - open.alerts.length
  // One line on a phone; the list opens on demand (a native <details>: works before, or without, JavaScript).
  return (
    <aside className="ops-banner" role="status" aria-label="Avisos de operación">
      <details className="ops-banner__details">
        <summary className="ops-banner__title">
          {total === 1 ? 'Un aviso necesita a una persona' : `${total} avisos necesitan a una persona`}
          <span className="ops-banner__toggle"> · Ver detalles</span>
        </summary>
        <ul className="ops-banner__list">
          {noWorker ? <li key="no-worker">{noWorker}</li> : null}
          {open.alerts.map((alert) => {
            const path = alertPath(alert)
            return <li key={alert.key}>{path ? <a href={path}>{alert.message}</a> : alert.message}</li>
          })}
        </ul>
        {more > 0 ? <p className="ops-banner__more">y {more} más</p> : null}
      </details>
    </aside>
  )
}
