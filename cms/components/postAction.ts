'use client'
import { toast } from '@payloadcms/ui'

interface ActionAnswer {
  message?: string
  errors?: Array<{ code: string; message: string }>
}

/**
 * Calls one of Pregón's action endpoints for the person (workflow verbs, distribution and mailing actions) and
 * tells them the outcome: the server's Spanish message on success, every reason of a refusal otherwise
 * (cms/http/errorReply's `{ errors: [{ code, message }] }`). Resolves whether it went through.
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
  if (response.ok) toast.success(answer.message ?? 'Listo.')
  else toast.error(answer.errors?.map((error) => error.message).join(' ') ?? 'No se pudo completar la acción.')
  return response.ok
}
