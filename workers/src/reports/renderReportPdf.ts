import { makePdf, pdfText } from '../pdf/makePdf'
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces'
import { type ChartInput, renderChart } from './reportCharts'
import type { Block, Cell, Section, Table } from './reportBlocks'
import { reportSections } from './reportSections'
import type { CouncilReport } from './types'
import { REPORT_TITLE, clean, generatedLine, periodLine, reportTitle } from './reportWords'

const BLUE = '#1f4e79'
const MUTED = '#4d4d4d'
const CONTENT_WIDTH = 512
const CHART_WIDTH = 360
/** A two-column table longer than this (views by day) is folded into side-by-side column pairs. */
const FOLD_AFTER = 16

const t = pdfText

/**
 * The report to the council as a letter-size PDF: the same sections as the HTML, each chart drawn as vector SVG
 * and followed by its table, page numbers in the footer, the office as author. Nothing is fetched and no file but
 * the fonts is read: pdfmake's access policies are process-wide, so they are set before each document.
 */
export async function renderReportPdf(r: CouncilReport, opts: { timeZone?: string } = {}): Promise<Buffer> {
  const timeZone = opts.timeZone ?? 'America/Mexico_City'
  const title = t(reportTitle({ ...r, period: { ...r.period, label: clean(r.period.label) } }))
  const sections = await Promise.all(reportSections(r, timeZone).map(section))
  const doc: TDocumentDefinitions = {
    pageSize: 'LETTER',
    pageMargins: [50, 48, 50, 56],
    language: 'es-MX',
    info: { title, author: t(clean(r.office)), subject: `Capítulo de comunicación del informe al Ayuntamiento · ${t(clean(r.period.label))}`, creator: 'Pregón', creationDate: new Date(r.generatedAt) },
    content: [
      { text: t(clean(r.office)), style: 'kicker' },
      { text: REPORT_TITLE, style: 'title' },
      { text: t(clean(r.period.label)), style: 'period' },
      { text: `${periodLine(r, timeZone)} ${generatedLine(r, timeZone)}`, style: 'meta' },
      ...sections.flat(),
    ],
    footer: (currentPage, pageCount) => ({
      columns: [
        { text: title, alignment: 'left' },
        { text: `Página ${currentPage} de ${pageCount}`, alignment: 'right', width: 'auto' },
      ],
      margin: [50, 20, 50, 0],
      fontSize: 8,
      color: MUTED,
    }),
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2, color: '#1a1a1a' },
    styles: {
      kicker: { fontSize: 9, color: MUTED },
      title: { fontSize: 20, bold: true, margin: [0, 2, 0, 0] },
      period: { fontSize: 14, margin: [0, 2, 0, 4] },
      meta: { fontSize: 9, color: MUTED, margin: [0, 0, 0, 6] },
      h2: { fontSize: 15, bold: true, color: BLUE, margin: [0, 18, 0, 3] },
      h3: { fontSize: 11, bold: true, margin: [0, 12, 0, 4] },
      th: { bold: true, fontSize: 9 },
      caption: { fontSize: 9, bold: true, color: MUTED },
      footnote: { fontSize: 8.5, color: MUTED, margin: [0, 3, 0, 0] },
      figure: { fontSize: 18, bold: true },
    },
  }

  return makePdf(doc)
}

/** A heading never ends a page: it travels with the section's first block when that block is short. */
async function section(s: Section): Promise<Content[]> {
  const heading: Content[] = [
    { text: s.heading, style: 'h2', outline: true },
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 1.2, lineColor: BLUE }], margin: [0, 0, 0, 6] },
  ]
  const [first, ...rest] = await Promise.all(s.blocks.map(block))
  if (!first) return heading
  const isShort = s.blocks[0]!.kind !== 'chart' && !(s.blocks[0]!.kind === 'table' && s.blocks[0]!.table.rows.length > 8)
  return [...(isShort ? [{ stack: [...heading, ...first], unbreakable: true }] : [...heading, ...first]), ...rest.flat()]
}

