import { PDFDocument } from 'pdf-lib'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flat, pdfPages } from '../../helpers/pdfText'
import { renderChart } from '@pregon/workers/reports/reportCharts'
import { renderReportHtml } from '@pregon/workers/reports/renderReportHtml'
import { renderReportPdf } from '@pregon/workers/reports/renderReportPdf'
import type { Count, CouncilReport } from '@pregon/workers/reports/types'

const HOSTILE = 'Salud <script>alert("x")</script> & Bienestar'
const HOSTILE_ESCAPED = 'Salud &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Bienestar'
const DEPARTMENTS: Count[] = [
  { label: 'Obras Públicas', value: 24 },
  { label: 'Seguridad Pública y Tránsito', value: 21 },
  { label: 'Dirección de Desarrollo Económico y Turismo', value: 17 },
  { label: HOSTILE, value: 16 },
  { label: 'Tesorería', value: 9 },
]
const DAYS: Count[] = Array.from({ length: 30 }, (_, i) => ({ label: String(i + 1), value: 900 + ((i * 241) % 700) }))
const MONTHS = ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic']

/** November 2026 in Guasave, as assembleCouncilReport gives it: a month told day by day. */
const report = (over: Partial<CouncilReport> = {}): CouncilReport => ({
  period: { kind: 'month', label: 'noviembre de 2026', start: '2026-11-01T06:00:00.000Z', end: '2026-12-01T06:00:00.000Z' },
  office: 'Coordinación de Comunicación Social · Municipio de Guasave',
  generatedAt: '2026-12-01T15:30:00.000Z',
  bulletins: {
    total: 87,
    byDepartment: DEPARTMENTS,
    byKind: [{ label: 'Aviso', value: 19 }, { label: 'Boletín', value: 61 }, { label: 'Comunicado', value: 7 }],
    byMonth: DAYS.map((d, i) => ({ label: d.label, value: i % 6 })),
  },
  programs: [
    { title: 'Becas «Guasave Aprende» 2027', department: 'Educación', opensAt: '2026-11-03T15:00:00.000Z', closesAt: '2026-11-28T06:00:00.000Z' },
    { title: 'Apoyo a pescadores ribereños', department: null, opensAt: null, closesAt: '2026-12-15T06:00:00.000Z' },
  ],
  reach: [
    { channel: 'Facebook', sent: 84, failed: 2, reactions: 12480, shares: 1931, replies: 644 },
    { channel: 'X', sent: 80, failed: 5, reactions: 2210, shares: null, replies: 187 },
    { channel: 'Telegram', sent: 87, failed: 0, reactions: 530, shares: 41, replies: 12 },
  ],
  pressMail: { delivered: 3480, bounced: 41, failed: 3 },
  portal: {
    views: DAYS.reduce((n, d) => n + d.value, 0),
    visitorDays: 18204,
    byDay: DAYS,
    topPages: [
      { path: '/', title: null, views: 9120 },
      { path: '/boletines/corte-de-agua-en-la-colonia-ejidal/', title: 'Corte de agua en la colonia Ejidal', views: 2315 },
    ],
    feeds: [{ feed: '/boletines/feed.xml', readers: 312 }, { feed: '/avisos/feed.xml', readers: 58 }],
  },
  pickUp: [{ label: 'El Debate', value: 31 }, { label: 'Línea Directa', value: 22 }, { label: 'La Voz del Norte', value: 14 }],
  petitions: {
    received: 143,
    byDepartment: [
      { department: 'Obras Públicas', received: 58, attended: 41, medianDaysToAttend: 6.5 },
      { department: 'Servicios Públicos', received: 47, attended: 44, medianDaysToAttend: 2 },
      { department: 'Sin turnar', received: 38, attended: 0, medianDaysToAttend: null },
    ],
  },
  mentions: { positiva: 46, neutral: 71, negativa: 18, sinMarcar: 9 },
  notes: [
    'Las búsquedas en el portal no se registran: el buscador funciona en el navegador de cada persona y no envía lo que busca.',
    'Los correos a prensa se cuentan como entregados cuando el servidor del destinatario los aceptó; no se usan píxeles de apertura.',
  ],
  ...over,
})

const yearReport = () =>
  report({
    period: { kind: 'year', label: '2026', start: '2026-01-01T06:00:00.000Z', end: '2027-01-01T06:00:00.000Z' },
    bulletins: { ...report().bulletins, total: 1040, byMonth: MONTHS.map((label, i) => ({ label, value: 80 + i })) },
    portal: { ...report().portal, byDay: MONTHS.map((label, i) => ({ label, value: 30000 + i * 1250 })) },
  })

