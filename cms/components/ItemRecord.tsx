import type { UIFieldServerComponent } from 'payload'
import type { User } from '../payload-types'
import { findAuditEntries } from '../audit/auditExport'
import { STATE_LABELS, TRANSITIONS, isWorkflowVerb, type WorkflowState } from '../workflow'

const stateLabel = (state: string | null | undefined) => (state ? (STATE_LABELS[state as WorkflowState] ?? state) : '—')

/** The record of one item, newest last, on its edit page: who did what, when, to which version, and why. */
export const ItemRecord: UIFieldServerComponent = async ({ id, collectionSlug, payload, req }) => {
  if (!id) return null
  const [entries, settings] = await Promise.all([
    findAuditEntries(payload, (req.user as User | null) ?? null, { itemCollection: collectionSlug, itemId: String(id) }),
    payload.findGlobal({ slug: 'site-settings' }),
  ])
  const format = new Intl.DateTimeFormat('es-MX', { dateStyle: 'medium', timeStyle: 'short', timeZone: settings.timeZone })
  return (
    <section className="item-record" aria-labelledby="item-record-title">
      <h3 id="item-record-title">Registro</h3>
      {entries.length === 0 ? (
        <p>Aún no hay pasos registrados: el registro empieza al enviar a revisión.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Fecha</th>
              <th scope="col">Persona</th>
              <th scope="col">Acción</th>
              <th scope="col">Estado</th>
              <th scope="col">Versión</th>
              <th scope="col">Motivo</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>{format.format(new Date(entry.at))}</td>
                <td>{entry.actorName}</td>
                <td>{isWorkflowVerb(entry.action) ? TRANSITIONS[entry.action].label : entry.summary}</td>
                <td>
                  {stateLabel(entry.fromState)} → {stateLabel(entry.toState)}
                </td>
                <td>
                  <code title={entry.versionHash ?? ''}>{entry.versionHash?.slice(0, 12) ?? '—'}</code>
                </td>
                <td>{entry.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        Exportar para una solicitud de transparencia:{' '}
        <a href={`/api/audit-log/export?itemCollection=${collectionSlug}&itemId=${id}&format=csv`}>CSV</a> ·{' '}
        <a href={`/api/audit-log/export?itemCollection=${collectionSlug}&itemId=${id}&format=json`}>JSON</a> ·{' '}
        <a href={`/api/${collectionSlug}/${id}/expediente`} download>
          Expediente completo (ZIP: páginas, publicaciones, correos y registro, con sus huellas)
        </a>
      </p>
    </section>
  )
}
