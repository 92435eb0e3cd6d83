import { PDFDocument } from 'pdf-lib'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flat, pdfPages } from '../../helpers/pdfText'
import { renderSynthesisEmail } from '@pregon/workers/monitoring/renderSynthesisEmail'
import { renderSynthesisPdf } from '@pregon/workers/monitoring/renderSynthesisPdf'
import type { Synthesis, SynthesisItem } from '@pregon/workers/monitoring/types'

const item = (over: Partial<SynthesisItem> & Pick<SynthesisItem, 'title' | 'url' | 'publishedAt'>): SynthesisItem => ({
  outlet: 'El Debate',
  summary: '',
  tone: null,
  mentions: ['Ayuntamiento de Guasave'],
  ...over,
})

const TITLES = {
  street: 'Vecinos de la Ejidal reclaman: «¿Cuándo terminan la calle?» & piden fecha',
  bridge: 'Inauguran puente "La Niña" en Tamazula; costó <3 millones>',
  night: 'Bacheo nocturno en la carretera a Las Glorias',
  patrols: "Policía recibe 12 patrullas: 'más vigilancia en las sindicaturas'",
  baseball: 'Guasave, sede del torneo estatal de béisbol juvenil ¡por tercera vez!',
}
const ESCAPED = {
  street: 'Vecinos de la Ejidal reclaman: «¿Cuándo terminan la calle?» &amp; piden fecha',
  bridge: 'Inauguran puente &quot;La Niña&quot; en Tamazula; costó &lt;3 millones&gt;',
  night: TITLES.night,
  patrols: 'Policía recibe 12 patrullas: &#39;más vigilancia en las sindicaturas&#39;',
  baseball: TITLES.baseball,
}
const URLS = {
  street: 'https://www.debate.com.mx/guasave/calle-ejidal?utm=x&id=1',
  bridge: 'https://lavozdelnorte.com.mx/puente-la-nina',
  night: 'https://lineadirectaportal.com/bacheo',
  patrols: 'https://www.elsoldesinaloa.com.mx/patrullas',
  baseball: 'https://lavozdelnorte.com.mx/beisbol',
}

/** A Thursday: the night item was published on Wednesday evening, Mexico City time. */
const synthesis = (over: Partial<Synthesis> = {}): Synthesis => ({
  day: '2026-12-03',
  dayLabel: 'jueves 3 de diciembre de 2026',
  office: 'Ayuntamiento de Guasave',
  tone: { positiva: 2, neutral: 1, negativa: 1, sinMarcar: 1 },
  adminUrl: 'https://cms.guasave.test/admin/monitoreo?dia=2026-12-03',
  sourceProblems: [{ source: 'Noroeste (RSS)', error: 'El servidor no respondió en 30 s & cerró la conexión.' }],
  groups: [
    {
      department: 'Obras Públicas',
      items: [
        item({ title: TITLES.street, url: URLS.street, publishedAt: new Date('2026-12-03T16:40:00Z'), tone: 'negativa', summary: 'Comerciantes señalan que la obra lleva tres semanas detenida.', mentions: ['Ayuntamiento de Guasave', 'Obras Públicas'] }),
        item({ title: TITLES.bridge, url: URLS.bridge, outlet: 'La Voz del Norte', publishedAt: new Date('2026-12-03T14:05:00Z'), tone: 'positiva', summary: 'El puente une dos escuelas primarias.' }),
        item({ title: TITLES.night, url: URLS.night, outlet: 'Línea Directa', publishedAt: new Date('2026-12-03T03:10:00Z') }),
      ],
    },
    { department: 'Seguridad Pública', items: [item({ title: TITLES.patrols, url: URLS.patrols, outlet: 'El Sol de Sinaloa', publishedAt: new Date('2026-12-03T18:20:00Z'), tone: 'neutral' })] },
    { department: 'Sin dependencia', items: [item({ title: TITLES.baseball, url: URLS.baseball, outlet: 'La Voz del Norte', publishedAt: new Date('2026-12-03T13:00:00Z'), tone: 'positiva' })] },
  ],
  pickUp: [
    {
      bulletinTitle: 'Entrega el Ayuntamiento el puente peatonal «La Niña»',
      bulletinUrl: 'https://guasave.gob.test/boletines/puente-la-nina/',
      outlets: [
        { outlet: 'La Voz del Norte', url: URLS.bridge, title: TITLES.bridge },
        { outlet: 'Línea Directa', url: 'https://lineadirectaportal.com/puente', title: 'Guasave estrena puente peatonal' },
      ],
    },
    { bulletinTitle: 'Convocatoria a la Feria del Empleo 2026', bulletinUrl: 'https://guasave.gob.test/boletines/feria-empleo/', outlets: [] },
  ],
  ...over,
})
const emptyDay = () => synthesis({ groups: [], pickUp: [], sourceProblems: [], tone: { positiva: 0, neutral: 0, negativa: 0, sinMarcar: 0 } })

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const linked = (url: string, label: string) => new RegExp(`<a href="${escapeRe(url.replace(/&/g, '&amp;'))}"[^>]*>${escapeRe(label)}</a>`)

