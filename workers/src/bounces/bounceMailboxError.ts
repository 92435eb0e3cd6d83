import type { BounceMailbox } from '@pregon/core/bounceMailbox'
import { PregonError } from '@pregon/core/PregonError'

/**
 * What went wrong reaching the bounce mailbox, as the operator reads it (the alert, `npm run status`): a
 * stable code and a Spanish message that says what to check. Never carries the password.
 */
export function bounceMailboxError(error: unknown, mailbox: BounceMailbox): PregonError {
  if (error instanceof PregonError) return error
  const e = error as { code?: string; authenticationFailed?: boolean; message?: string; responseText?: string; serverResponseCode?: string }
  const where = `${mailbox.host}:${mailbox.port}`
  const code = String(e.code ?? '')
  const make = (errorCode: string, message: string) => new PregonError({ code: errorCode, kind: 'conflict', message, details: { server: where, cause: code || undefined }, cause: error })
  if (e.authenticationFailed || e.serverResponseCode === 'AUTHENTICATIONFAILED') {
    return make(
      'BOUNCE_MAILBOX_LOGIN_REFUSED',
      `El servidor de correo ${where} rechazó el usuario o la contraseña del buzón de rebotes: corrige BOUNCE_IMAP_URL (escribe la @ del usuario como %40) y reinicia Pregón.`,
    )
  }
  if (/TIMEOUT|ETIMEDOUT/i.test(code)) {
    return make('BOUNCE_MAILBOX_TIMEOUT', `El buzón de rebotes en ${where} no respondió a tiempo: revisa que el servidor esté en marcha y que esta máquina pueda llegar a él (cortafuegos).`)
  }
  if (/^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ECONNRESET|NoConnection|EPIPE)$/.test(code)) {
    return make(
      'BOUNCE_MAILBOX_UNREACHABLE',
      `No se pudo conectar al buzón de rebotes en ${where} (${code}): revisa el servidor y el puerto de BOUNCE_IMAP_URL (993 con imaps://, 143 con imap://).`,
    )
  }
  if (/CERT|TLS|SSL|SELF_SIGNED/i.test(code) || /certificate|tls|ssl/i.test(e.message ?? '')) {
    return make('BOUNCE_MAILBOX_TLS', `La conexión segura con el buzón de rebotes en ${where} falló (${code || 'TLS'}): revisa el certificado del servidor y si usa imaps:// (993) o imap:// (143).`)
  }
  if (e.serverResponseCode === 'NONEXISTENT' || /mailbox doesn't exist|NONEXISTENT/i.test(e.responseText ?? '')) {
    return make('BOUNCE_MAILBOX_FOLDER_MISSING', `La carpeta «${mailbox.folder}» no existe en el buzón de rebotes: corrige la ruta al final de BOUNCE_IMAP_URL (normalmente /INBOX).`)
  }
  return make('BOUNCE_MAILBOX_FAILED', `No se pudo leer el buzón de rebotes en ${where}: ${(e.responseText ?? e.message ?? 'error desconocido').slice(0, 200)}. Se reintenta en la siguiente vuelta.`)
}
