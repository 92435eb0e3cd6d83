import type { Payload } from 'payload'
import { CHANNEL_LABELS, SOCIAL_CHANNELS, STATUS_LABELS } from '@pregon/core/channels'
import type { User } from '../payload-types'
import { dashboardWork, type ReturnedItem, type WorkItem } from './dashboardWork'
import { BlackoutPanel } from './BlackoutPanel'
import { MonitoringPanel } from './MonitoringPanel'
import './EditorialDashboard.css'
import { distributedItemOf } from '@pregon/core/distributedItem'

const OVERDUE_GRACE_MS = 60_000
// A list shows this many; the rest are one link away, in the collection's list.
const SHOWN = 8

interface Props {
  payload: Payload
  user?: User | null
}

/**
 * At the top of the dashboard: what waits for this person, by role, and whether the scheduler is alive.
 * An editor sees what came back to her (with the reason), her drafts and what waits for an approver; an
 * approver sees what waits for their review, what they edited (another approver must approve it), what is
 * approved and not yet public, and emergency publications to read. Read as the signed-in person (access on).
 */
export async function EditorialDashboard({ payload, user }: Props) {
  if (!user) return null
  const now = Date.now()
  const isApprover = user.role === 'approver' || user.role === 'admin'
  const [work, overdue, status, settings] = await Promise.all([
    dashboardWork({ payload, user }),
    payload.find({
      collection: 'bulletins',
      overrideAccess: false,
      user,
      draft: true,
      depth: 0,
      limit: 1,
      where: { and: [{ workflowState: { equals: 'scheduled' } }, { publishAt: { less_than: new Date(now - OVERDUE_GRACE_MS).toISOString() } }] },
    }),
    payload.findGlobal({ slug: 'scheduler-status', overrideAccess: false, user }),
    payload.findGlobal({ slug: 'site-settings' }),
  ])
  // Social posts that wait (rate limit, daily budget) or need a person (unconfirmed, failed, reconnect).
  const [socialWaiting, socialAttention, reconnect] = await Promise.all([
    payload.find({
      collection: 'distributions',
      overrideAccess: false,
      user,
      depth: 1,
      limit: 10,
      sort: '-isUrgent',
      where: { and: [{ channel: { in: SOCIAL_CHANNELS } }, { status: { equals: 'pending' } }, { waitingReason: { exists: true } }] },
    }),
    payload.find({
      collection: 'distributions',
      overrideAccess: false,
      user,
      depth: 1,
      limit: 10,
      sort: '-updatedAt',
      where: { and: [{ channel: { in: SOCIAL_CHANNELS } }, { status: { in: ['unknown', 'failed'] } }] },
    }),
    payload.find({ collection: 'social-accounts', overrideAccess: false, user, depth: 0, where: { needsReconnect: { equals: true } } }),
  ])
  // A row's bulletin or program, linked to its page (where «Difusión» has the actions).
  const ItemLink = ({ row }: { row: { bulletin?: unknown; program?: unknown } }) => {
    const item = distributedItemOf(row)
    const value = row.bulletin ?? row.program
    const title = value && typeof value === 'object' ? (value as { title: string }).title : `#${String(item?.id ?? '?')}`
    return item ? <a href={`/admin/collections/${item.collection}/${item.id}`}>{title}</a> : <span>{title}</span>
  }
  const lastRun = status.lastRunAt ? new Date(status.lastRunAt) : null
  const isStale = !lastRun || now - lastRun.getTime() > 3 * OVERDUE_GRACE_MS
  const time = new Intl.DateTimeFormat('es-MX', { timeStyle: 'medium', dateStyle: 'short', timeZone: settings.timeZone })
  const when = new Intl.DateTimeFormat('es-MX', { timeStyle: 'short', dateStyle: 'medium', timeZone: settings.timeZone })

  return (
    <section className="editorial-dashboard" aria-label="Trabajo editorial">
      {isApprover ? (
        <>
          {work.returned.length > 0 ? <Returned items={work.returned} time={when} /> : null}
          <WorkList
            title="Espera tu revisión"
            items={work.awaitingReview}
            empty="Nada espera tu revisión."
            more="/admin/collections/bulletins?where[workflowState][equals]=in_review"
          />
          {work.inReviewByYou.length > 0 ? (
            <WorkList title="En revisión, editados por ti: necesitan a otra persona" items={work.inReviewByYou} empty="" />
          ) : null}
          <WorkList
            title="Aprobados sin publicar o programados"
            items={work.approved}
            empty="Ninguno."
            detail={(item) => (item.state === 'scheduled' && item.publishAt ? `programado: ${when.format(new Date(item.publishAt))}` : 'espera «Publicar»')}
          />
          {work.notReviewed.length > 0 ? (
            <WorkList title="Publicaciones de emergencia sin revisar" items={work.notReviewed} empty="" isAlert />
          ) : null}
        </>
      ) : (
        <>
          <Returned items={work.returned} time={when} />
          <WorkList title="Tus borradores" items={work.drafts} empty="No tienes borradores." />
          <WorkList title="En revisión (esperan a Aprobación)" items={work.inReviewByYou} empty="Nada tuyo espera revisión." />
        </>
      )}
      <BlackoutPanel payload={payload} user={user} timeZone={settings.timeZone ?? 'America/Mexico_City'} />
      <MonitoringPanel payload={payload} user={user} timeZone={settings.timeZone ?? 'America/Mexico_City'} />
      <div>
        <h2>Publicación programada</h2>
        <p>
          Última revisión: {lastRun ? time.format(lastRun) : 'nunca'}
          {lastRun ? ` · siguiente: ${time.format(new Date(lastRun.getTime() + OVERDUE_GRACE_MS))}` : ''}
        </p>
        <p className={overdue.totalDocs > 0 || isStale ? 'editorial-dashboard__alert' : undefined}>
          {isStale ? 'El programador no ha corrido en los últimos 3 minutos: revisa que el proceso de trabajos esté en marcha. ' : ''}
          Atrasados: {overdue.totalDocs}
        </p>
        {status.lastError ? <p className="editorial-dashboard__alert">Último error: {status.lastError}</p> : null}
      </div>
      <div className="editorial-dashboard__social">
        <h2>Redes sociales</h2>
        {reconnect.docs.map((account) => (
          <p key={account.id} className="editorial-dashboard__alert">
            Reconectar {account.label ?? account.account}: la red rechazó las credenciales.
          </p>
        ))}
        {socialAttention.totalDocs > 0 ? (
          <>
            <h3>Requieren atención ({socialAttention.totalDocs})</h3>
            <ul>
              {socialAttention.docs.map((row) => (
                <li key={row.id}>
                  <ItemLink row={row} /> · {CHANNEL_LABELS[row.channel]}:{' '}
                  {STATUS_LABELS[row.status]}
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <h3>En espera ({socialWaiting.totalDocs})</h3>
        {socialWaiting.docs.length === 0 ? (
          <p>Nada espera turno.</p>
        ) : (
          <ul>
            {socialWaiting.docs.map((row) => (
              <li key={row.id}>
                {row.isUrgent ? <strong>Urgente · </strong> : null}
                <ItemLink row={row} /> · {CHANNEL_LABELS[row.channel]}:{' '}
                {row.waitingReason}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  )
}

const KIND = { bulletins: '', programs: ' · Programa' } as const
const editLink = (item: WorkItem) => `/admin/collections/${item.collection}/${item.id}`

function WorkList({
  title,
  items,
  empty,
  more,
  detail,
  isAlert = false,
}: {
  title: string
  items: WorkItem[]
  empty: string
  more?: string
  detail?: (item: WorkItem) => string
  isAlert?: boolean
}) {
  return (
    <div className="editorial-dashboard__list">
      <h2 className={isAlert ? 'editorial-dashboard__alert' : undefined}>
        {title} ({items.length})
      </h2>
      {items.length === 0 ? (
        <p>{empty}</p>
      ) : (
        <ul>
          {items.slice(0, SHOWN).map((item) => (
            <li key={`${item.collection}-${item.id}`}>
              <a href={editLink(item)}>{item.title}</a>
              {KIND[item.collection]}
              {detail ? <span className="editorial-dashboard__detail"> · {detail(item)}</span> : null}
            </li>
          ))}
        </ul>
      )}
      {items.length > SHOWN ? <p>{more ? <a href={more}>Ver todos</a> : `y ${items.length - SHOWN} más`}</p> : null}
    </div>
  )
}

/** What an approver sent back to her: the reason first, since it says what to change. */
function Returned({ items, time }: { items: ReturnedItem[]; time: Intl.DateTimeFormat }) {
  return (
    <div className="editorial-dashboard__list editorial-dashboard__returned">
      <h2>Devuelto a ti ({items.length})</h2>
      {items.length === 0 ? (
        <p>Nada te han devuelto.</p>
      ) : (
        <ul>
          {items.slice(0, SHOWN).map((item) => (
            <li key={`${item.collection}-${item.id}`}>
              <a href={editLink(item)}>{item.title}</a>
              {KIND[item.collection]}
              <p className="editorial-dashboard__reason">«{item.reason ?? 'sin motivo'}»</p>
              <p className="editorial-dashboard__detail">
                Lo devolvió {item.rejectedBy} el {time.format(new Date(item.rejectedAt))}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
