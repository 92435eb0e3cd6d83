/**
 * A minimal walk over a message's MIME tree, for the parts a bounce is about: mailparser folds a
 * `message/delivery-status` part into the text and hides a `text/rfc822-headers` one among attachments, so
 * the report's structure is read here. Only what DSNs use: nested multiparts, base64 and quoted-printable.
 */
export interface MimePart {
  /** Lower-cased, without parameters: `message/delivery-status`. */
  contentType: string
  headers: string
  /** The decoded body (transfer encoding undone), as latin1-safe text. */
  body: string
}

const MAX_DEPTH = 6

export function mimeParts(raw: string): MimePart[] {
  const parts: MimePart[] = []
  walk(raw, parts, 0)
  return parts
}

function walk(entity: string, parts: MimePart[], depth: number): void {
  const { headers, body } = splitEntity(entity)
  const contentType = headerValue(headers, 'content-type') ?? 'text/plain'
  const type = contentType.split(';')[0]!.trim().toLowerCase()
  if (type.startsWith('multipart/') && depth < MAX_DEPTH) {
    const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType)
    const marker = boundary?.[1] ?? boundary?.[2]
    if (!marker) return
    const delimiter = `--${marker}`
    const sections = body.split(new RegExp(`^${escapeRegExp(delimiter)}(?:--)?[ \\t]*\\r?$`, 'm'))
    // The first section is the preamble and the last the epilogue.
    for (const section of sections.slice(1, -1)) walk(section.replace(/^\r?\n/, ''), parts, depth + 1)
    return
  }
  parts.push({ contentType: type, headers, body: decode(body, headerValue(headers, 'content-transfer-encoding')) })
}

export function splitEntity(entity: string): { headers: string; body: string } {
  const match = /\r?\n\r?\n/.exec(entity)
  if (!match) return { headers: entity, body: '' }
  return { headers: entity.slice(0, match.index), body: entity.slice(match.index + match[0].length) }
}

/** The first value of a header, unfolded; undefined when absent. */
export function headerValue(headers: string, name: string): string | undefined {
  const unfolded = headers.replace(/\r?\n[ \t]+/g, ' ')
  const match = new RegExp(`^${escapeRegExp(name)}[ \\t]*:[ \\t]*(.*)$`, 'im').exec(unfolded)
  return match?.[1]?.trim()
}

function decode(body: string, encoding: string | undefined): string {
  switch (encoding?.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    case 'quoted-printable':
      return Buffer.from(
        body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
        'latin1',
      ).toString('utf8')
    default:
      return body
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}
