import { PregonError } from '@pregon/core/PregonError'
import { APIError, FileRetrievalError, FileUploadError, MissingFile, ValidationError } from 'payload'

const MB = 1024 * 1024

/** What busboy (Payload's multipart parser) throws, as plain Errors, for a body it cannot read. */
const MALFORMED = ['Malformed part header', 'Unexpected end of form', 'Unexpected end of file', 'Malformed urlencoded form', 'Multipart: Boundary not found', 'Malformed content type', 'Missing Content-Type']

/**
 * Payload's own refusals of an upload, which it writes in English and without a code (and, for a body it
 * cannot parse, answers as a 500), as Pregón's: a Spanish reason, what to do, and a stable code. The media
 * intake (sanitizeUpload) refuses most bad files itself; these are what Payload refuses before or after it:
 * the request body (size, a broken multipart body, a part without a file name) and the file checks and
 * writing it does once the intake has passed. Undefined for anything else.
 */
export function uploadRefusalOf(error: unknown, { maxBytes, isUploadCollection }: { maxBytes: number; isUploadCollection: boolean }): PregonError | undefined {
  if (!(error instanceof Error)) return undefined
  const refuse = (code: string, message: string, kind: 'invalid' | 'too-large' = 'invalid') => new PregonError({ code, kind, message, cause: error })
  if (error instanceof APIError && error.status === 413) {
    return refuse('MEDIA_TOO_LARGE', `El archivo pasa del máximo de ${(maxBytes / MB).toFixed(0)} MB: reduce la foto o divide el documento.`, 'too-large')
  }
  if (error instanceof APIError && error.message === 'A file name is required.') {
    return refuse('MEDIA_FILE_NAME_MISSING', 'El archivo llegó sin nombre: elígelo de nuevo en tu equipo y vuelve a subirlo.')
  }
  if (error instanceof APIError && error.message.startsWith('Upload timeout for ')) {
    return new PregonError({ code: 'MEDIA_UPLOAD_TIMEOUT', status: 408, message: 'La subida se detuvo demasiado tiempo: revisa tu conexión y vuelve a intentarlo.', cause: error })
  }
  if (!(error instanceof APIError) && (MALFORMED.includes(error.message) || error.message.startsWith('Unsupported content type'))) {
    return new PregonError({
      code: 'MEDIA_UPLOAD_MALFORMED',
      status: 400,
      message: 'La subida llegó incompleta o mal formada (por ejemplo, con caracteres de control en el nombre del archivo): cambia el nombre del archivo y vuelve a intentarlo.',
      cause: error,
    })
  }
  if (!isUploadCollection) return undefined
  if (error instanceof MissingFile) return refuse('MEDIA_FILE_MISSING', 'No llegó ningún archivo: elige la foto o el documento y vuelve a guardar.')
  if (error instanceof FileRetrievalError) return refuse('MEDIA_FILE_MISSING', 'No se pudo leer el archivo de origen: súbelo de nuevo desde tu equipo.')
  if (error instanceof FileUploadError) {
    return new PregonError({ code: 'MEDIA_STORAGE_FAILED', status: 500, message: 'No se pudo guardar el archivo en el servidor: vuelve a intentarlo y avisa a quien administra Pregón si se repite.', cause: error })
  }
  if (error instanceof ValidationError) return fileCheckRefusal(error, refuse)
  return undefined
}

/** Payload's file checks (checkFileRestrictions), which report on the `file` field. */
function fileCheckRefusal(error: ValidationError, refuse: (code: string, message: string) => PregonError): PregonError | undefined {
  const fileErrors = (error.data?.errors ?? []).filter(({ path }) => path === 'file')
  if (fileErrors.length === 0) return undefined
  const text = fileErrors.map(({ message }) => message).join(' ')
  if (/svg/i.test(text)) return refuse('MEDIA_SVG_REJECTED', 'Los archivos SVG no se aceptan porque pueden contener código: súbelo como PNG o JPEG.')
  if (/PDF/.test(text)) return refuse('MEDIA_PDF_INVALID', 'El PDF está dañado o no se puede leer: ábrelo en tu equipo y expórtalo de nuevo con «Imprimir a PDF».')
  if (/corrupt|Could not read/i.test(text)) return refuse('MEDIA_CORRUPT', 'El archivo está dañado o incompleto (quizá se cortó la subida): vuelve a subirlo.')
  return refuse('MEDIA_UNSUPPORTED_TYPE', 'Este tipo de archivo no se acepta; sube una foto JPEG, PNG, WebP, AVIF o GIF o un documento PDF.')
}
