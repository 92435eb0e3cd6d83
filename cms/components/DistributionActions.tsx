'use client'
import { Button, useConfig } from '@payloadcms/ui'
import { useState } from 'react'
import { postAction } from './postAction'

/** «Reintentar» and «Marcar como publicado» for one distribution; the server re-checks who may do what. */
export function DistributionActions({ id, canRetry, canMarkPublished }: { id: number; canRetry: boolean; canMarkPublished: boolean }) {
  const { config } = useConfig()
  const [busy, setBusy] = useState(false)

  async function run(action: 'retry' | 'mark-published') {
    let url: string | null = null
    if (action === 'mark-published') {
      const answer = window.prompt('Enlace de la publicación en la red (opcional; déjalo vacío si no lo tienes):', '')
      if (answer === null) return
      url = answer.trim() || null
    } else if (!window.confirm('¿Reintentar? Si no se sabía si se publicó, revisa antes la cuenta: reintentar puede publicarlo otra vez.')) {
      return
    }
    setBusy(true)
    try {
      if (await postAction(`${config.serverURL}${config.routes.api}/distributions/${id}/${action}`, { url })) window.location.reload()
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="distribution-actions">
      {canRetry ? (
        <Button buttonStyle="secondary" size="small" disabled={busy} onClick={() => void run('retry')}>
          Reintentar
        </Button>
      ) : null}
      {canMarkPublished ? (
        <Button buttonStyle="secondary" size="small" disabled={busy} onClick={() => void run('mark-published')}>
          Marcar como publicado
        </Button>
      ) : null}
    </div>
  )
}
