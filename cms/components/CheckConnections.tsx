'use client'
import { Button, useConfig } from '@payloadcms/ui'
import { useState } from 'react'
import { postAction } from './postAction'

// The worker answers within seconds (it is woken when the job is queued); then the list shows the result.
const RESULT_WAIT_MS = 4_000

/** «Probar conexión» above the social accounts: reads each configured account without posting. */
export function CheckConnections() {
  const { config } = useConfig()
  const [busy, setBusy] = useState(false)

  async function check() {
    setBusy(true)
    if (await postAction(`${config.serverURL}${config.routes.api}/social-accounts/check`)) {
      setTimeout(() => window.location.reload(), RESULT_WAIT_MS)
    } else {
      setBusy(false)
    }
  }

  return (
    <div className="check-connections">
      <p>
        Cada cuenta se prueba sola al arrancar Pregón y cada mañana: se lee sin publicar nada. Aquí ves qué cuenta abren las credenciales,
        cuándo vence su token y si hay que reconectarla.
      </p>
      <Button buttonStyle="secondary" size="small" disabled={busy} onClick={() => void check()}>
        {busy ? 'Probando…' : 'Probar conexión'}
      </Button>
    </div>
  )
}