describe('the síntesis email', () => {
  it('names the day and the number of notes in the subject', async () => {
    expect((await renderSynthesisEmail(synthesis())).subject).toBe('Síntesis informativa · jueves 3 de diciembre de 2026 · 5 notas')
    const one = synthesis({ groups: [{ department: 'Obras Públicas', items: [synthesis().groups[0]!.items[0]!] }] })
    expect((await renderSynthesisEmail(one)).subject).toBe('Síntesis informativa · jueves 3 de diciembre de 2026 · 1 nota')
  })

  it('links every title to its note, escaped, under the department headings in order', async () => {
    const { html } = await renderSynthesisEmail(synthesis())
    for (const key of Object.keys(TITLES) as (keyof typeof TITLES)[]) expect(html).toMatch(linked(URLS[key], ESCAPED[key]))
    expect(html).not.toContain('<3 millones>')
    const headings = [...html.matchAll(/<h2[^>]*>([^<]*)/g)].map((m) => m[1]!.trim())
    expect(headings).toEqual(['Obras Públicas', 'Seguridad Pública', 'Sin dependencia', 'Boletines retomados por los medios'])
    expect(html.indexOf(ESCAPED.street)).toBeLessThan(html.indexOf(ESCAPED.bridge))
  })

  it('says each tone as a word, the tone count, what a note mentions and when, in the office’s time zone', async () => {
    const { html, text } = await renderSynthesisEmail(synthesis())
    for (const word of ['Negativa', 'Positiva', 'Neutral', 'Sin marcar']) expect(html).toMatch(new RegExp(`Tono: <span[^>]*>${word}</span>`))
    for (const part of [html, text]) {
      expect(part).toContain('5 notas. Tono: 2 positivas, 1 neutral, 1 negativa, 1 sin marcar.')
      expect(part).toContain('Menciona: Ayuntamiento de Guasave, Obras Públicas')
      expect(part).toMatch(/El Debate · 10:40\sa\.\s?m\./)
      // 03:10 UTC on the 3rd is the evening of the 2nd in Mexico City: the date is said.
      expect(part).toMatch(/Línea Directa · 2 dic\.?, 9:10\sp\.\s?m\./)
    }
    expect(text).toContain(`Tono: Sin marcar · Menciona: Ayuntamiento de Guasave`)
    const { text: mazatlan } = await renderSynthesisEmail(synthesis(), { timeZone: 'America/Mazatlan' })
    expect(mazatlan).toMatch(/El Debate · 9:40\sa\.\s?m\./)
  })

  it('shows the pick-up as a table with column headers and the outlets linked', async () => {
    const { html, text } = await renderSynthesisEmail(synthesis())
    const table = html.match(/<table(?![^>]*role="presentation")[^>]*>(?:(?!<\/table>)[\s\S])*<th scope="col"[^>]*>Boletín<\/th>(?:(?!<\/table>)[\s\S])*<\/table>/)?.[0]
    expect(table).toBeDefined()
    expect(table).toMatch(/<th scope="col"[^>]*>Medios que lo publicaron<\/th>/)
    expect(table).toMatch(linked('https://guasave.gob.test/boletines/puente-la-nina/', 'Entrega el Ayuntamiento el puente peatonal «La Niña»'))
    expect(table).toMatch(linked(URLS.bridge, ESCAPED.bridge))
    expect(table).toContain('Ningún medio en el periodo.')
    expect(text).toContain(`  - La Voz del Norte: ${TITLES.bridge} (${URLS.bridge})`)
    expect(text).toContain('Convocatoria a la Feria del Empleo 2026 (https://guasave.gob.test/boletines/feria-empleo/)\n  Ningún medio en el periodo.')
  })

  it('says the same in the plain-text part: titles, links, failing sources, the PDF and the admin', async () => {
    const { html, text } = await renderSynthesisEmail(synthesis())
    for (const key of Object.keys(TITLES) as (keyof typeof TITLES)[]) expect(text).toContain(`${TITLES[key]}\n${URLS[key]}`)
    expect(text).toContain('== Obras Públicas (3) ==')
    expect(text).toContain('- Noroeste (RSS): El servidor no respondió en 30 s & cerró la conexión.')
    expect(html).toContain('Noroeste (RSS): El servidor no respondió en 30 s &amp; cerró la conexión.')
    for (const part of [html, text]) {
      expect(part).toContain('1 fuente no se pudo leer; puede faltar lo que publicó:')
      expect(part).toContain('La síntesis va adjunta en PDF')
    }
    expect(text).toContain('Monitoreo: https://cms.guasave.test/admin/monitoreo?dia=2026-12-03')
    expect(html).toContain('href="https://cms.guasave.test/admin/monitoreo?dia=2026-12-03"')
  })

  it('links only web addresses', async () => {
    const s = synthesis({ groups: [{ department: 'Obras Públicas', items: [item({ title: 'Nota rara', url: 'javascript:alert(1)', publishedAt: new Date('2026-12-03T16:00:00Z') })] }] })
    const { html, text } = await renderSynthesisEmail(s)
    expect(html).toContain('Nota rara')
    expect(html).not.toContain('javascript:')
    expect(text).not.toContain('javascript:')
  })

  it('renders an empty day cleanly', async () => {
    const { subject, html, text } = await renderSynthesisEmail(emptyDay())
    expect(subject).toBe('Síntesis informativa · jueves 3 de diciembre de 2026 · sin notas')
    for (const part of [html, text]) {
      expect(part).toContain('Sin notas marcadas hoy.')
      expect(part).toContain('Sin boletines propios en el periodo.')
      expect(part).not.toContain('Tono:')
      expect(part).not.toContain('no se pudo leer')
    }
    expect([...html.matchAll(/<h2[^>]*>([^<]*)/g)].map((m) => m[1]!.trim())).toEqual(['Boletines retomados por los medios'])
  })
})


