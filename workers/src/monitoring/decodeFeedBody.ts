/** A feed's bytes as text, and what was odd about its encoding (Spanish, for the source's page). */
export interface DecodedFeedBody {
  text: string
  note: string | null
}

/**
 * Decodes a feed or sitemap as it came over HTTP. The charset is taken from the first of: a byte-order mark
 * (it cannot be there by accident, so it outranks any label, as in the WHATWG Encoding Standard), the HTTP
 * Content-Type, the XML prolog's `encoding`, and UTF-8 (XML's default). Two common lies of Mexican outlets'
 * servers are caught and said in the note rather than read as mojibake: a body said to be UTF-8 that is not
 * (read as Windows-1252, which also covers ISO-8859-1), and a server that says ISO-8859-1 for a feed whose
 * prolog says, and whose bytes are, UTF-8. An unknown label is read as UTF-8, never an exception.
 */
export function decodeFeedBody(bytes: Uint8Array, contentType: string | null): DecodedFeedBody {
  const fromHeader = charsetOf(contentType)
  const fromProlog = prologEncoding(bytes)
  const declared = fromHeader ?? fromProlog

  const bom = byteOrderMark(bytes)
  if (bom) {
    const disagrees = declared !== null && encodingOf(declared) !== bom
    return { text: decode(bom, bytes), note: disagrees ? `El canal dice ${shown(declared)} pero empieza con la marca de ${shown(bom)}; se leyó como ${shown(bom)}.` : null }
  }

  const encoding = declared === null ? 'utf-8' : encodingOf(declared)
  if (encoding === null) {
    const unknown = `El canal declara una codificación desconocida («${declared}»)`
    const utf8 = strictUtf8(bytes)
    if (utf8 !== null) return { text: utf8, note: `${unknown}; se leyó como UTF-8.` }
    return { text: decode('windows-1252', bytes), note: `${unknown} y no está en UTF-8; se leyó como Windows-1252.` }
  }

  if (encoding === 'utf-8') {
    const utf8 = strictUtf8(bytes)
    if (utf8 !== null) return { text: utf8, note: null }
    const said = declared === null ? 'El canal no dice su codificación y no está en UTF-8' : 'El canal dice UTF-8 pero no lo es'
    return { text: decode('windows-1252', bytes), note: `${said}; se leyó como Windows-1252.` }
  }

  // The server's default charset (Apache's AddDefaultCharset) against what the feed itself says and is.
  if (fromHeader !== null && fromProlog !== null && encodingOf(fromProlog) === 'utf-8' && hasNonAscii(bytes)) {
    const utf8 = strictUtf8(bytes)
    if (utf8 !== null) return { text: utf8, note: `El servidor dice ${shown(fromHeader)} pero el canal declara UTF-8 y lo está; se leyó como UTF-8.` }
  }
  return { text: decode(encoding, bytes), note: null }
}

/** `text/xml; charset="ISO-8859-1"` → `ISO-8859-1`. */
function charsetOf(contentType: string | null): string | null {
  return /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType ?? '')?.[1] ?? null
}

/** The prolog is ASCII in every encoding a prolog can be read in this way; 200 bytes hold it. */
function prologEncoding(bytes: Uint8Array): string | null {
  const head = String.fromCharCode(...bytes.subarray(0, 200))
  return /^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1]?.trim() ?? null
}

function byteOrderMark(bytes: Uint8Array): 'utf-8' | 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  return null
}

/** The WHATWG name for a label (`latin1`, `iso-8859-1` → `windows-1252`), null when it names nothing known. */
function encodingOf(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding
  } catch {
    return null
  }
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

const decode = (encoding: string, bytes: Uint8Array) => new TextDecoder(encoding, { fatal: false }).decode(bytes)
const hasNonAscii = (bytes: Uint8Array) => bytes.some((byte) => byte > 0x7f)
const shown = (label: string) => label.toUpperCase()
