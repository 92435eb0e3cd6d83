import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { APIError, FileUploadError, Forbidden, MissingFile, NotFound, ValidationError } from 'payload'
import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { User } from '@pregon/cms/payload-types'
import { apiClients } from '../../helpers/apiClients'
import { buildUser } from '../../helpers/builders'
import { hostileSvg, png } from '../../helpers/images'
import { activePdf, AUTHOR, bombPdf, officePdf } from '../../helpers/pdfs'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

// Uploads as the admin and API clients send them: multipart over Payload's own REST route, with the answer
// read from the HTTP response and the files read from disk.
let t: TestPayload
let api: ReturnType<typeof apiClients>
let editor: User
let token: string

type Answer = { status: number; body: { doc?: { id: number; filename: string; mimeType: string; filesize: number }; errors?: Array<{ code?: string; message: string }> } }

beforeAll(async () => {
  // A 2 MB limit keeps the oversized files small; Payload's parser stops at 3 MB.
  t = await startTestPayload({ env: { MEDIA_MAX_MEGABYTES: '2' } })
  api = apiClients(t.payload)
  editor = await buildUser(t.payload, 'editor')
  token = (await t.payload.login({ collection: 'users', data: { email: editor.email, password: 'contraseña-de-prueba' } })).token!
})
afterAll(async () => t?.close())

