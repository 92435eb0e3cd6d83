import { PregonError } from '@pregon/core/PregonError'

/** The refusals of the second step, at sign-in (401, like a wrong password) and on its own endpoints. */
export const totpRefusals = {
  required: (kind: 'not-signed-in' | 'invalid') =>
    new PregonError({
      code: 'AUTH_TOTP_REQUIRED',
      kind,
      message: 'Esta cuenta tiene verificación en dos pasos: escribe también el código de 6 dígitos que muestra tu aplicación de autenticación.',
    }),
  invalid: (kind: 'not-signed-in' | 'invalid') =>
    new PregonError({
      code: 'AUTH_TOTP_INVALID',
      kind,
      message: 'El código de verificación no es correcto, ya se usó o ya caducó. Escribe el código que muestra ahora tu aplicación de autenticación.',
    }),
  notSignedIn: () =>
    new PregonError({ code: 'AUTH_TOTP_NOT_SIGNED_IN', kind: 'not-signed-in', message: 'Inicia sesión para configurar la verificación en dos pasos.' }),
  notOffered: () =>
    new PregonError({
      code: 'AUTH_TOTP_NOT_OFFERED',
      kind: 'forbidden',
      message: 'La verificación en dos pasos es para las cuentas de aprobación y de administración.',
    }),
  alreadyOn: () =>
    new PregonError({
      code: 'AUTH_TOTP_ALREADY_ON',
      kind: 'conflict',
      message: 'La verificación en dos pasos ya está activa en esta cuenta. Para cambiar de aplicación, desactívala primero con un código.',
    }),
  notStarted: () =>
    new PregonError({
      code: 'AUTH_TOTP_NOT_STARTED',
      kind: 'conflict',
      message: 'No hay una configuración pendiente de la verificación en dos pasos: empieza de nuevo para obtener el código QR.',
    }),
  notYours: () =>
    new PregonError({
      code: 'AUTH_TOTP_NOT_YOURS',
      kind: 'forbidden',
      message: 'Solo la persona dueña de la cuenta (con un código) o una cuenta de administración puede desactivar su verificación en dos pasos.',
    }),
  unreadable: () =>
    new PregonError({
      code: 'AUTH_TOTP_UNREADABLE',
      kind: 'conflict',
      message: 'No se puede leer la clave de verificación de esta cuenta (cambió PAYLOAD_SECRET). Pide a una cuenta de administración que desactive la verificación en dos pasos y configúrala de nuevo.',
    }),
  tooManyCodes: (retryAfterSeconds: number) =>
    new PregonError({
      code: 'AUTH_TOO_MANY_ATTEMPTS',
      kind: 'slow-down',
      message: `Demasiados códigos equivocados. Espera ${Math.max(1, Math.ceil(retryAfterSeconds / 60))} minutos y vuelve a intentarlo.`,
      details: { retryAfterSeconds },
    }),
}