async function block(b: Block): Promise<Content[]> {
  switch (b.kind) {
    case 'text':
      return [{ text: t(b.text), margin: [0, 0, 0, 6] }]
    case 'list':
      return [{ ul: b.items.map(t), margin: [0, 0, 0, 6] }]
    case 'figures':
      return [figures(b.items)]
    case 'table':
      return table(b.table)
    case 'chart': {
      const chart: ChartInput = { ...b.chart, title: t(b.chart.title), rows: b.chart.rows.map((row) => ({ ...row, label: t(row.label) })) }
      const svg = await renderChart(chart)
      return [{ stack: [{ text: t(b.heading), style: 'h3' }, { svg, width: CHART_WIDTH }], unbreakable: true }, ...table(b.table)]
    }
  }
}

function figures(items: Array<{ label: string; value: string }>): Content {
  const perRow = 3
  const cells: TableCell[] = items.map((f) => ({ stack: [{ text: f.value, style: 'figure' }, { text: t(f.label), fontSize: 8.5, color: MUTED }], fillColor: '#eef3f8', margin: [6, 5, 6, 5] }))
  const body: TableCell[][] = []
  for (let i = 0; i < cells.length; i += perRow) body.push(Array.from({ length: perRow }, (_, j) => cells[i + j] ?? ''))
  return { table: { widths: Array(perRow).fill('*'), body }, layout: { hLineWidth: () => 4, vLineWidth: () => 4, hLineColor: 'white', vLineColor: 'white' }, margin: [-4, 0, -4, 6] }
}

const shown = (c: Cell) => t(typeof c === 'string' ? c : c.shown)

/**
 * The caption and the header row repeat on every page the table runs to; numbers are right-aligned. A long
 * two-column table (a month's days) is folded into side-by-side pairs read down each pair, and kept on one page;
 * one too long for a page is folded across instead, so a page break never jumps the order.
 */
function table(tb: Table): Content[] {
  const n = tb.rows.length
  const folds = tb.columns.length === 2 && n > FOLD_AFTER ? (n <= 3 * FOLD_AFTER ? 3 : 4) : 1
  const per = Math.ceil(n / folds)
  const isAcross = per > 40
  const columns = Array.from({ length: folds }, () => tb.columns).flat()
  const caption: TableCell[] = [{ text: t(tb.caption), style: 'caption', colSpan: columns.length }, ...columns.slice(1).map(() => '')]
  const header = columns.map((c) => ({ text: t(c.label), style: 'th', alignment: c.isNumber ? 'right' : 'left' }) as TableCell)
  const body: TableCell[][] = [caption, header]
  for (let i = 0; i < per; i++) {
    const row = (f: number) => (isAcross ? tb.rows[i * folds + f] : tb.rows[f * per + i]) ?? tb.columns.map(() => '')
    body.push(Array.from({ length: folds }, (_, f) => row(f)).flatMap((cells) => cells.map((c, j) => ({ text: shown(c), alignment: tb.columns[j]?.isNumber ? 'right' : 'left' }) as TableCell)))
  }
  const allNumbers = tb.columns.every((c) => c.isNumber)
  const isFoldStart = (i: number) => i > 0 && i < columns.length && i % tb.columns.length === 0
  return [
    {
      table: { headerRows: 2, keepWithHeaderRows: 1, dontBreakRows: true, widths: columns.map((c) => (allNumbers || !c.isNumber ? '*' : 'auto')), body },
      layout: {
        hLineWidth: (i, node) => (i < 2 ? 0 : i === 2 ? 1 : i === node.table.body.length ? 0.8 : 0.5),
        hLineColor: (i) => (i === 2 ? '#1a1a1a' : '#c4c4c4'),
        vLineWidth: (i) => (isFoldStart(i) ? 0.5 : 0),
        vLineColor: () => '#c4c4c4',
        paddingLeft: (i) => (i === 0 ? 0 : isFoldStart(i) ? 12 : 6),
        paddingRight: (i) => (isFoldStart(i + 1) ? 12 : 4),
        paddingTop: () => 3,
        paddingBottom: () => 3,
      },
      unbreakable: folds > 1 && !isAcross,
      margin: [0, 4, 0, tb.footnote ? 0 : 8],
    },
    ...(tb.footnote ? [{ text: t(tb.footnote), style: 'footnote', margin: [0, 3, 0, 8] } as Content] : []),
  ]
}