/** A multipart body written byte by byte, so the file name goes out exactly as given (as curl sends it). */
async function uploadRaw(data: Buffer, filename: string, mimetype: string, alt = 'Documento de prueba'): Promise<Answer> {
  const boundary = `----pregon${randomBytes(8).toString('hex')}`
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_payload"\r\n\r\n${JSON.stringify({ alt })}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${mimetype}\r\n\r\n`, 'utf8'),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ])
  const response = await api.request('POST', 'media', { token, body, headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` } })
  return { status: response.status, body: (await response.json()) as Answer['body'] }
}

/** As the admin's upload field sends it: the browser's FormData. */
async function uploadForm(data: Buffer, filename: string, mimetype: string, alt = 'Documento de prueba'): Promise<Answer> {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(data)], { type: mimetype }), filename)
  form.append('_payload', JSON.stringify({ alt }))
  const response = await api.request('POST', 'media', { token, body: form })
  return { status: response.status, body: (await response.json()) as Answer['body'] }
}

const filesOnDisk = async () => (await fs.readdir(t.config.mediaDir).catch(() => [] as string[])).sort()
const rowCount = async () => ((await t.query<{ n: number }>('SELECT count(*)::int AS n FROM media'))[0]!.n)

async function expectRefusal(answer: Promise<Answer>, { status, code }: { status: number; code: string }) {
  const [filesBefore, rowsBefore] = [await filesOnDisk(), await rowCount()]
  const { status: actual, body } = await answer
  expect({ status: actual, code: body.errors?.[0]?.code }).toEqual({ status, code })
  expect(body.errors![0]!.message).toMatch(/^[A-ZÁÉÍÓÚÑ¿].+[a-záéíóúñ].*[.»)]$/)
  expect(body.errors![0]!.message).not.toMatch(/unknown error|went wrong|File size|MIME/i)
  // The admin's toast lists what follows a colon, split at commas.
  expect(body.errors![0]!.message).not.toMatch(/:.*,/)
  expect(await filesOnDisk()).toEqual(filesBefore)
  expect(await rowCount()).toBe(rowsBefore)
  return body.errors![0]!
}

describe('a refused upload tells the client why, in Spanish, with its code', () => {
  it('refuses an SVG with 422 MEDIA_SVG_REJECTED, from the admin form and from an API client', async () => {
    for (const send of [uploadForm, uploadRaw]) {
      const refusal = await expectRefusal(send(hostileSvg, 'logo.svg', 'image/svg+xml'), { status: 422, code: 'MEDIA_SVG_REJECTED' })
      expect(refusal.message).toContain('SVG')
    }
    await expectRefusal(uploadForm(hostileSvg, 'logo.png', 'image/png'), { status: 422, code: 'MEDIA_SVG_REJECTED' })
  })

  it('refuses a file over the limit with 413 MEDIA_TOO_LARGE, whether the intake or Payload\'s parser stops it', async () => {
    const justOver = Buffer.concat([await png(), randomBytes(2.5 * 1024 * 1024)])
    const farOver = Buffer.concat([await png(), randomBytes(4 * 1024 * 1024)])
    for (const file of [justOver, farOver]) {
      const refusal = await expectRefusal(uploadForm(file, 'grande.png', 'image/png'), { status: 413, code: 'MEDIA_TOO_LARGE' })
      expect(refusal.message).toContain('2 MB')
    }
  })

  it('refuses a file Payload would fetch from a URL, which would skip the intake', async () => {
    const answer = api.rest('POST', 'media', { token, body: { alt: 'Desde otra dirección', url: 'https://example.org/foto.png', filename: 'foto.png' } })
    await expectRefusal(answer.then(({ status, body }) => ({ status, body: body as Answer['body'] })), { status: 422, code: 'MEDIA_URL_NOT_ACCEPTED' })
  })

  it('answers someone not signed in with 403 before any work on the file', async () => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(hostileSvg)], { type: 'image/svg+xml' }), 'logo.svg')
    form.append('_payload', JSON.stringify({ alt: 'Sin sesión' }))
    const response = await api.request('POST', 'media', { body: form })
    expect(response.status).toBe(403)
  })

  it('refuses a photo without alt text with 400 on the field «alt», in Spanish, before any work on the file, storing nothing', async () => {
    const [filesBefore, rowsBefore] = [await filesOnDisk(), await rowCount()]
    const photo = await png(1600, 1200)
    for (const alt of ['', '  ', 'ab']) {
      const started = performance.now()
      const { status, body } = await uploadForm(photo, 'sin-descripcion.png', 'image/png', alt)
      const elapsed = performance.now() - started
      const error = body.errors?.[0] as { message: string; data?: { errors?: Array<{ path: string; message: string }> } } | undefined
      expect({ status, fields: error?.data?.errors?.map(({ path }) => path) }).toEqual({ status: 400, fields: ['alt'] })
      expect(error!.data!.errors![0]!.message).toBe('Escribe un texto que describa la imagen o el documento (mínimo 3 caracteres).')
      // The admin's toast: the field by its label, never «alt».
      expect(error!.message).toBe('El siguiente campo es inválido: Texto alternativo o descripción')
      expect(elapsed).toBeLessThan(1_000)
    }
    expect(await filesOnDisk()).toEqual(filesBefore)
    expect(await rowCount()).toBe(rowsBefore)
  })

  describe('as Next\'s production build runs Payload (its error classes are anonymous there)', () => {
    const classes = [APIError, ValidationError, MissingFile, FileUploadError, Forbidden, NotFound]
    const names = classes.map((errorClass) => errorClass.name)
    beforeAll(() => classes.forEach((errorClass) => Object.defineProperty(errorClass, 'name', { value: '', configurable: true })))
    afterAll(() => classes.forEach((errorClass, index) => Object.defineProperty(errorClass, 'name', { value: names[index], configurable: true })))

    it('answers a save without a file in Spanish, not «An unknown error occurred.»', async () => {
      const answer = api.rest('POST', 'media', { token, body: { alt: 'Sin archivo adjunto' } })
      const refusal = await expectRefusal(answer.then(({ status, body }) => ({ status, body: body as Answer['body'] })), { status: 422, code: 'MEDIA_FILE_MISSING' })
      expect(refusal.message).toMatch(/^No llegó ningún archivo/)
    })

    it('still answers a hook refusal with its code, and no empty error name', async () => {
      const { body } = await uploadForm(hostileSvg, 'logo.svg', 'image/svg+xml')
      expect(body.errors?.[0]).toMatchObject({ code: 'MEDIA_SVG_REJECTED' })
      expect(body.errors?.[0]).not.toHaveProperty('name', '')
    })
  })
})

describe('odd file names', () => {
  it.each([
    ['a right-to-left override', 'factura\u202Efdp.png', /^facturafdp(-\d+)?\.png$/],
    ['bidi isolates and marks', 'a\u2066b\u2069c\u200Ed.png', /^abcd(-\d+)?\.png$/],
    ['a path', '../../etc/x.png', /^x(-\d+)?\.png$/],
    ['only dots', '....', /^archivo(-\d+)?\.png$/],
    ['only spaces', '   ', /^archivo(-\d+)?\.png$/],
    ['percent escapes', '%2e%2e%2fsecreto.png', /^2e-2e-2fsecreto(-\d+)?\.png$/],
    ['a percent sign', '100%.png', /^100(-\d+)?\.png$/],
    ['a hundred emoji', `${'😀'.repeat(100)}.png`, new RegExp(`^${'😀'.repeat(25)}(-\\d+)?\\.png$`, 'u')],
    ['300 letters', `${'a'.repeat(300)}.png`, new RegExp(`^${'a'.repeat(100)}(-\\d+)?\\.png$`)],
    ['decomposed accents', 'n\u0303andu\u0301.png', /^ñandú(-\d+)?\.png$/],
    ['a reserved Windows name', 'con.png', /^archivo-con(-\d+)?\.png$/],
  ])('stores a file sent with %s under a safe name, never a 500', async (_label, name, expected) => {
    const { status, body } = await uploadRaw(await png(), name, 'image/png')
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.doc!.filename).toMatch(expected)
    expect(body.doc!.filename).not.toMatch(/[\u0000-\u001f\u200e\u200f\u202a-\u202e\u2066-\u2069/\\%]/)
    const onDisk = await filesOnDisk()
    expect(onDisk).toContain(body.doc!.filename)
    for (const file of onDisk) expect(file).not.toMatch(/[\u202a-\u202e\u2066-\u2069]|^\./)
  })

  it.each([
    ['a NUL', 'a\u0000b.png'],
    ['a bell', '\u0007campana.png'],
    ['a line break', 'línea\nnueva.png'],
  ])('refuses a multipart header with %s in the name with 400 and a code, not a 500', async (_label, name) => {
    await expectRefusal(uploadRaw(await png(), name, 'image/png'), { status: 400, code: 'MEDIA_UPLOAD_MALFORMED' })
  })

  it('cleans control characters that reach it another way (the Local API, a re-encoded name)', async () => {
    const data = await png()
    const media = await t.payload.create({ collection: 'media', data: { alt: 'Nombre con controles' }, file: { data, name: 'a\u0000b\u202E\u0007c.png', mimetype: 'image/png', size: data.length }, overrideAccess: false, user: editor })
    expect(media.filename).toMatch(/^abc(-\d+)?\.png$/)
  })

  it('answers a file part without a name with 422 MEDIA_FILE_NAME_MISSING', async () => {
    await expectRefusal(uploadRaw(await png(), '', 'image/png'), { status: 422, code: 'MEDIA_FILE_NAME_MISSING' })
  })
})

describe('PDF attachments', () => {
  it('stores a PDF without its author, software, dates or XMP, and with its pages', async () => {
    const upload = await officePdf({ pages: 3 })
    const { status, body } = await uploadForm(upload, 'convocatoria.pdf', 'application/pdf')
    expect(status, JSON.stringify(body)).toBe(201)
    expect(body.doc).toMatchObject({ mimeType: 'application/pdf', filename: expect.stringMatching(/^convocatoria(-\d+)?\.pdf$/) })
    const stored = await fs.readFile(path.join(t.config.mediaDir, body.doc!.filename))
    expect(body.doc!.filesize).toBe(stored.length)
    for (const marker of [AUTHOR, '/Author', '/Producer', '/Creator', '/CreationDate', '/Metadata', 'xmpmeta']) expect(stored.includes(marker), marker).toBe(false)
    const document = await PDFDocument.load(stored, { updateMetadata: false })
    expect(document.getPageCount()).toBe(3)
    expect(document.getTitle()).toBeUndefined()
  })

  it('refuses a PDF that runs JavaScript when opened, saying how to export it again', async () => {
    const upload = await activePdf('openActionJs')
    expect(upload.includes('/JavaScript')).toBe(true)
    const refusal = await expectRefusal(uploadForm(upload, 'oficio.pdf', 'application/pdf'), { status: 422, code: 'MEDIA_PDF_ACTIVE_CONTENT' })
    expect(refusal.message).toContain('Imprimir a PDF')
    for (const file of await filesOnDisk()) expect((await fs.readFile(path.join(t.config.mediaDir, file))).includes('/JavaScript')).toBe(false)
  })

  it('refuses a decompression bomb (300 KB that inflate to 300 MB) in well under a few seconds', async () => {
    const upload = await bombPdf({ megabytes: 300 })
    const started = performance.now()
    await expectRefusal(uploadForm(upload, 'bomba.pdf', 'application/pdf'), { status: 422, code: 'MEDIA_PDF_TOO_LARGE_UNCOMPRESSED' })
    expect(performance.now() - started).toBeLessThan(5_000)
  })

  it('refuses a PDF with more than 500 pages, and one that does not parse', async () => {
    await expectRefusal(uploadForm(await officePdf({ pages: 501 }), 'tomo.pdf', 'application/pdf'), { status: 422, code: 'MEDIA_PDF_TOO_MANY_PAGES' })
    const broken = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n')
    await expectRefusal(uploadForm(broken, 'rota.pdf', 'application/pdf'), { status: 422, code: 'MEDIA_PDF_INVALID' })
  })
})
