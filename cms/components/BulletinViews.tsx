'use client'
import { useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useEffect, useState } from 'react'

interface Views {
  days: Array<{ day: string; views: number }>
  total: number
}

const DATE = new Intl.DateTimeFormat('es-MX', { day: 'numeric', month: 'short', timeZone: 'UTC' })
const NUMBER = new Intl.NumberFormat('es-MX')

/** «Visitas en el portal»: the page's views of the last 30 days, as a sentence and, on demand, a table by day. */
export function BulletinViews() {
  const { id } = useDocumentInfo()
  const { config } = useConfig()
  const [views, setViews] = useState<Views | null>(null)
  useEffect(() => {
    if (!id) return
    const controller = new AbortController()
    fetch(`${config.serverURL}${config.routes.api}/bulletins/${id}/views`, { credentials: 'include', signal: controller.signal })
      .then(async (response) => (response.ok ? setViews((await response.json()) as Views) : undefined))
      .catch(() => undefined)
    return () => controller.abort()
  }, [id, config.serverURL, config.routes.api])
  if (!id || !views) return null
  return (
    <div className="field-type bulletin-views">
      <p>
        <strong>Visitas en el portal:</strong> {views.total === 0 ? 'ninguna en los últimos 30 días.' : `${NUMBER.format(views.total)} en los últimos 30 días.`}
      </p>
      {views.days.length > 0 ? (
        <details>
          <summary>Por día</summary>
          <table>
            <thead>
              <tr>
                <th scope="col">Día</th>
                <th scope="col">Visitas</th>
              </tr>
            </thead>
            <tbody>
              {views.days.map((row) => (
                <tr key={row.day}>
                  <td>{DATE.format(new Date(`${row.day}T12:00:00Z`))}</td>
                  <td>{NUMBER.format(row.views)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </div>
  )
}
