import zlib from 'node:zlib'
import { MediaError } from '../MediaError'
import { ascii85, filtersOf, sniffedFilters, type Filter } from './streamFilters'

/**
 * Adds up what every stream of a PDF decodes to, reading the raw bytes (before pdf-lib parses anything: its
 * parser decodes object and cross-reference streams in full, with no limit) and stopping as soon as the sum
 * passes the budget. A "decompression bomb" (a few hundred KB that inflate to gigabytes) is refused after
 * decoding at most `budget` bytes, and those are counted, never kept, unless another filter has to read them.
 */
export async function measureStreams(data: Buffer, budget: number): Promise<number> {
  const text = data.toString('latin1')
  let total = 0
  for (const { dict, start, end } of streamsOf(text)) {
    const filters = dict === undefined ? sniffedFilters(data, start) : filtersOf(dict)
    total += await decodedSize(data.subarray(start, end), filters, budget - total)
  }
  return total
}

interface RawStream {
  /** The stream's dictionary, when it could be read back from the `stream` keyword. */
  dict: string | undefined
  start: number
  end: number
}

function* streamsOf(text: string): Generator<RawStream> {
  const keyword = /\bstream(?:\r\n|\n|\r)/g
  for (let match = keyword.exec(text); match; match = keyword.exec(text)) {
    const start = match.index + match[0].length
    const dict = dictionaryBefore(text, match.index)
    const length = dict === undefined ? undefined : /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict)?.[1]
    const declaredEnd = length === undefined ? -1 : start + Number(length)
    const end = declaredEnd > 0 && /^\s*endstream/.test(text.slice(declaredEnd, declaredEnd + 32)) ? declaredEnd : endOfData(text, start)
    yield { dict, start, end }
    keyword.lastIndex = Math.max(end, start)
  }
}

function endOfData(text: string, start: number): number {
  const found = text.indexOf('endstream', start)
  if (found < 0) return text.length
  return text[found - 2] === '\r' && text[found - 1] === '\n' ? found - 2 : /[\r\n]/.test(text[found - 1] ?? '') ? found - 1 : found
}

/** The `<< … >>` that ends right before `stream`, found by walking back over nested dictionaries. */
function dictionaryBefore(text: string, keywordAt: number): string | undefined {
  let end = keywordAt
  while (end > 0 && /\s/.test(text[end - 1]!)) end--
  if (text.slice(end - 2, end) !== '>>') return undefined
  let depth = 0
  for (let at = end, floor = Math.max(0, end - 65_536); at > floor + 1; ) {
    const pair = text.slice(at - 2, at)
    if (pair === '>>') {
      depth++
      at -= 2
    } else if (pair === '<<') {
      if (--depth === 0) return text.slice(at - 2, end)
      at -= 2
    } else at--
  }
  return undefined
}

async function decodedSize(raw: Buffer, filters: Filter[], remaining: number): Promise<number> {
  let current = raw
  let counted = 0
  for (const [index, filter] of filters.entries()) {
    const isLast = index === filters.length - 1
    if (filter === 'image') break
    if (filter === 'unbounded') {
      if (isLast) break
      throw tooComplex()
    }
    if (filter === 'hex') current = Buffer.from(current.toString('latin1').replace(/[^\da-f]/gi, ''), 'hex')
    else if (filter === 'ascii85') current = ascii85(current)
    else {
      const inflated = await inflateWithin(current, remaining - counted, !isLast)
      counted += inflated.size
      current = inflated.data
    }
  }
  return counted
}

/** Inflates, counting the output; keeps it only when another filter reads it. Corrupt data counts what came out. */
function inflateWithin(input: Buffer, remaining: number, shouldKeep: boolean): Promise<{ size: number; data: Buffer }> {
  return new Promise((resolve, reject) => {
    const inflate = zlib.createInflate({ finishFlush: zlib.constants.Z_SYNC_FLUSH, chunkSize: 1024 * 1024 })
    const kept: Buffer[] = []
    let size = 0
    inflate.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > remaining) {
        inflate.destroy()
        reject(tooLarge())
      } else if (shouldKeep) kept.push(chunk)
    })
    inflate.on('error', () => resolve({ size, data: Buffer.concat(kept) }))
    inflate.on('end', () => resolve({ size, data: Buffer.concat(kept) }))
    inflate.end(input)
  })
}

export function tooLarge(): MediaError {
  return new MediaError(
    'MEDIA_PDF_TOO_LARGE_UNCOMPRESSED',
    'El PDF ocupa demasiado al descomprimirlo (puede ser un archivo malicioso): ábrelo y expórtalo de nuevo con «Imprimir a PDF» o divídelo en partes.',
  )
}

function tooComplex(): MediaError {
  return new MediaError(
    'MEDIA_PDF_INVALID',
    'El PDF usa una compresión antigua que Pregón no puede revisar: ábrelo y expórtalo de nuevo con «Imprimir a PDF».',
  )
}
