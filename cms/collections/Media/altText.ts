/**
 * The alt text rule, shared by the field's validation, the server's early refusal and the admin's check before
 * a file is sent. Free of server code: the admin's save button imports it.
 */
export const ALT_TEXT_MIN_LENGTH = 3
export const ALT_TEXT_LABEL = 'Texto alternativo o descripción'
export const ALT_TEXT_REFUSAL = `Escribe un texto que describa la imagen o el documento (mínimo ${ALT_TEXT_MIN_LENGTH} caracteres).`

export function validateAltText(value: unknown): true | string {
  return typeof value === 'string' && value.trim().length >= ALT_TEXT_MIN_LENGTH ? true : ALT_TEXT_REFUSAL
}
