// The search page's Pagefind (buscar.js points Pagefind's UI here): the full index in /pagefind/ merged with the
// index of what was published since it was built (/pagefind-delta/, see site/src/publish/searchDelta.ts). The
// full index's records of pages changed or removed since are hidden by id, so an edited bulletin is found by its
// new text only and a withdrawn one not at all; a page unchanged in both is shown once.
import * as pagefind from '/pagefind/pagefind.js'

let hidden = new Set()
let same = new Set()
let merged = null

function mergeDelta() {
  merged ??= (async () => {
    const response = await fetch('/pagefind-delta/delta.json', { cache: 'no-cache' })
    if (!response.ok) return
    const delta = await response.json()
    hidden = new Set(delta.hidden)
    same = new Set(delta.same)
    if (delta.bundle) await pagefind.mergeIndex(delta.bundle)
  })().catch((error) => console.error('Pagefind: no se pudo cargar el índice de lo publicado recientemente', error))
  return merged
}

function current(response) {
  if (!response) return response
  const seen = new Set()
  const results = response.results.filter(({ id }) => {
    if (hidden.has(id)) return false
    if (!same.has(id)) return true
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
  return { ...response, results }
}

// Pagefind 1.x looks a word up by its longest prefix that is in the index when no indexed word starts with it
// (pagefind/pagefind#315; no option turns it off yet: pagefind/pagefind#780, #599), so «agua» on a portal without
// that word lists every page with «a» and marks each «a». That backtracking is decided per searched word for the
// whole index, so the best result tells which case it is: if it has no word that starts like a searched word, no
// result has, and the search found nothing. Words that begin with what is typed («agu» → «agua») and other forms
// of a word (Spanish stemming: «vacunas» → «vacunación») share a long enough start with it and still count.
const SEPARATORS = /[^\S\uFEFF]+/
const normalized = (text) =>
  text
    .toLocaleLowerCase('es')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}_]+/gu, '')

function startsLike(word, term) {
  if (word.startsWith(term)) return true
  if (term.length <= 3) return false
  let shared = 0
  while (shared < term.length && word[shared] === term[shared]) shared++
  return shared >= Math.max(4, Math.ceil(term.length * 0.6))
}

async function isRealMatch(result, term) {
  const terms = term.split(SEPARATORS).map(normalized).filter(Boolean)
  if (terms.length === 0) return true
  const page = await result.data()
  const text = [page.content ?? '', ...Object.values(page.meta ?? {}).filter((value) => typeof value === 'string')].join(' ')
  const words = new Set(text.split(SEPARATORS).map(normalized).filter(Boolean))
  return terms.every((searched) => [...words].some((word) => startsLike(word, searched)))
}

async function found(response, term) {
  if (!response || typeof term !== 'string' || response.results.length === 0) return response
  if (await isRealMatch(response.results[0], term)) return response
  return { ...response, results: [], unfilteredResultCount: 0 }
}

// buscar.js shows what to try next when a search finds nothing.
function announce(response, term) {
  if (response) window.dispatchEvent(new CustomEvent('pregon:busqueda', { detail: { term: term ?? '', count: response.results.length } }))
  return response
}

export async function options(settings) {
  await pagefind.options(settings)
}
export async function init() {
  await pagefind.init()
  await mergeDelta()
}
export async function mergeIndex(bundlePath, settings) {
  await pagefind.mergeIndex(bundlePath, settings)
}
export async function search(term, settings) {
  await mergeDelta()
  return announce(await found(current(await pagefind.search(term, settings)), term), term)
}
export async function debouncedSearch(term, settings, timeoutMs) {
  await mergeDelta()
  return announce(await found(current(await pagefind.debouncedSearch(term, settings, timeoutMs)), term), term)
}
export async function preload(term, settings) {
  await mergeDelta()
  await pagefind.preload(term, settings)
}
export async function filters() {
  await mergeDelta()
  return pagefind.filters()
}
export async function destroy() {
  merged = null
  await pagefind.destroy()
}
