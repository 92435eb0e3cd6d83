'use client'
import { useConfig, useFormFields } from '@payloadcms/ui'
import { CHANNEL_LABELS, isSocialChannel, type Channel } from '@pregon/core/channels'
import { useEffect, useState } from 'react'
import type { ReachedAccount } from '../socialAccounts/accountsReached'
import './ReachPanel.css'

const DEBOUNCE_MS = 300

/**
 * «Llegará a»: every account the bulletin goes out on, as the form stands (networks chosen, department,
 * other accounts), so editor and approver see them before approving. The server answers with the same
 * function that writes the rows at publication (cms/socialAccounts/accountsReached).
 */
export function ReachPanel() {
  const { config } = useConfig()
  const distributeTo = useFormFields(([fields]) => fields.distributeTo?.value)
  const department = useFormFields(([fields]) => fields.department?.value)
  const extraAccounts = useFormFields(([fields]) => fields.extraAccounts?.value)
  const [accounts, setAccounts] = useState<ReachedAccount[] | null>(null)
  const [failed, setFailed] = useState(false)
  const body = JSON.stringify({ distributeTo: distributeTo ?? [], department: department ?? null, extraAccounts: extraAccounts ?? [] })

  useEffect(() => {
    const controller = new AbortController()
    const timer = setTimeout(() => {
      fetch(`${config.serverURL}${config.routes.api}/social-accounts/reach`, {
        method: 'POST',
        credentials: 'include',
        headers: { 'Content-Type': 'application/json' },
        body,
        signal: controller.signal,
      })
        .then(async (response) => {
          if (!response.ok) throw new Error(String(response.status))
          setAccounts(((await response.json()) as { accounts: ReachedAccount[] }).accounts)
          setFailed(false)
        })
        .catch((error: unknown) => {
          if ((error as Error).name !== 'AbortError') setFailed(true)
        })
    }, DEBOUNCE_MS)
    return () => {
      clearTimeout(timer)
      controller.abort()
    }
  }, [body, config.serverURL, config.routes.api])

  const byNetwork = new Map<string, ReachedAccount[]>()
  for (const account of accounts ?? []) byNetwork.set(account.channel, [...(byNetwork.get(account.channel) ?? []), account])

  return (
    <div className="field-type reach-panel" aria-live="polite">
      <p className="reach-panel__title">Llegará a</p>
      {failed ? (
        <p className="reach-panel__note">No se pudo consultar a qué cuentas llega; revisa tu conexión y recarga la página.</p>
      ) : accounts === null ? (
        <p className="reach-panel__note">Consultando…</p>
      ) : accounts.length === 0 ? (
        <p className="reach-panel__note">Solo al portal y al RSS: no se eligió ninguna red ni envío.</p>
      ) : (
        <ul className="reach-panel__list">
          {[...byNetwork.entries()].map(([channel, list]) => (
            <li key={channel}>
              <strong>{CHANNEL_LABELS[channel as Channel] ?? channel}</strong>
              {isSocialChannel(channel as Channel) ? ': ' : null}
              {isSocialChannel(channel as Channel)
                ? list.map((account, index) => (
                    <span key={account.account}>
                      {index > 0 ? ', ' : ''}
                      {account.isMain ? 'cuenta principal' : account.label}
                      {account.needsReconnect ? <em className="reach-panel__warn"> (reconectar)</em> : null}
                    </span>
                  ))
                : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
