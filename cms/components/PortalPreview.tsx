'use client'
import { Button, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useRef, useState } from 'react'

const VIEWPORTS = {
  phone: { label: 'Teléfono (390 px)', width: 390, height: 844 },
  desktop: { label: 'Escritorio (1280 px)', width: 1280, height: 900 },
} as const
type Viewport = keyof typeof VIEWPORTS

/**
 * The bulletin's page as the portal will show it, rendered by the portal's own template from the last saved
 * working copy (GET /api/bulletins/:id/portal-preview), at a phone's width and a desktop's. The page sits in a
 * sandboxed frame (no scripts, no navigation out) scaled down to the panel's width.
 */
export function PortalPreview() {
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const [html, setHtml] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [isLoading, setIsLoading] = useState(false)
  const [viewport, setViewport] = useState<Viewport>('phone')
  const [available, setAvailable] = useState(0)
  const panel = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (!panel.current) return
    const observer = new ResizeObserver(([entry]) => setAvailable(entry?.contentRect.width ?? 0))
    observer.observe(panel.current)
    return () => observer.disconnect()
  }, [html])
  if (!id) return <p className="field-description">Guarda el borrador para ver cómo se verá en el portal.</p>

  async function load() {
    setIsLoading(true)
    setError(null)
    try {
      const response = await fetch(`${config.serverURL}${config.routes.api}/bulletins/${id}/portal-preview`, { credentials: 'include' })
      if (!response.ok) {
        const answer = (await response.json().catch(() => ({}))) as { errors?: Array<{ message: string }> }
        setError(answer.errors?.map((e) => e.message).join(' ') ?? 'No se pudo preparar la vista previa.')
        return
      }
      setHtml(await response.text())
    } catch {
      setError('No se pudo conectar con el servidor. Revisa tu conexión e inténtalo de nuevo.')
    } finally {
      setIsLoading(false)
    }
  }

  const { width, height } = VIEWPORTS[viewport]
  // Drawn at its real width, scaled down to fit the panel.
  const scale = available > 0 ? Math.min(1, available / width) : 1
  return (
    <section aria-labelledby="portal-preview-title" style={{ marginBlock: '1.5rem' }}>
      <h4 id="portal-preview-title">Vista previa en el portal</h4>
      <p className="field-description">Muestra la última versión guardada, tal como la verá la ciudadanía en el portal. Guarda antes de actualizarla.</p>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem', alignItems: 'center' }}>
        <Button buttonStyle="secondary" size="small" margin={false} onClick={load} disabled={isLoading}>
          {isLoading ? 'Preparando…' : html ? 'Actualizar vista previa' : 'Ver vista previa'}
        </Button>
        {html && (
          <div role="group" aria-label="Ancho de pantalla" style={{ display: 'flex', gap: '0.5rem' }}>
            {(Object.keys(VIEWPORTS) as Viewport[]).map((key) => (
              <Button key={key} buttonStyle={key === viewport ? 'primary' : 'secondary'} size="small" margin={false} aria-pressed={key === viewport} onClick={() => setViewport(key)}>
                {VIEWPORTS[key].label}
              </Button>
            ))}
          </div>
        )}
      </div>
      {error && (
        <p role="alert" style={{ color: 'var(--theme-error-500)' }}>
          {error}
        </p>
      )}
      {html && (
        <div ref={panel} style={{ marginTop: '0.75rem' }}>
          <div style={{ width: width * scale, height: height * scale, overflow: 'hidden', border: '1px solid var(--theme-elevation-150)' }}>
            <iframe
              title={`Vista previa del boletín en el portal: ${VIEWPORTS[viewport].label}`}
              srcDoc={html}
              sandbox=""
              data-viewport={viewport}
              style={{ width, height, border: 0, transform: `scale(${scale})`, transformOrigin: '0 0' }}
            />
          </div>
        </div>
      )}
    </section>
  )
}
