'use client'
import { Button, useConfig, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useCallback, useEffect, useState } from 'react'
import { postAction } from './postAction'
import { CHANNEL_CATALOGUE, isChannel } from '@pregon/core/channels'
import { DELIVERY_STATUS_CATALOGUE, type DeliveryCounts, type DeliveryStatus } from '@pregon/core/deliveries'

const isMailing = (channel: unknown) => isChannel(channel) && CHANNEL_CATALOGUE[channel].kind === 'mailing'

interface Progress {
  status: string
  total: number
  counts: DeliveryCounts
}

// Delivered first, then what is still to come, then what needs a look.
const SHOWN_IN_ORDER: DeliveryStatus[] = ['sent', 'pending', 'failed', 'bounced', 'unknown', 'suppressed']
const LABELS = SHOWN_IN_ORDER.map((status) => [status, DELIVERY_STATUS_CATALOGUE[status].countLabel] as const)

/** A press mailing's progress, refreshed while it runs, with pause and resume. */
export function MailingProgress() {
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const channel = useFormFields(([fields]) => fields.channel?.value)
  const [progress, setProgress] = useState<Progress | null>(null)
  const [busy, setBusy] = useState(false)
  const base = `${config.serverURL}${config.routes.api}/distributions/${id}`

  const load = useCallback(async () => {
    const response = await fetch(`${base}/progress`, { credentials: 'include' })
    if (response.ok) setProgress((await response.json()) as Progress)
  }, [base])

  useEffect(() => {
    if (!id || !isMailing(channel)) return
    void load()
    const timer = setInterval(() => void load(), 2000)
    return () => clearInterval(timer)
  }, [id, channel, load])

  if (!id || !isMailing(channel) || !progress) return null

  async function act(verb: 'pause' | 'resume' | 'resend-unconfirmed') {
    if (
      verb === 'resend-unconfirmed' &&
      !window.confirm('¿Reenviar los mensajes sin confirmar? Algunos pudieron llegar: esas personas lo recibirían dos veces.')
    ) {
      return
    }
    setBusy(true)
    try {
      await postAction(`${base}/${verb}`)
      await load()
    } finally {
      setBusy(false)
    }
  }

  const done = progress.total - progress.counts.pending
  return (
    <div style={{ marginBottom: '1.5rem' }} data-testid="mailing-progress">
      <h4 style={{ margin: '0 0 .5rem' }}>Avance del envío a prensa</h4>
      <progress max={progress.total || 1} value={done} style={{ width: '100%' }} aria-label="Avance del envío" />
      <p style={{ margin: '.5rem 0' }}>
        {LABELS.filter(([key]) => progress.counts[key] > 0 || key === 'sent' || key === 'pending')
          .map(([key, label]) => `${label}: ${progress.counts[key]}`)
          .join(' · ')}{' '}
        (de {progress.total})
      </p>
      {progress.counts.unknown > 0 && (
        <p>«Sin confirmar»: el envío se interrumpió con esos mensajes en camino; pudieron llegar o no. No se reenvían solos para no duplicar.</p>
      )}
      {progress.counts.unknown > 0 && ['sent', 'failed'].includes(progress.status) && (
        <Button onClick={() => act('resend-unconfirmed')} disabled={busy} buttonStyle="secondary" size="small">
          Reenviar los sin confirmar
        </Button>
      )}
      {['pending', 'sending'].includes(progress.status) && (
        <Button onClick={() => act('pause')} disabled={busy} buttonStyle="secondary" size="small">
          Pausar el envío
        </Button>
      )}
      {progress.status === 'paused' && (
        <Button onClick={() => act('resume')} disabled={busy} buttonStyle="primary" size="small">
          Reanudar el envío
        </Button>
      )}
    </div>
  )
}
