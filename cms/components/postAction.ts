'use client'
import { toast } from '@payloadcms/ui'

interface ActionAnswer {
  message?: string
  errors?: Array<{ code: string; message: string }>
}

/**
 * Calls one of Pregón's action endpoints for the person (workflow verbs, distribution and mailing actions) and
 * tells them the outcome: the server's Spanish message on success, every reason of a refusal otherwise
 * (cms/http/errorReply's `{ errors: [{ code, message }] }`). Resolves whether it went through. A success message
 * outlives the reload that usually follows: FlashMessage shows it on the next page.
 */
export async function postAction(url: string, body?: unknown): Promise<boolean> {
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      credentials: 'include',
      ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
    })
  } catch {
    toast.error('No se pudo conectar con el servidor. Revisa tu conexión e inténtalo de nuevo.')
    return false
  }
  const answer = (await response.json().catch(() => ({}))) as ActionAnswer
  if (response.ok) {
    toast.success(answer.message ?? 'Listo.')
    keepAcrossReload(answer.message ?? 'Listo.')
  } else toast.error(answer.errors?.map((error) => error.message).join(' ') ?? 'No se pudo completar la acción.')
  return response.ok
}

const FLASH_KEY = 'pregon:flash'
// The callers reload the page right after a success (the form must show the state the server now holds),
// which takes the toast with it: a page left this soon after carries the message to the next one.
const RELOAD_WINDOW_MS = 5_000
const FLASH_MAX_AGE_MS = 30_000

function keepAcrossReload(message: string): void {
  const keep = () => {
    try {
      sessionStorage.setItem(FLASH_KEY, JSON.stringify({ message, at: Date.now() }))
    } catch {
      // Storage refused (private mode, quota): the toast was shown; the reload just takes it away.
    }
  }
  window.addEventListener('pagehide', keep, { once: true })
  window.setTimeout(() => window.removeEventListener('pagehide', keep), RELOAD_WINDOW_MS)
}

/** The success message the previous page kept for this one, once: it is cleared as it is read. */
export function takeFlash(): string | null {
  try {
    const kept = sessionStorage.getItem(FLASH_KEY)
    if (kept === null) return null
    sessionStorage.removeItem(FLASH_KEY)
    const { message, at } = JSON.parse(kept) as { message?: unknown; at?: unknown }
    return typeof message === 'string' && typeof at === 'number' && Date.now() - at < FLASH_MAX_AGE_MS ? message : null
  } catch {
    return null
  }
}
