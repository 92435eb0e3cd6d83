import fs from 'node:fs'
import path from 'node:path'
import { PortalError } from '../lib/PortalError'
import type { PortalContent } from './PortalContent'
import { validatePortalContent } from './validatePortalContent'

export const PORTAL_CONTENT_ENV = 'PREGON_PORTAL_CONTENT'

let memo: { file: string; content: PortalContent } | undefined
/** Set by a long-lived renderer (publish/pageRenderer) for the pages it renders next; wins over the file. */
let given: PortalContent | undefined

/**
 * The content for the running Astro build, from the file named by PREGON_PORTAL_CONTENT (set by buildPortal
 * on its child process; this is the only reader of that variable). Every page asks for it, so the file is
 * parsed once per process: a build process lives for one build only.
 */
export function loadPortalContent(): PortalContent {
  if (given) return given
  const file = process.env[PORTAL_CONTENT_ENV]
  if (!file) {
    throw new PortalError(
      'PORTAL_CONTENT_MISSING',
      `${PORTAL_CONTENT_ENV} is not set (point it at the JSON written by the portal exporter, or build through buildPortal()).`,
    )
  }
  if (memo?.file !== file) memo = { file, content: readPortalContent(file) }
  return memo.content
}

/**
 * Hands the pages a content already in memory (checked and in portal order), so a long-lived renderer does not
 * parse a file per publication; `undefined` goes back to the file.
 */
export function usePortalContent(content: PortalContent | undefined): void {
  given = content
}

/** Reads and checks a content file, uncached: long-lived processes see the file change between builds. */
export function readPortalContent(file: string): PortalContent {
  return readPortalContentFile(file).content
}

/** A content file as read: its text, and the content checked and ordered from that very text. */
export interface PortalContentFile {
  text: string
  content: PortalContent
}

/** Reads a content file once, for callers that need its text too (publications keep it as the live record). */
export function readPortalContentFile(file: string): PortalContentFile {
  const absolute = path.resolve(file)
  let text: string
  try {
    text = fs.readFileSync(absolute, 'utf8')
  } catch (error) {
    throw new PortalError('PORTAL_CONTENT_MISSING', `cannot read portal content ${absolute} (export the content first).`, { cause: error })
  }
  return { text, content: parsePortalContent(text, absolute) }
}

/** Parses and checks the text of a content file; `source` names it in errors. */
export function parsePortalContent(text: string, source: string): PortalContent {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new PortalError('PORTAL_CONTENT_INVALID', `${source} is not valid JSON (re-export the content).`, { cause: error })
  }
  const problems = validatePortalContent(parsed)
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : '')
    throw new PortalError('PORTAL_CONTENT_INVALID', `${source} does not match PortalContent: ${shown}.`)
  }
  return inPortalOrder(parsed as PortalContent)
}

/**
 * Puts the bulletins newest first, as every list, feed and archive page shows them and counts them (the
 * exporter writes them so; a file made another way is ordered here rather than mis-paged). Stable: bulletins
 * published at the same instant keep the file's order. Returns the same object.
 */
export function inPortalOrder(content: PortalContent): PortalContent {
  const time = new Map(content.bulletins.map((bulletin) => [bulletin, Date.parse(bulletin.publishedAt)]))
  content.bulletins.sort((a, b) => time.get(b)! - time.get(a)!)
  return content
}
