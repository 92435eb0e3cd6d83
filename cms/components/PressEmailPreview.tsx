'use client'
import { Button, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'

interface Preview {
  subject: string
  replyTo: string | null
  html: string
}

/**
 * «Vista previa del correo a prensa»: the message of the saved working copy as journalists would get it, from
 * the same renderer as the mailing (the endpoint renders it), refreshed after each save. The iframe runs no
 * script: the HTML is the mail's own, shown apart from the admin's page.
 */
export function PressEmailPreview() {
  const { id, lastUpdateTime } = useDocumentInfo()
  const { config } = useConfig()
  const [preview, setPreview] = useState<Preview | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const [isLoading, setIsLoading] = useState(false)
  const url = `${config.serverURL}${config.routes.api}/bulletins/${id}/press-email-preview`

  const load = useCallback(async () => {
    setIsLoading(true)
    try {
      const response = await fetch(url, { credentials: 'include' })
      const body = (await response.json().catch(() => null)) as (Preview & { errors?: Array<{ message: string }> }) | null
      if (response.ok && body) {
        setPreview(body)
        setProblem(null)
      } else setProblem(body?.errors?.[0]?.message ?? 'No se pudo preparar la vista previa.')
    } catch {
      setProblem('No se pudo preparar la vista previa: revisa tu conexión.')
    } finally {
      setIsLoading(false)
    }
  }, [url])

  useEffect(() => {
    if (id) void load()
  }, [id, lastUpdateTime, load])

  if (!id) return <p className="press-email-preview__note">Guarda el borrador para ver el correo a prensa.</p>
  return (
    <section className="press-email-preview" aria-label="Vista previa del correo a prensa">
      <h4>Vista previa del correo a prensa</h4>
      {problem ? <p role="alert">{problem}</p> : null}
      {preview ? (
        <>
          <p className="press-email-preview__subject">
            <strong>Asunto:</strong> {preview.subject}
            {preview.replyTo ? <span> · Responder a: {preview.replyTo}</span> : null}
          </p>
          <iframe
            className="press-email-preview__frame"
            title={`Correo a prensa: ${preview.subject}`}
            srcDoc={preview.html}
            sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
          />
        </>
      ) : null}
      <Button buttonStyle="secondary" size="small" disabled={isLoading} onClick={() => void load()}>
        {isLoading ? 'Preparando…' : 'Actualizar la vista previa'}
      </Button>
      <p className="press-email-preview__note">Muestra la última versión guardada.</p>
    </section>
  )
}
