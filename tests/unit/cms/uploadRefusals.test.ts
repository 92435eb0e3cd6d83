import { APIError, MissingFile, ValidationError, type PayloadRequest } from 'payload'
import { describe, expect, it } from 'vitest'
import { PregonError } from '@pregon/core/PregonError'
import { codeEveryRefusal, toApiError } from '@pregon/cms/http/errorReply'

// What Payload's routeError hands the afterError hook. In Next's production build Payload's error classes are
// anonymous, so formatErrors answers every error without `data` with «An unknown error occurred.».
const UNKNOWN = { errors: [{ message: 'An unknown error occurred.' }] }
const req = { payload: { config: { debug: false, custom: { pregon: { media: { maxBytes: 25 * 1024 * 1024 } } } } } } as unknown as PayloadRequest
const media = { slug: 'media', upload: { staticDir: '/tmp' } } as never

async function answer(error: Error, result: { errors: Array<Record<string, unknown>> } | undefined, collection: never | undefined = media) {
  const reply = await codeEveryRefusal({ error, result: result as never, req, collection, context: {} })
  return reply ? { status: reply.status, errors: (reply.response?.errors ?? []) as Array<Record<string, unknown>> } : undefined
}

describe('every refusal reaches the person in Spanish, with a code', () => {
  it('answers Payload\'s own "no file" (a 400 without data) in Spanish instead of «An unknown error occurred.»', async () => {
    const reply = await answer(new MissingFile(), UNKNOWN)
    expect(reply?.status).toBe(422)
    expect(reply?.errors).toEqual([{ code: 'MEDIA_FILE_MISSING', message: expect.stringMatching(/^No llegó ningún archivo/), data: { code: 'MEDIA_FILE_MISSING' } }])
  })

  it('puts back the message of any public error that formatErrors lost', async () => {
    const reply = await answer(new APIError('Demasiados intentos: espera un minuto.', 429), UNKNOWN, undefined)
    expect(reply?.errors[0]).toEqual({ message: 'Demasiados intentos: espera un minuto.' })
  })

  it('keeps the code of a hook refusal beside its message, and drops the empty name of an anonymous class', async () => {
    const error = toApiError(new PregonError({ code: 'MEDIA_SVG_REJECTED', message: 'Los archivos SVG no se aceptan.' }))
    const reply = await answer(error, { errors: [{ name: '', data: { code: 'MEDIA_SVG_REJECTED' }, message: error.message }] })
    expect(reply?.errors).toEqual([{ code: 'MEDIA_SVG_REJECTED', data: { code: 'MEDIA_SVG_REJECTED' }, message: 'Los archivos SVG no se aceptan.' }])
  })

  it('answers an unexpected error with a Spanish message and INTERNAL_ERROR, never its details', async () => {
    const reply = await answer(new Error('connect ECONNREFUSED 10.0.0.5:5432'), { errors: [{ message: 'Something went wrong.' }] }, undefined)
    expect(reply?.status).toBe(500)
    expect(reply?.errors).toEqual([{ code: 'INTERNAL_ERROR', message: expect.stringMatching(/^Algo falló en el servidor/) }])
  })

  it.each([
    ['a file over the size limit', new APIError('File size limit has been reached', 413, { size: 27262976 }), 413, 'MEDIA_TOO_LARGE', /máximo de 25 MB/],
    ['a multipart body busboy cannot read (500 before)', new Error('Malformed part header'), 400, 'MEDIA_UPLOAD_MALFORMED', /mal formada/],
    ['a part without a file name', new APIError('A file name is required.', 400), 422, 'MEDIA_FILE_NAME_MISSING', /sin nombre/],
    [
      'an SVG caught by Payload\'s own file check',
      new ValidationError({ collection: 'media', errors: [{ message: 'Invalid MIME type: image/svg+xml.', path: 'file' }] }),
      422,
      'MEDIA_SVG_REJECTED',
      /SVG/,
    ],
    [
      'a PDF Payload\'s own check finds invalid',
      new ValidationError({ collection: 'media', errors: [{ message: 'Invalid PDF file.', path: 'file' }] }),
      422,
      'MEDIA_PDF_INVALID',
      /Imprimir a PDF/,
    ],
  ])('answers %s in Spanish with its code', async (_label, error, status, code, message) => {
    const reply = await answer(error, UNKNOWN)
    expect(reply?.status).toBe(status)
    expect(reply?.errors).toEqual([{ code, message: expect.stringMatching(message), data: { code } }])
  })

  it('leaves other field errors and GraphQL answers as Payload makes them', async () => {
    const invalid = new ValidationError({ collection: 'media', errors: [{ message: 'Escribe un texto que describa la imagen.', path: 'alt' }] })
    const result = { errors: [{ name: 'ValidationError', data: invalid.data, message: invalid.message }] }
    expect((await answer(invalid, result))?.errors).toEqual(result.errors)
    expect(await answer(new MissingFile(), undefined)).toBeUndefined()
  })
})
