import zlib from 'node:zlib'
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFString, StandardFonts } from 'pdf-lib'

/** PDFs the media tests need, made on the spot with pdf-lib (no binary fixtures in the repository). */

export const AUTHOR = 'Lucia Mendez Oficina de Comunicacion'

/** A letter as a word processor exports it: title, author, creator, producer, dates and an XMP packet. */
export async function officePdf({ pages = 1, useObjectStreams = false }: { pages?: number; useObjectStreams?: boolean } = {}): Promise<Buffer> {
  const document = await PDFDocument.create()
  const font = await document.embedFont(StandardFonts.Helvetica)
  for (let n = 1; n <= pages; n++) document.addPage([612, 792]).drawText(`Convocatoria, pagina ${n}`, { x: 72, y: 700, size: 18, font })
  document.setTitle('Convocatoria interna')
  document.setAuthor(AUTHOR)
  document.setCreator('Procesador de textos 16.0')
  document.setProducer('Exportador PDF 2.3')
  document.setCreationDate(new Date('2026-03-02T10:00:00Z'))
  document.setModificationDate(new Date('2026-03-02T10:05:00Z'))
  const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>${AUTHOR}</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>`
  const metadata = document.context.register(
    PDFRawStream.of(document.context.obj({ Type: 'Metadata', Subtype: 'XML', Length: xmp.length }), new TextEncoder().encode(xmp)),
  )
  document.catalog.set(PDFName.of('Metadata'), metadata)
  return Buffer.from(await document.save({ useObjectStreams }))
}

type Hostile = 'openActionJs' | 'javascriptNames' | 'launch' | 'pageAA' | 'attachment' | 'submitForm' | 'richMedia'

/** A one-page PDF carrying one kind of active content. */
export async function activePdf(kind: Hostile): Promise<Buffer> {
  const document = await PDFDocument.create()
  const page = document.addPage([612, 792])
  const { context } = document
  const js = (code: string) => context.obj({ Type: 'Action', S: 'JavaScript', JS: PDFString.of(code) })
  const link = (action: PDFDict) =>
    page.node.set(PDFName.of('Annots'), context.obj([context.register(context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [0, 0, 100, 100], A: action }))]))
  if (kind === 'openActionJs') document.catalog.set(PDFName.of('OpenAction'), context.register(js('app.alert("hola")')))
  if (kind === 'javascriptNames') document.catalog.set(PDFName.of('Names'), context.obj({ JavaScript: context.obj({ Names: [PDFString.of('inicio'), context.register(js('this.print()'))] }) }))
  if (kind === 'launch') link(context.obj({ Type: 'Action', S: 'Launch', F: PDFString.of('cmd.exe') }))
  if (kind === 'pageAA') page.node.set(PDFName.of('AA'), context.obj({ O: js('app.launchURL("https://example.org")') }))
  if (kind === 'attachment') await document.attach(new TextEncoder().encode('MZ'), 'factura.exe', { mimeType: 'application/octet-stream' })
  if (kind === 'submitForm') link(context.obj({ Type: 'Action', S: 'SubmitForm', F: PDFString.of('https://example.org/recibir') }))
  if (kind === 'richMedia') page.node.set(PDFName.of('Annots'), context.obj([context.register(context.obj({ Type: 'Annot', Subtype: 'RichMedia', Rect: [0, 0, 10, 10] }))]))
  return Buffer.from(await document.save({ useObjectStreams: false }))
}

/** `megabytes` MiB of zeros, deflated in slices: about 1 KB per MiB, without ever holding the whole. */
export function deflatedZeros(megabytes: number): Promise<Buffer> {
  const deflate = zlib.createDeflate({ level: 9 })
  const chunks: Buffer[] = []
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk))
  const slice = Buffer.alloc(1024 * 1024)
  for (let n = 0; n < megabytes; n++) deflate.write(slice)
  return new Promise<Buffer>((resolve) => deflate.end(() => resolve(Buffer.concat(chunks))))
}

/**
 * A PDF with one FlateDecode stream that inflates to `megabytes` MiB: a "decompression bomb". `as` puts it
 * in a page's content, in an object stream (which pdf-lib's parser would inflate in full while loading),
 * compressed twice, or wrapped in ASCIIHex.
 */
export async function bombPdf({ megabytes = 300, as = 'content' }: { megabytes?: number; as?: 'content' | 'objectStream' | 'twice' | 'hex' } = {}): Promise<Buffer> {
  const zeros = await deflatedZeros(megabytes)
  const document = await PDFDocument.create()
  const page = document.addPage([612, 792])
  const { context } = document
  if (as === 'content') page.node.set(PDFName.of('Contents'), context.register(PDFRawStream.of(context.obj({ Filter: 'FlateDecode', Length: zeros.length }), zeros)))
  if (as === 'twice') {
    const twice = zlib.deflateSync(zeros)
    page.node.set(PDFName.of('Contents'), context.register(PDFRawStream.of(context.obj({ Filter: ['FlateDecode', 'FlateDecode'], Length: twice.length }), twice)))
  }
  if (as === 'hex') {
    const hex = Buffer.from(`${zeros.toString('hex')}>`, 'latin1')
    page.node.set(PDFName.of('Contents'), context.register(PDFRawStream.of(context.obj({ Filter: ['ASCIIHexDecode', 'FlateDecode'], Length: hex.length }), hex)))
  }
  if (as === 'objectStream') context.register(PDFRawStream.of(context.obj({ Type: 'ObjStm', N: 1, First: 4, Filter: 'FlateDecode', Length: zeros.length }), zeros))
  return Buffer.from(await document.save({ useObjectStreams: false }))
}
