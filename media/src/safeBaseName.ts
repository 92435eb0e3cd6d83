/**
 * Control characters (C0, DEL, C1), soft hyphen, bidi marks, embeddings, overrides and isolates, zero-width
 * space, BOM. Joiners stay: emoji families and some scripts need them.
 */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b\u200e\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g
/** Unsafe in a file name on some system, or in a URL path (`%` would be read as an escape, `#` and `?` cut it). */
const UNSAFE = /[<>:"|?*%#]+/g
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i
/** In UTF-8 bytes: leaves room under the file system's 255 for a rendition's suffix and a "-12" to tell twins apart. */
const MAX_BYTES = 100

/**
 * The name (without extension) an upload is stored under, made from whatever name the browser or API
 * client sent: no directories; nothing invisible (`factura` + U+202E + `fdp.exe` displays as if it ended in
 * ".pdf"); Unicode NFC (an "ñ" typed on a Mac and on Windows is one name); no leading dot (hidden files); a
 * bounded length; and `archivo` when nothing is left. The caller adds the extension of what the file is.
 */
export function safeBaseName(sent: string | undefined | null): string {
  const visible = String(sent ?? '')
    .replace(LONE_SURROGATE, '')
    .normalize('NFC')
    .replace(INVISIBLE, '')
  const last = visible.split(/[/\\]/).at(-1) ?? ''
  const base = last
    .replace(/\.[a-z0-9]{1,10}$/i, '')
    .replace(UNSAFE, '-')
    .replace(/\s+/gu, ' ')
    .replace(/-{2,}/g, '-')
  const trimmed = trimEnds(truncate(trimEnds(base), MAX_BYTES))
  if (!trimmed) return 'archivo'
  return WINDOWS_RESERVED.test(trimmed) ? `archivo-${trimmed}` : trimmed
}

const trimEnds = (name: string) => name.replace(/^[\s.\-]+/u, '').replace(/[\s.\-]+$/u, '')

/** Whole characters (an emoji with its modifiers, a letter with its accents) up to `maxBytes` of UTF-8. */
function truncate(name: string, maxBytes: number): string {
  if (Buffer.byteLength(name) <= maxBytes) return name
  let kept = ''
  for (const { segment } of new Intl.Segmenter('es', { granularity: 'grapheme' }).segment(name)) {
    if (Buffer.byteLength(kept + segment) > maxBytes) break
    kept += segment
  }
  return kept
}
