import { PDFDocument, PDFName, PDFString } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { DEFAULT_PDF_LIMITS, MediaError, processPdf } from '@pregon/media'
import { buildPdf } from '../../helpers/builders'
import { activePdf, AUTHOR, bombPdf, officePdf } from '../../helpers/pdfs'

async function refusalOf(promise: Promise<unknown>): Promise<MediaError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(MediaError)
  expect((error as MediaError).message).toMatch(/^[A-ZÁÉÍÓÚÑ].+[.:].*$/)
  // The admin's toast lists what follows a colon, split at commas.
  expect((error as MediaError).message).not.toMatch(/:.*,/)
  return error as MediaError
}

describe('PDF intake', () => {
  it('stores a word processor export without its author, software, dates or XMP, pages intact', async () => {
    const upload = await officePdf({ pages: 3 })
    for (const marker of [AUTHOR, '/Author', '/Producer', '/Metadata', 'xmpmeta']) expect(upload.includes(marker), marker).toBe(true)

    const { data, pageCount } = await processPdf(upload)

    expect(pageCount).toBe(3)
    for (const marker of [AUTHOR, '/Author', '/Title', '/Creator', '/Producer', '/CreationDate', '/ModDate', '/Metadata', 'xmpmeta', '/Info']) {
      expect(data.includes(marker), marker).toBe(false)
    }
    const stored = await PDFDocument.load(data, { updateMetadata: false })
    expect(stored.getPageCount()).toBe(3)
    expect(stored.getAuthor()).toBeUndefined()
    expect(stored.getProducer()).toBeUndefined()
  })

  it('finds metadata kept in compressed object streams too', async () => {
    const upload = await officePdf({ pages: 2, useObjectStreams: true })
    expect(upload.includes('/Author')).toBe(false) // compressed: invisible to a byte search, not to a reader
    const { data } = await processPdf(upload)
    const stored = await PDFDocument.load(data, { updateMetadata: false })
    expect(stored.getAuthor()).toBeUndefined()
    expect(data.includes('/Metadata')).toBe(false)
  })

  it('drops objects nothing points to, such as an older author left behind', async () => {
    const document = await PDFDocument.create()
    document.addPage()
    document.context.register(document.context.obj({ Author: PDFString.of(AUTHOR) }))
    const upload = Buffer.from(await document.save({ useObjectStreams: false }))
    expect(upload.includes(AUTHOR)).toBe(true)
    expect((await processPdf(upload)).data.includes(AUTHOR)).toBe(false)
  })

  it('keeps a clean PDF byte for byte', async () => {
    const upload = buildPdf('Requisitos')
    const { data, pageCount } = await processPdf(upload)
    expect(pageCount).toBe(1)
    expect(data.equals(upload)).toBe(true)
  })

  it.each(['openActionJs', 'javascriptNames', 'launch', 'pageAA', 'attachment', 'submitForm', 'richMedia'] as const)(
    'refuses active content (%s) and says to export it again',
    async (kind) => {
      const refusal = await refusalOf(processPdf(await activePdf(kind)))
      expect(refusal.code).toBe('MEDIA_PDF_ACTIVE_CONTENT')
      expect(refusal.message).toContain('Imprimir a PDF')
    },
  )

  it('reads hex-escaped names as a viewer does (/J#61vaScript is /JavaScript)', async () => {
    const hostile = (await activePdf('openActionJs')).toString('latin1').replace('/S /JavaScript', '/S /J#61vaScript')
    expect(hostile).toContain('/J#61vaScript')
    expect((await refusalOf(processPdf(Buffer.from(hostile, 'latin1')))).code).toBe('MEDIA_PDF_ACTIVE_CONTENT')
  })

  it('accepts ordinary links and an "open at the first page" action', async () => {
    const document = await PDFDocument.create()
    const page = document.addPage()
    const { context } = document
    document.catalog.set(PDFName.of('OpenAction'), context.obj([page.ref, 'Fit']))
    const uri = context.obj({ Type: 'Action', S: 'URI', URI: PDFString.of('https://municipio.gob.mx') })
    page.node.set(PDFName.of('Annots'), context.obj([context.register(context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 10, 10], A: uri }))]))
    const { pageCount } = await processPdf(Buffer.from(await document.save()))
    expect(pageCount).toBe(1)
  })

  it.each(['content', 'objectStream', 'twice', 'hex'] as const)('refuses a decompression bomb (%s) without inflating all of it', async (as) => {
    const upload = await bombPdf({ megabytes: 300, as })
    expect(upload.length).toBeLessThan(700_000)
    const started = performance.now()
    const refusal = await refusalOf(processPdf(upload))
    const elapsed = performance.now() - started
    expect(refusal.code).toBe('MEDIA_PDF_TOO_LARGE_UNCOMPRESSED')
    expect(elapsed).toBeLessThan(3_000)
  })

  it('accepts what stays within the decompression budget', async () => {
    const { pageCount } = await processPdf(await bombPdf({ megabytes: 20 }), DEFAULT_PDF_LIMITS)
    expect(pageCount).toBe(1)
    expect((await refusalOf(processPdf(await bombPdf({ megabytes: 20 }), { ...DEFAULT_PDF_LIMITS, maxInflatedBytes: 10 * 1024 * 1024 }))).code).toBe(
      'MEDIA_PDF_TOO_LARGE_UNCOMPRESSED',
    )
  })

  it('refuses more pages than the limit, counting the pages themselves, not /Count', async () => {
    const upload = await officePdf({ pages: 501 })
    expect((await refusalOf(processPdf(upload))).code).toBe('MEDIA_PDF_TOO_MANY_PAGES')
    const lying = Buffer.from((await officePdf({ pages: 4 })).toString('latin1').replace('/Count 4', '/Count 1'), 'latin1')
    expect((await refusalOf(processPdf(lying, { ...DEFAULT_PDF_LIMITS, maxPages: 3 }))).code).toBe('MEDIA_PDF_TOO_MANY_PAGES')
  })

  it('refuses a PDF that does not parse, has no pages, or is encrypted', async () => {
    expect((await refusalOf(processPdf(Buffer.from('%PDF-1.7\nnada que leer\nstartxref\n0\n%%EOF\n')))).code).toBe('MEDIA_PDF_INVALID')
    const empty = await PDFDocument.create()
    expect((await refusalOf(processPdf(Buffer.from(await empty.save({ addDefaultPage: false })))))).toMatchObject({ code: 'MEDIA_PDF_INVALID' })
    const locked = await PDFDocument.create()
    locked.addPage()
    locked.context.trailerInfo.Encrypt = locked.context.obj({ Filter: 'Standard', V: 2, R: 3 })
    expect((await refusalOf(processPdf(Buffer.from(await locked.save()))))).toMatchObject({ code: 'MEDIA_PDF_ENCRYPTED' })
  })
})
