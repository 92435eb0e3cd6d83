/**
 * The stream filters of PDF 32000-1 (7.4) as the decompression check sees them: those it decodes (Flate,
 * and the two ASCII encodings that may wrap it), image codecs (what comes out is drawn, not read as PDF),
 * and those whose expansion it cannot bound cheaply.
 */
export type Filter = 'flate' | 'hex' | 'ascii85' | 'image' | 'unbounded'

const FILTERS: Record<string, Filter> = {
  FlateDecode: 'flate',
  Fl: 'flate',
  ASCIIHexDecode: 'hex',
  AHx: 'hex',
  ASCII85Decode: 'ascii85',
  A85: 'ascii85',
  // Image codecs: what they decode to is an image a viewer draws, not more PDF.
  DCTDecode: 'image',
  DCT: 'image',
  JPXDecode: 'image',
  CCITTFaxDecode: 'image',
  CCF: 'image',
  JBIG2Decode: 'image',
  Crypt: 'image',
  // Expand without a bound Pregón can check cheaply: refused wherever another filter decodes their output.
  LZWDecode: 'unbounded',
  LZW: 'unbounded',
  RunLengthDecode: 'unbounded',
  RL: 'unbounded',
}

export function filtersOf(dict: string): Filter[] {
  const value = /\/Filter\s*(\[[^\]]*\]|\/[^\s/[\]<>()]+)/.exec(dict)?.[1]
  if (!value) return []
  const names = value.match(/\/[^\s/[\]<>()]+/g) ?? []
  return names.map((name) => FILTERS[name.slice(1).replace(/#([\da-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))] ?? 'unbounded')
}

/** Without a readable dictionary: data that starts like zlib is treated as FlateDecode. */
export function sniffedFilters(data: Buffer, start: number): Filter[] {
  const [a = 0, b = 0] = [data[start], data[start + 1]]
  return (a & 0x0f) === 8 && ((a << 8) | b) % 31 === 0 ? ['flate'] : []
}

/** ASCII85Decode (PDF 32000-1, 7.4.3): five characters for four bytes, `z` for four zeros. */
export function ascii85(input: Buffer): Buffer {
  const text = input.toString('latin1').replace(/\s/g, '').replace(/^<~/, '').replace(/~>.*$/, '')
  const out: number[] = []
  let group: number[] = []
  const flush = (count: number) => {
    while (group.length < 5) group.push(84)
    const value = group.reduce((sum, digit) => sum * 85 + digit, 0)
    for (let shift = 3; shift > 3 - count; shift--) out.push((value >>> (shift * 8)) & 0xff)
    group = []
  }
  for (const char of text) {
    if (char === 'z' && group.length === 0) out.push(0, 0, 0, 0)
    else {
      group.push(char.charCodeAt(0) - 33)
      if (group.length === 5) flush(4)
    }
  }
  if (group.length > 1) flush(group.length - 1)
  return Buffer.from(out)
}
