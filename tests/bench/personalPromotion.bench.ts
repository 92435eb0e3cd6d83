/**
 * `npm run bench:law`: the Art. 134 check (core/src/law/personalPromotion) on a long bulletin, as an approval
 * runs it, against a baseline measured in the same run: a bare scan of the same text for the same names, titles
 * and words (lower-cased, accents stripped, `indexOf` for each), which finds less (no whole words, no gender or
 * plural, no honorific + surname, no context) but reads the same bytes. Alternating rounds, medians.
 */
import { performance } from 'node:perf_hooks'
import { compileWatchList, findPromotionHits, type TextPart, type WatchList } from '@pregon/core/law/personalPromotion'

const ROUNDS = 7
const RUNS_PER_ROUND = 200
const WORDS = 3_000

const surnames = ['Ramírez', 'Hernández', 'Gómez', 'Martínez', 'Sánchez', 'Flores', 'Rivera', 'Morales', 'Ortiz', 'Castillo']
const list: WatchList = {
  people: Array.from({ length: 20 }, (_, i) => ({
    name: `María${i} Guadalupe ${surnames[i % 10]} Torres${i}`,
    aliases: [`Lupita${i} ${surnames[i % 10]}`],
    titles: [i === 0 ? 'presidenta municipal' : `titular de la dirección ${i}`],
  })),
  words: [...Array.from({ length: 48 }, (_, i) => `lema ${i} del gobierno`), 'guinda', 'PAN'],
}
// A municipal bulletin's prose, with a mention every ten sentences.
const sentence = 'El Ayuntamiento informa a la ciudadanía que los trabajos de bacheo continúan esta semana en la cabecera municipal y en tres colonias'
const sentences: string[] = []
for (let i = 0; sentences.join(' ').split(' ').length < WORDS; i++) {
  const mention = i % 10 === 0 ? `, acompañados por la presidenta municipal y la Lic. ${surnames[0]}` : i % 10 === 5 ? ', con la pintura guinda de siempre' : ''
  sentences.push(`${sentence}${mention}.`)
}
const parts: TextPart[] = [
  { field: 'title', label: 'Título', text: 'Continúa el programa de bacheo en la cabecera municipal' },
  { field: 'summary', label: 'Entrada', text: sentences[0]! },
  { field: 'body', label: 'Cuerpo', text: sentences.join('\n') },
]
const words = parts.reduce((sum, part) => sum + part.text.split(/\s+/).length, 0)

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
const needles = [...list.people.flatMap((person) => [person.name, ...(person.aliases ?? []), ...(person.titles ?? [])]), ...list.words].map(fold)
function bareScan(): number {
  let found = 0
  for (const part of parts) {
    const text = fold(part.text)
    for (const needle of needles) for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) found++
  }
  return found
}

const compiled = compileWatchList(list)
const variants = {
  bare: () => bareScan(),
  pregon: () => findPromotionHits(parts, compiled).length,
  compileEachTime: () => findPromotionHits(parts, list).length,
}
const times: Record<keyof typeof variants, number[]> = { bare: [], pregon: [], compileEachTime: [] }
const found: Record<keyof typeof variants, number> = { bare: 0, pregon: 0, compileEachTime: 0 }
for (const run of Object.values(variants)) for (let i = 0; i < 20; i++) run()
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(variants) as Array<[keyof typeof variants, () => number]>) {
    const started = performance.now()
    for (let i = 0; i < RUNS_PER_ROUND; i++) found[name] = run()
    times[name].push((performance.now() - started) / RUNS_PER_ROUND)
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const ms = (value: number) => value.toFixed(2)
console.log(`\nArt. 134 check: a ${words}-word bulletin (title, lead, body) against ${list.people.length} people and ${list.words.length} words; median of ${ROUNDS} rounds of ${RUNS_PER_ROUND}, ms per bulletin.`)
console.table([
  { variant: 'bare scan, indexOf of each folded name/word (baseline)', ms: ms(median(times.bare)), ratio: '×1.0', matches: found.bare },
  { variant: 'Pregón, watch list compiled once (as the approval runs it)', ms: ms(median(times.pregon)), ratio: `×${(median(times.pregon) / median(times.bare)).toFixed(1)}`, matches: found.pregon },
  { variant: 'Pregón, watch list compiled on each call', ms: ms(median(times.compileEachTime)), ratio: `×${(median(times.compileEachTime) / median(times.bare)).toFixed(1)}`, matches: found.compileEachTime },
])
console.log('matches: raw substring hits for the baseline (overlaps and parts of words included); findings, one per mention, for Pregón.')
