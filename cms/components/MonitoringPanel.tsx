import type { Payload } from 'payload'
import type { User } from '../payload-types'

const SHOWN = 6

/**
 * The press monitoring at a glance: today's items that mention the municipality and wait for a person's
 * judgement, the last síntesis, and every source that is failing with its error in Spanish (each source fails
 * on its own; this is where the office sees which and why). Nothing when the office follows no source yet.
 */
export async function MonitoringPanel({ payload, user, timeZone }: { payload: Payload; user: User; timeZone: string }) {
  const [sources, failing, unreviewed, lastEdition] = await Promise.all([
    payload.count({ collection: 'monitor-sources', overrideAccess: false, user, where: { active: { equals: true } } }),
    payload.find({ collection: 'monitor-sources', overrideAccess: false, user, depth: 0, limit: SHOWN, sort: 'name', where: { and: [{ active: { equals: true } }, { health: { equals: 'error' } }] }, select: { name: true, lastError: true, lastSuccessAt: true } }),
    payload.count({ collection: 'monitor-items', overrideAccess: false, user, where: { and: [{ mentioned: { equals: true } }, { relevance: { equals: 'unreviewed' } }, { firstSeenAt: { greater_than: new Date(Date.now() - 24 * 3_600_000).toISOString() } }] } }),
    payload.find({ collection: 'synthesis-editions', overrideAccess: false, user, depth: 0, limit: 1, sort: '-day' }),
  ])
  if (sources.totalDocs === 0) return null
  const when = new Intl.DateTimeFormat('es-MX', { dateStyle: 'medium', timeStyle: 'short', timeZone })
  const edition = lastEdition.docs[0]
  const editionLine = !edition
    ? 'Aún no se ha enviado ninguna síntesis.'
    : edition.status === 'sent'
      ? `Última síntesis: ${edition.day}, enviada ${edition.sentAt ? when.format(new Date(edition.sentAt)) : ''} (${edition.itemCount ?? 0} notas).`
      : `Síntesis del ${edition.day}: ${edition.status === 'failed' ? 'no se pudo enviar' : 'enviándose'}${edition.error ? `. ${edition.error}` : ''}`
  return (
    <div className="editorial-dashboard__list editorial-dashboard__monitoring">
      <h2>Monitoreo de medios</h2>
      <p>
        <a href="/admin/collections/monitor-items?where[relevance][equals]=unreviewed&where[mentioned][equals]=true">
          {unreviewed.totalDocs === 1 ? '1 nota de las últimas 24 horas menciona al municipio y espera revisión' : `${unreviewed.totalDocs} notas de las últimas 24 horas mencionan al municipio y esperan revisión`}
        </a>
      </p>
      <p className={edition && edition.status !== 'sent' ? 'editorial-dashboard__alert' : undefined}>{editionLine}</p>
      {failing.totalDocs > 0 ? (
        <>
          <h3 className="editorial-dashboard__alert">
            {failing.totalDocs === 1 ? '1 canal con error' : `${failing.totalDocs} canales con error`} de {sources.totalDocs}
          </h3>
          <ul>
            {failing.docs.map((source) => (
              <li key={source.id}>
                <a href={`/admin/collections/monitor-sources/${source.id}`}>{source.name}</a>
                <p className="editorial-dashboard__reason">{source.lastError}</p>
                <p className="editorial-dashboard__detail">
                  {source.lastSuccessAt ? `Última lectura correcta: ${when.format(new Date(source.lastSuccessAt))}` : 'Nunca se ha leído bien.'}
                </p>
              </li>
            ))}
          </ul>
          {failing.totalDocs > SHOWN ? <a href="/admin/collections/monitor-sources?where[health][equals]=error">Ver todos</a> : null}
        </>
      ) : (
        <p>Los {sources.totalDocs} canales funcionan.</p>
      )}
    </div>
  )
}
