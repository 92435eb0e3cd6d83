import { fold } from '@pregon/core/law/spanishText'

const SHINGLE = 3
/** Share of the item's word triples found in a bulletin, and the fewest shared, to call it a pick-up. */
const MIN_SHARE = 0.4
const MIN_SHARED = 4

/** Overlapping three-word sequences of a text, folded (no case, no accents, no punctuation). */
export function shingles(text: string): Set<string> {
  const words = fold(text).match(/[\p{L}\p{N}]+/gu) ?? []
  const out = new Set<string>()
  for (let i = 0; i + SHINGLE <= words.length; i++) out.add(words.slice(i, i + SHINGLE).join(' '))
  return out
}

export interface OwnBulletin {
  id: number
  shingles: Set<string>
}

/**
 * Which of our recent bulletins a press item reproduces, if any: outlets that run a bulletin copy its title
 * and lead, often cut or with a headline of their own, so the item's text is compared as a part of the
 * bulletin's (how much of the item is in it), not as a whole.
 */
export function pickedUpBulletin(itemText: string, bulletins: readonly OwnBulletin[]): { id: number; share: number } | null {
  const item = shingles(itemText)
  if (item.size < MIN_SHARED) return null
  let best: { id: number; share: number } | null = null
  for (const bulletin of bulletins) {
    let shared = 0
    for (const shingle of item) if (bulletin.shingles.has(shingle)) shared++
    const share = shared / item.size
    if (shared >= MIN_SHARED && share >= MIN_SHARE && (!best || share > best.share)) best = { id: bulletin.id, share }
  }
  return best
}
