'use client'
import { useDocumentInfo, useFormFields } from '@payloadcms/ui'

/** A ready report's two readings: the page (charts with their tables) and the PDF to hand over. */
export const ReportLinks = () => {
  const { id } = useDocumentInfo()
  const status = useFormFields(([fields]) => fields.status?.value)
  if (!id) return null
  if (status !== 'ready') return <p className="report-links">{status === 'failed' ? 'El informe no se pudo preparar: vea el error abajo.' : 'El informe se está preparando: recargue la página en unos segundos.'}</p>
  return (
    <p className="report-links">
      <a href={`/api/council-reports/${id}/html`} target="_blank" rel="noopener">
        Ver el informe
      </a>
      {' · '}
      <a href={`/api/council-reports/${id}/pdf`}>Descargar PDF</a>
    </p>
  )
}