const HEADINGS = ['Resumen', 'Boletines', 'Programas y convocatorias', 'Alcance por canal', 'Correo a prensa', 'Portal', 'Retoma en medios', 'Peticiones ciudadanas', 'Menciones en la prensa', 'Lo que este informe no cuenta']
const CHARTS = ['Boletines por dependencia', 'Boletines por tipo', 'Boletines por día', 'Páginas vistas por día', 'Boletines retomados por medio', 'Peticiones recibidas por dependencia', 'Menciones por tono']

const h2s = (html: string) => [...html.matchAll(/<h2 id="[^"]+">([^<]*)<\/h2>/g)].map((m) => m[1])
/** Each chart's SVG and the table that comes right after it. */
const chartsWithTables = (html: string) =>
  [...html.matchAll(/<h3>([^<]*)<\/h3>\s*(<svg[\s\S]*?<\/svg>)\s*(<div class="scroll[^"]*"[^>]*><table>[\s\S]*?<\/table>)/g)].map(([, heading, svg, table]) => ({ heading: heading!, svg: svg!, table: table! }))
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
/** A table row: its header cell, then number cells. */
const row = (...cells: string[]) => new RegExp(`<tr><th scope="row">${escapeRe(cells[0]!)}</th>${cells.slice(1).map((c) => `<td class="num">${escapeRe(c)}</td>`).join('')}</tr>`)

describe('the council report as HTML', () => {
  it('is one standalone Spanish page: title, office, period, no scripts and nothing fetched', async () => {
    const html = await renderReportHtml(report())
    expect(html.startsWith('<!doctype html>\n<html lang="es-MX">')).toBe(true)
    expect(html).toContain('<title>Informe de comunicación social · noviembre de 2026</title>')
    expect(html).toContain('<h1>Informe de comunicación social · noviembre de 2026</h1>')
    expect(html).toContain('Coordinación de Comunicación Social · Municipio de Guasave')
    expect(html).toContain('Periodo: del 1 de noviembre de 2026 al 30 de noviembre de 2026.')
    expect(html).toMatch(/Generado el 1 de diciembre de 2026,? a las 9:30\sa\.\s?m\./)
    expect(html).not.toMatch(/<script|<link|<img|\ssrc=|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i)
    expect(h2s(html)).toEqual(HEADINGS)
  })

  it('follows every chart with its table, holding the exact numbers', async () => {
    const html = await renderReportHtml(report())
    const charts = chartsWithTables(html)
    expect(charts.map((c) => c.heading)).toEqual(CHARTS.map((title, i) => `Gráfica ${i + 1}. ${title}`))
    expect(html.match(/<svg/g)).toHaveLength(CHARTS.length)
    for (const { heading, svg, table } of charts) {
      const title = heading.replace(/^Gráfica \d+\. /, '')
      expect(svg).toMatch(new RegExp(`^<svg [^>]*role="img" aria-label="Gráfica de (barras|columnas|línea): ${title}[^"]*"><title>${title}</title>`))
      expect(table).toMatch(new RegExp(`<caption id="t\\d+">Cuadro \\d+\\. ${title}</caption>`))
      expect(table).toMatch(/<thead><tr><th scope="col">[^<]+<\/th><th scope="col" class="num">/)
    }
    const [byDepartment, byKind, byDay, views, pickUp, petitions, tone] = charts.map((c) => c.table)
    for (const d of DEPARTMENTS) expect(byDepartment).toMatch(row(d.label === HOSTILE ? HOSTILE_ESCAPED : d.label, String(d.value)))
    // Largest first, in the chart and in its table.
    expect([...byKind!.matchAll(/<th scope="row">([^<]*)/g)].map((m) => m[1])).toEqual(['Boletín', 'Aviso', 'Comunicado'])
    for (const [i, d] of DAYS.entries()) {
      expect(views).toMatch(row(d.label, d.value.toLocaleString('es-MX')))
      expect(byDay).toMatch(row(d.label, String(i % 6)))
    }
    expect(views).toMatch(row('12', '1,451'))
    for (const [outlet, n] of [['El Debate', 31], ['Línea Directa', 22], ['La Voz del Norte', 14]] as const) expect(pickUp).toMatch(row(outlet, String(n)))
    expect(petitions).toMatch(row('Obras Públicas', '58', '41', '6.5'))
    expect(petitions).toMatch(row('Sin turnar', '38', '0', '<span aria-hidden="true">—</span><span class="vh">sin peticiones atendidas</span>'))
    for (const [tone_, n] of [['Positiva', 46], ['Neutral', 71], ['Negativa', 18], ['Sin marcar', 9]] as const) expect(tone).toMatch(row(tone_, String(n)))
  })

  it('escapes names from the data everywhere, the charts included', async () => {
    const html = await renderReportHtml(report({ office: 'Comunicación <b>Social</b>', programs: [{ title: '<img src=x onerror=alert(1)>', department: '"Obras" & Co', opensAt: null, closesAt: null }] }))
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<img')
    expect(html).not.toContain('<b>Social')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(html).toContain('&quot;Obras&quot; &amp; Co')
    const svg = chartsWithTables(html)[0]!.svg
    expect(svg).toContain('Salud &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Bienestar, 16')
    // Wrapped in two lines, the second cut: the table gives it whole.
    expect(svg).toContain('<tspan>Salud</tspan><tspan x="0" dy="16">&lt;script&gt;alert("x")&lt;/scr…</tspan>')
  })

  it('copes with control characters and line separators typed into a name', async () => {
    const odd = report({ bulletins: { ...report().bulletins, byDepartment: [{ label: 'Obras\u2028Públicas\u0007', value: 3 }, { label: 'Tesoreri\u0301a', value: 2 }] } })
    const html = await renderReportHtml(odd)
    expect(html).toMatch(row('Obras Públicas', '3'))
    expect(html).toMatch(row('Tesorería', '2'))
    expect(chartsWithTables(html)[0]!.svg).toContain('>Tesorería</text>')
    expect(flat(await pdfPages(await renderReportPdf(odd)))).toContain('Obras Públicas 3 Tesorería 2')
  })

  it('says «no disponible» where a network does not report a count, and that mail opens are not tracked', async () => {
    const html = await renderReportHtml(report())
    const reach = html.match(/<table>\s*<caption[^>]*>Cuadro \d+\. Publicaciones por canal[\s\S]*?<\/table>/)?.[0]
    expect(reach).toMatch(/<th scope="col">Canal<\/th><th scope="col" class="num">Enviadas<\/th>.*Reacciones.*Compartidos.*Respuestas/)
    const notAvailable = '<span aria-hidden="true">—</span><span class="vh">no disponible</span>'
    expect(reach).toMatch(row('X', '80', '5', '2,210', notAvailable, '187'))
    expect(reach).toMatch(row('Facebook', '84', '2', '12,480', '1,931', '644'))
    expect(reach!.match(/no disponible/g)).toHaveLength(1)
    expect(html).toContain('«—»: no disponible; la red no informa ese dato.')
    expect(html).toContain('No se mide si los correos se abren')
    expect(html).toMatch(/<td class="num">3,480<\/td><td class="num">41<\/td><td class="num">3<\/td>/)
  })

  it('lists the programs with their windows, the top pages, the feeds and the notes', async () => {
    const html = await renderReportHtml(report())
    expect(html).toMatch(/<th scope="row">Becas «Guasave Aprende» 2027<\/th><td>Educación<\/td><td>3 nov 2026<\/td><td>28 nov 2026<\/td>/)
    expect(html).toMatch(/<th scope="row">Apoyo a pescadores ribereños<\/th><td>Sin dependencia<\/td><td>Sin fecha<\/td><td>15 dic 2026<\/td>/)
    expect(html).toContain('<tr><th scope="row">Sin título</th><td>/</td><td class="num">9,120</td></tr>')
    expect(html).toMatch(row('/boletines/feed.xml', '312'))
    for (const note of report().notes) expect(html).toContain(`<li>${note}</li>`)
  })

  it('tells a year month by month', async () => {
    const html = await renderReportHtml(yearReport())
    expect(html).toContain('<h1>Informe de comunicación social · 2026</h1>')
    const charts = chartsWithTables(html)
    expect(charts.map((c) => c.heading)).toEqual(expect.arrayContaining(['Gráfica 3. Boletines por mes', 'Gráfica 4. Páginas vistas por mes']))
    const byMonth = charts[2]!
    for (const [i, month] of MONTHS.entries()) expect(byMonth.table).toMatch(row(month, String(80 + i)))
    expect(byMonth.svg).toContain('de ene a dic. Total: 1,026.')
    expect(charts[3]!.table).toMatch(row('dic', '43,750'))
  })

  it('says «sin datos» instead of an empty chart', async () => {
    const html = await renderReportHtml(report({ pickUp: [], programs: [], mentions: { positiva: 0, neutral: 0, negativa: 0, sinMarcar: 0 } }))
    expect(html).toContain('Boletines retomados por medio: sin datos en el periodo.')
    expect(html).toContain('No se anunciaron programas ni convocatorias en el periodo.')
    expect(chartsWithTables(html).map((c) => c.heading.replace(/^Gráfica \d+\. /, ''))).toEqual(CHARTS.filter((c) => c !== 'Boletines retomados por medio' && c !== 'Menciones por tono'))
  })

  it('renders the same bytes for the same report', async () => {
    expect(await renderReportHtml(report())).toBe(await renderReportHtml(report()))
    const input = { type: 'bars', title: 'Boletines por dependencia', rows: DEPARTMENTS } as const
    const svg = await renderChart(input)
    await renderChart({ type: 'series', title: 'Páginas vistas por día', rows: DAYS, mark: 'line' })
    expect(await renderChart(input)).toBe(svg)
    // Several charts live in one page: none may declare an id another could collide with.
    expect(svg).not.toMatch(/\sid="/)
  })
})


describe('the council report as PDF', () => {
  afterEach(() => vi.restoreAllMocks())

  it('is a PDF dated when the report was made, the same bytes each time, with page numbers and every heading with its accents', async () => {
    const fetchSpy = vi.spyOn(globalThis, 'fetch')
    const pdf = await renderReportPdf(report())
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    expect(fetchSpy).not.toHaveBeenCalled()
    const doc = await PDFDocument.load(pdf)
    expect(doc.getTitle()).toBe('Informe de comunicación social · noviembre de 2026')
    expect(doc.getAuthor()).toBe('Coordinación de Comunicación Social · Municipio de Guasave')
    expect(doc.getCreationDate()?.toISOString()).toBe('2026-12-01T15:30:00.000Z')
    expect((await renderReportPdf(report())).equals(pdf)).toBe(true)

    const pages = await pdfPages(pdf)
    expect(pages[0]).toContain(`Página 1 de ${pages.length}`)
    expect(pages.at(-1)).toContain(`Página ${pages.length} de ${pages.length}`)
    const text = flat(pages)
    for (const heading of HEADINGS) expect(text).toContain(heading)
    for (const [i, title] of CHARTS.entries()) expect(text).toContain(`Gráfica ${i + 1}. ${title}`)
    expect(text).not.toContain('\uFFFD')
  })

  it('draws each chart as vector SVG followed by its table with the numbers', async () => {
    const pdf = await renderReportPdf(report())
    const text = flat(await pdfPages(pdf))
    // pdfmake writes a word broken at «/» as two runs, which the extraction joins with a space.
    for (const d of DEPARTMENTS) expect(text).toContain(d.label === HOSTILE ? 'Salud <script>alert("x")</ script> & Bienestar 16' : `${d.label} ${d.value}`)
    expect(text).toContain('Cuadro 1. Boletines por dependencia Dependencia Boletines Obras Públicas 24 Seguridad Pública y Tránsito 21')
    expect(text).toContain('Canal Enviadas Fallidas Reacciones Compartidos Respuestas Facebook 84 2 12,480 1,931 644 X 80 5 2,210 — 187')
    expect(text).toContain('«—»: no disponible; la red no informa ese dato.')
    expect(text).toContain('Entregados Rebotados Fallidos 3,480 41 3')
    expect(text).toContain('Obras Públicas 58 41 6.5')
    expect(text).toContain('Positiva 46 Neutral 71 Negativa 18 Sin marcar 9')
    expect(text).toContain('Becas «Guasave Aprende» 2027 Educación 3 nov 2026 28 nov 2026')
    // The days fold into three pairs of columns, read down: day 1 beside day 11 and day 21.
    expect(text).toContain(`1 900 11 ${DAYS[10]!.value.toLocaleString('es-MX')} 21 ${DAYS[20]!.value.toLocaleString('es-MX')}`)
    // The charts' own labels are text in the PDF (vector, not pictures).
    expect(text).toContain('Gráfica 1. Boletines por dependencia Obras Públicas Seguridad Pública y Tránsito Dirección de Desarrollo Económico y Turismo Salud <script>alert("x")</scr… Tesorería 24 21 17 16 9')
    for (const note of report().notes) expect(text).toContain(note)
  })

  it('renders a year, and sections with nothing to count', async () => {
    const text = flat(await pdfPages(await renderReportPdf(yearReport())))
    expect(text).toContain('Gráfica 3. Boletines por mes')
    expect(text).toContain('Mes Boletines ene 80 feb 81')
    const empty = flat(await pdfPages(await renderReportPdf(report({ pickUp: [], programs: [] }))))
    expect(empty).toContain('Boletines retomados por medio: sin datos en el periodo.')
    expect(empty).toContain('No se anunciaron programas ni convocatorias en el periodo.')
  })
})