describe('the síntesis PDF', () => {
  afterEach(() => vi.restoreAllMocks())

  it('is a PDF with the office as author, its page numbers and every title with its accents', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    const pdf = await renderSynthesisPdf(synthesis())
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(fetchSpy).not.toHaveBeenCalled()
    const doc = await PDFDocument.load(pdf)
    expect(doc.getTitle()).toBe('Síntesis informativa · jueves 3 de diciembre de 2026')
    expect(doc.getAuthor()).toBe('Comunicación Social · Ayuntamiento de Guasave')

    const pages = await pdfPages(pdf)
    expect(pages[0]).toContain(`Página 1 de ${pages.length}`)
    expect(pages.at(-1)).toContain(`Página ${pages.length} de ${pages.length}`)
    const text = flat(pages)
    for (const title of Object.values(TITLES)) expect(text).toContain(title)
    for (const phrase of ['Síntesis informativa', 'Comunicación Social · Ayuntamiento de Guasave', 'Obras Públicas (3)', 'Seguridad Pública (1)', 'Tono: Negativa', 'Tono: Sin marcar', 'Menciona: Ayuntamiento de Guasave, Obras Públicas', 'Línea Directa · 2 dic']) {
      expect(text).toContain(phrase)
    }
    expect(text).not.toContain('\uFFFD')
  })

  it('has the tone counts, the failing sources and the pick-up table', async () => {
    const text = flat(await pdfPages(await renderSynthesisPdf(synthesis())))
    expect(text).toContain('Positivas Neutrales Negativas Sin marcar Total 2 1 1 1 5')
    expect(text).toContain('1 fuente no se pudo leer; puede faltar lo que publicó:')
    expect(text).toContain('Noroeste (RSS): El servidor no respondió en 30 s & cerró la conexión.')
    expect(text).toContain('Boletín Medios que lo publicaron Entrega el Ayuntamiento el puente peatonal «La Niña»')
    expect(text).toContain('Ningún medio en el periodo.')
  })

  it('composes accents a feed sent decomposed', async () => {
    const decomposed = 'Sesio\u0301n de Cabildo: aprueban el presupuesto de Guasave para an\u0303o 2027'
    const s = synthesis({ groups: [{ department: 'Tesorería', items: [item({ title: decomposed, url: 'https://example.test/a', publishedAt: new Date('2026-12-03T16:00:00Z') })] }] })
    expect(flat(await pdfPages(await renderSynthesisPdf(s)))).toContain('Sesión de Cabildo: aprueban el presupuesto de Guasave para año 2027')
  })

  it('leaves out the emoji the font cannot draw, keeping the words around them', async () => {
    const s = synthesis({ groups: [{ department: 'Tesorería', items: [item({ title: '🚨 ÚLTIMA HORA: cierran el mercado 🇲🇽 por obras ™', url: 'https://example.test/a', publishedAt: new Date('2026-12-03T16:00:00Z') })] }] })
    const text = flat(await pdfPages(await renderSynthesisPdf(s)))
    expect(text).toContain('ÚLTIMA HORA: cierran el mercado por obras ™ Tono')
    expect(text).not.toMatch(/🚨|🇲🇽/u)
    expect((await renderSynthesisEmail(s)).text).toContain('🚨 ÚLTIMA HORA: cierran el mercado 🇲🇽 por obras ™')
  })

  it('renders an empty day on one page', async () => {
    const pages = await pdfPages(await renderSynthesisPdf(emptyDay()))
    expect(pages).toHaveLength(1)
    expect(flat(pages)).toContain('Sin notas marcadas hoy.')
    expect(flat(pages)).toContain('Página 1 de 1')
  })
})
