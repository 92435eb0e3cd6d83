'use client'
import { useEffect, useState, type ReactNode } from 'react'
import { takeFlash } from './postAction'
import './FlashMessage.css'

const SHOWN_MS = 10_000

/**
 * Shows, once, the success message an action kept before the page reloaded (postAction), in a status region
 * screen readers announce. Mounted around the whole admin (admin.components.providers).
 */
export function FlashMessage({ children }: { children?: ReactNode }) {
  const [message, setMessage] = useState<string | null>(null)
  useEffect(() => {
    const kept = takeFlash()
    if (kept === null) return
    setMessage(kept)
    const timer = window.setTimeout(() => setMessage(null), SHOWN_MS)
    return () => window.clearTimeout(timer)
  }, [])
  return (
    <>
      {children}
      {/* Present (empty) from the first render: a live region announces what is put in it later. */}
      <div role="status" className={message ? 'flash-message flash-message--shown' : 'flash-message'}>
        {message ? (
          <>
            <span>{message}</span>
            <button type="button" className="flash-message__close" onClick={() => setMessage(null)} aria-label="Cerrar aviso">
              ×
            </button>
          </>
        ) : null}
      </div>
    </>
  )
}
