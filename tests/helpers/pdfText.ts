import { type PDFObject, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from 'pdf-lib'

/**
 * The text a reader would copy out of the PDF, page by page: each font's ToUnicode map applied to the glyph codes
 * of the page's text operators. Accents that were lost or mapped to the wrong glyph do not come back.
 */
export async function pdfPages(pdf: Buffer): Promise<string[]> {
  const doc = await PDFDocument.load(pdf)
  const bytes = (ref: PDFObject | undefined) => {
    const stream = ref && doc.context.lookup(ref)
    if (!(stream instanceof PDFRawStream)) throw new Error('not a stream')
    return Buffer.from(decodePDFRawStream(stream).decode()).toString('latin1')
  }
  return doc.getPages().map((page) => {
    const fonts = page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict)
    const maps = new Map<string, Map<number, string>>()
    for (const [name, ref] of fonts?.entries() ?? []) {
      const toUnicode = doc.context.lookup(ref, PDFDict).get(PDFName.of('ToUnicode'))
      const map = new Map<number, string>()
      for (const [, from, list] of bytes(toUnicode).matchAll(/<([0-9a-f]+)>\s*<[0-9a-f]+>\s*\[([^\]]*)\]/gi)) {
        ;[...list!.matchAll(/<([0-9a-f ]+)>/gi)].forEach(([, hex], i) => {
          const units = hex!.split(' ').map((unit) => parseInt(unit, 16))
          map.set(parseInt(from!, 16) + i, String.fromCharCode(...units))
        })
      }
      maps.set(name.asString(), map)
    }
    const contents = page.node.Contents()
    const streams = contents instanceof PDFArray ? contents.asArray() : [contents]
    let font = new Map<number, string>()
    let y: string | null = null
    let text = ''
    for (const op of streams.map(bytes).join('\n').matchAll(/(\/\S+)\s+[\d.]+\s+Tf|[\d.-]+\s+[\d.-]+\s+[\d.-]+\s+[\d.-]+\s+[\d.-]+\s+([\d.-]+)\s+Tm|\[([^\]]*)\]\s*TJ/g)) {
      if (op[1]) font = maps.get(op[1]) ?? new Map()
      else if (op[2]) {
        // A new line, or a new cell on the same line (words carry their own trailing space).
        if (y !== null && op[2] !== y) text += '\n'
        else if (y !== null && !text.endsWith(' ')) text += ' '
        y = op[2]
      } else
        for (const [, hex] of op[3]!.matchAll(/<([0-9a-f]*)>/gi))
          for (let i = 0; i < hex!.length; i += 4) text += font.get(parseInt(hex!.slice(i, i + 4), 16)) ?? '\uFFFD'
    }
    return text
  })
}
/** All pages' text as one line, spaces collapsed: for «contains» checks across line breaks. */
export const flat = (pages: string[]) => pages.join('\n').replace(/\s+/g, ' ')
