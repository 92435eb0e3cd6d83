import type { Payload, Where } from 'payload'
import { BLACKOUT_KIND_LABELS, currentAndComingPeriods, periodAt, periodSpan, PROMOTION_CLASSIFICATIONS, type BlackoutKind } from '@pregon/core/law/blackout'
import type { User } from '../payload-types'
import { WORKFLOW_COLLECTIONS, type WorkflowCollection } from '../workflow/workflowCollections'

const SHOWN = 8
const DAY = 24 * 60 * 60 * 1000

interface Listed {
  collection: WorkflowCollection
  id: number
  title: string
  note: string
}

/**
 * The veda electoral on the dashboard: the periods in force and coming, what they hold (scheduled items that
 * fall inside, held by the scheduler and back in review) and what leaves the portal while one is active
 * (published campaigns and promotion without an exception). Read as the signed-in person; nothing when the
 * calendar has nothing ahead.
 */
export async function BlackoutPanel({ payload, user, timeZone }: { payload: Payload; user: User; timeZone: string }) {
  const now = new Date()
  const { docs: calendar } = await payload.find({
    collection: 'blackout-periods',
    overrideAccess: false,
    user,
    depth: 0,
    pagination: false,
    where: { endsAt: { greater_than: now.toISOString() } },
  })
  const periods = currentAndComingPeriods(calendar, now)
  if (periods.length === 0) return null
  const find = (where: Where) =>
    Promise.all(
      WORKFLOW_COLLECTIONS.map(async (collection) => {
        const { docs } = await payload.find({ collection, overrideAccess: false, user, draft: true, depth: 0, pagination: false, where })
        return docs.map((doc) => ({ collection, doc: doc as typeof doc & { blackoutHold?: { reason?: string } | null } }))
      }),
    ).then((lists) => lists.flat())
  const [held, scheduled, promotion] = await Promise.all([
    find({ and: [{ workflowState: { equals: 'in_review' } }, { blackoutHold: { exists: true } }] }),
    find({ workflowState: { equals: 'scheduled' } }),
    find({ and: [{ _status: { equals: 'published' } }, { classification: { in: [...PROMOTION_CLASSIFICATIONS] } }, { blackoutException: { exists: false } }] }),
  ])
  const when = new Intl.DateTimeFormat('es-MX', { dateStyle: 'medium', timeStyle: 'short', timeZone })
  const willHold: Listed[] = scheduled.flatMap(({ collection, doc }) => {
    const period = doc.publishAt ? periodAt(periods, new Date(doc.publishAt)) : null
    return period ? [{ collection, id: doc.id, title: doc.title, note: `programado: ${when.format(new Date(doc.publishAt!))}, dentro de «${period.name}»: se retendrá` }] : []
  })
  const wasHeld: Listed[] = held.map(({ collection, doc }) => ({ collection, id: doc.id, title: doc.title, note: 'necesita una nueva aprobación para salir después de la veda' }))
  const active = periodAt(periods, now)
  const leaving: Listed[] = promotion.map(({ collection, doc }) => ({ collection, id: doc.id, title: doc.title, note: active ? 'retirado del portal hasta que termine' : 'se retira del portal al empezar' }))

  return (
    <div className="editorial-dashboard__list editorial-dashboard__blackout">
      <h2 className={active ? 'editorial-dashboard__alert' : undefined}>Veda electoral</h2>
      <ul>
        {periods.map((period) => {
          const starts = new Date(period.startsAt)
          const isActive = period === active
          return (
            <li key={period.id}>
              <strong>{isActive ? 'En curso: ' : `Empieza en ${Math.max(1, Math.ceil((starts.getTime() - now.getTime()) / DAY))} días: `}</strong>
              {period.name} · {BLACKOUT_KIND_LABELS[period.kind as BlackoutKind]} {periodSpan(period, timeZone)} · {period.territory}
            </li>
          )
        })}
      </ul>
      {active ? (
        <p className="editorial-dashboard__detail">
          Nada sale en ningún canal salvo excepciones de salud, educación, protección civil o autoridad electoral, con justificación escrita.
        </p>
      ) : null}
      <Items title="Retenidos por la veda" items={wasHeld} />
      <Items title="Programados dentro de la veda" items={willHold} />
      <Items title={active ? 'Fuera del portal por la veda (campañas y logros)' : 'Saldrán del portal al empezar (campañas y logros)'} items={leaving} />
    </div>
  )
}

function Items({ title, items }: { title: string; items: Listed[] }) {
  if (items.length === 0) return null
  return (
    <>
      <h3>
        {title} ({items.length})
      </h3>
      <ul>
        {items.slice(0, SHOWN).map((item) => (
          <li key={`${item.collection}-${item.id}`}>
            <a href={`/admin/collections/${item.collection}/${item.id}`}>{item.title}</a>
            <span className="editorial-dashboard__detail"> · {item.note}</span>
          </li>
        ))}
      </ul>
      {items.length > SHOWN ? <p>y {items.length - SHOWN} más</p> : null}
    </>
  )
}
