import fs from 'node:fs'
import { archivePages } from '../lib/archive'
import { PortalError } from '../lib/PortalError'
import type { PortalBulletin } from './PortalContent'

/** Names the JSON file of a PortalSelection: set only for an incremental build (see publish/publishChanges). */
export const PORTAL_SELECTION_ENV = 'PREGON_PORTAL_SELECTION'

/**
 * The parameterised pages an incremental build renders: those whose content changed. Pages without
 * parameters (home, indexes, main feed, search, accessibility) are always rendered; they are few and small.
 */
export interface PortalSelection {
  /** Bulletin slugs, withdrawn and suspended ones included. */
  bulletins: string[]
  /** Program slugs, suspended ones included. */
  programs: string[]
  /** Department slugs: their page and feed. */
  departments: string[]
  /** Topic slugs: their page and feed. */
  topics: string[]
  /** Bulletin kinds: their page and feed. */
  kinds: string[]
  /** "2026-11". */
  months: string[]
  /** By archive (its address: /boletines/, a department's, a kind's), the first of its pages to render; absent for none. */
  archives: Record<string, number>
}

let memo: { file: string; selection: PortalSelection } | undefined
/** Set by a long-lived renderer (publish/pageRenderer): the selection it renders next; wins over the file. */
let given: PortalSelection | null | undefined

/** Hands the pages a selection in memory (null: every page); `undefined` goes back to the environment. */
export function usePortalSelection(selection: PortalSelection | null | undefined): void {
  given = selection
}

/** This build's selection, or null when it builds everything. */
export function portalSelection(): PortalSelection | null {
  if (given !== undefined) return given
  const file = process.env[PORTAL_SELECTION_ENV]
  if (!file) return null
  if (memo?.file !== file) {
    try {
      memo = { file, selection: JSON.parse(fs.readFileSync(file, 'utf8')) as PortalSelection }
    } catch (error) {
      throw new PortalError('PORTAL_CONTENT_INVALID', `cannot read the page selection ${file}`, { cause: error })
    }
  }
  return memo.selection
}

type Keyed = Exclude<keyof PortalSelection, 'archives'>

/** Whether this build renders the page of `key` among `kind` (always, in a full build). */
export function isSelected(kind: Keyed, key: string): boolean {
  const selection = portalSelection()
  return !selection || selection[kind].includes(key)
}

/** One page of an archive: its number, the bulletins it shows, and how many pages the archive has. */
export interface ArchivePageEntry {
  page: number
  shown: PortalBulletin[]
  count: number
}

/** The pages of the archive at `base` (of these bulletins, newest first) that this build renders. */
export function selectedArchivePages(base: string, bulletins: PortalBulletin[]): ArchivePageEntry[] {
  const selection = portalSelection()
  const from = selection ? (selection.archives[base] ?? Infinity) : 1
  const pages = archivePages(bulletins)
  return pages.flatMap((shown, index) => (index + 1 >= from ? [{ page: index + 1, shown, count: pages.length }] : []))
}
