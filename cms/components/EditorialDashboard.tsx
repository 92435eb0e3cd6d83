import type { Payload } from 'payload'
import { CHANNEL_LABELS, SOCIAL_CHANNELS, STATUS_LABELS } from '@pregon/core/channels'
import type { User } from '../payload-types'

const OVERDUE_GRACE_MS = 60_000

interface Props {
  payload: Payload
  user?: User | null
}

/**
 * At the top of the dashboard: what waits for the approver, and whether the scheduler is alive.
 * Read as the signed-in person (access control on).
 */
export async function EditorialDashboard({ payload, user }: Props) {
  if (!user) return null
  const now = Date.now()
  const asUser = { overrideAccess: false, user, draft: true, depth: 0 } as const
  const [inReview, approved, programsInReview, notReviewed, overdue, status, settings] = await Promise.all([
    payload.find({ collection: 'bulletins', ...asUser, where: { workflowState: { equals: 'in_review' } }, sort: 'updatedAt', limit: 10 }),
    payload.find({ collection: 'bulletins', ...asUser, where: { workflowState: { equals: 'approved' } }, sort: 'updatedAt', limit: 10 }),
    payload.find({ collection: 'programs', ...asUser, where: { workflowState: { equals: 'in_review' } }, sort: 'updatedAt', limit: 10 }),
    payload.count({ collection: 'bulletins', overrideAccess: false, user, where: { needsReview: { equals: true } } }),
    payload.find({
      collection: 'bulletins',
      ...asUser,
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
  const titleOf = (bulletin: unknown) => (bulletin && typeof bulletin === 'object' ? (bulletin as { title: string }).title : `#${String(bulletin)}`)
  const idOfBulletin = (bulletin: unknown) => (bulletin && typeof bulletin === 'object' ? (bulletin as { id: number }).id : bulletin)
  const lastRun = status.lastRunAt ? new Date(status.lastRunAt) : null
  const isStale = !lastRun || now - lastRun.getTime() > 3 * OVERDUE_GRACE_MS
  const time = new Intl.DateTimeFormat('es-MX', { timeStyle: 'medium', dateStyle: 'short', timeZone: settings.timeZone })

  return (
    <section className="editorial-dashboard" aria-label="Trabajo editorial">
      <div>
        <h2>Pendientes de aprobación ({inReview.totalDocs + programsInReview.totalDocs})</h2>
        {inReview.docs.length === 0 ? (
          <p>Nada espera revisión.</p>
        ) : (
          <ul>
            {inReview.docs.map((doc) => (
              <li key={doc.id}>
                <a href={`/admin/collections/bulletins/${doc.id}`}>{doc.title}</a>
              </li>
            ))}
          </ul>
        )}
        {programsInReview.docs.length > 0 ? (
          <>
            <h3>Programas y convocatorias</h3>
            <ul>
              {programsInReview.docs.map((doc) => (
                <li key={doc.id}>
                  <a href={`/admin/collections/programs/${doc.id}`}>{doc.title}</a>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <p>
          <a href="/admin/collections/bulletins?where[workflowState][equals]=in_review">Ver todos en revisión</a>
        </p>
      </div>
      <div>
        <h2>Aprobados sin publicar ({approved.totalDocs})</h2>
        {approved.docs.length === 0 ? (
          <p>Ninguno.</p>
        ) : (
          <ul>
            {approved.docs.map((doc) => (
              <li key={doc.id}>
                <a href={`/admin/collections/bulletins/${doc.id}`}>{doc.title}</a>
              </li>
            ))}
          </ul>
        )}
        {notReviewed.totalDocs > 0 ? <p className="editorial-dashboard__alert">Publicaciones de emergencia sin revisar: {notReviewed.totalDocs}</p> : null}
      </div>
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
                  <a href={`/admin/collections/bulletins/${String(idOfBulletin(row.bulletin))}`}>{titleOf(row.bulletin)}</a> · {CHANNEL_LABELS[row.channel]}:{' '}
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
                <a href={`/admin/collections/bulletins/${String(idOfBulletin(row.bulletin))}`}>{titleOf(row.bulletin)}</a> · {CHANNEL_LABELS[row.channel]}:{' '}
                {row.waitingReason}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  )
}
