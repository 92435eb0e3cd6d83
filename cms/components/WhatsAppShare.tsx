'use client'
import { Button, toast, useConfig } from '@payloadcms/ui'
import { useState } from 'react'
import { postAction } from './postAction'

/**
 * WhatsApp Channels have no API: staff post by hand. «Copiar para WhatsApp» puts the formatted text on the
 * clipboard, «Descargar imagen» gives the photo, and «Ya lo publiqué» records who posted it (the ledger row).
 */
export function WhatsAppShare({ id, text, imageUrl, canMark }: { id: number; text: string; imageUrl: string | null; canMark: boolean }) {
  const { config } = useConfig()
  const [busy, setBusy] = useState(false)

  async function copy() {
    try {
      await navigator.clipboard.writeText(text)
      toast.success('Texto copiado: pégalo en el canal de WhatsApp del municipio.')
    } catch {
      // Without clipboard access (an http address, an old browser), the text is there to select by hand.
      toast.error('El navegador no dejó copiar: selecciona el texto de abajo y cópialo.')
    }
  }

  async function markDone() {
    const answer = window.prompt('Enlace de la publicación en el canal (opcional; déjalo vacío si no lo tienes):', '')
    if (answer === null) return
    setBusy(true)
    try {
      if (await postAction(`${config.serverURL}${config.routes.api}/distributions/${id}/mark-published`, { url: answer.trim() || null })) window.location.reload()
    } finally {
      setBusy(false)
    }
  }

  return (
    <div className="whatsapp-share">
      <div className="distribution-actions">
        <Button buttonStyle="secondary" size="small" onClick={() => void copy()}>
          Copiar para WhatsApp
        </Button>
        {imageUrl ? (
          <a className="btn btn--style-secondary btn--size-small" href={imageUrl} download>
            Descargar imagen
          </a>
        ) : null}
        {canMark ? (
          <Button buttonStyle="secondary" size="small" disabled={busy} onClick={() => void markDone()}>
            Ya lo publiqué
          </Button>
        ) : null}
      </div>
      <textarea className="whatsapp-share__text" readOnly value={text} rows={5} aria-label="Texto para WhatsApp" />
    </div>
  )
}
