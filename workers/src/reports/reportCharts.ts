import * as vega from 'vega'
import { type Config, compile, type TopLevelSpec } from 'vega-lite'
import type { Count } from './types'
import { clean, escapeHtml, formatNumber } from './reportWords'

/**
 * The report's charts as SVG strings, rendered on the server by Vega-Lite → Vega without a canvas: no fonts are
 * measured and nothing is fetched, so the same data always gives the same bytes. Text is generic sans-serif (the
 * browser's and the PDF's own font); sizes are laid out here, not by Vega, whose guess of text widths (0.8 em per
 * letter) would leave half the chart empty. Colour never carries meaning alone: every bar is labelled with its
 * number, and every chart is followed by its table.
 */

export type ChartInput =
  | { type: 'bars'; title: string; rows: Count[]; colors?: Record<string, string> }
  /** `unit` names a label in the summary: «día 12» rather than a bare «12». */
  | { type: 'series'; title: string; rows: Count[]; mark: 'bar' | 'line'; unit?: 'día' | 'mes' }

const WIDTH = 480
const INK = '#1a1a1a'
const BAR = '#1f4e79'
const GRID = '#d0d0d0'
const FONT = 'sans-serif'
const LABEL_SIZE = 14
const MAX_LABEL = 190

/** Widths in em, generous (DejaVu Sans, the widest usual sans-serif), so labels fit whatever font draws them. */
function textWidth(text: string, size: number): number {
  let em = 0
  for (const c of text) em += /[ilI.,:;'|!()[\] ]/.test(c) ? 0.34 : /[mwMW—]/.test(c) ? 0.95 : /[A-ZÁÉÍÓÚÑ0-9]/.test(c) ? 0.7 : 0.6
  return Math.ceil(em * size)
}

/** A label in at most two lines of `max` pixels, the rest cut with «…»; the table below always gives it whole. */
function wrapLabel(text: string, max: number): string[] {
  const fits = (line: string) => textWidth(line, LABEL_SIZE) <= max
  const cut = (line: string) => {
    if (fits(line)) return line
    let part = line
    while (part.length > 1 && !fits(`${part}…`)) part = part.slice(0, -1)
    return `${part.trimEnd()}…`
  }
  if (fits(text)) return [text]
  const words = text.split(' ')
  let first = ''
  while (words.length > 0 && fits(first ? `${first} ${words[0]}` : words[0]!)) first = first ? `${first} ${words.shift()}` : words.shift()!
  return first ? [first, cut(words.join(' '))] : [cut(text)]
}

const config: Config = {
  aria: false,
  font: FONT,
  background: 'white',
  view: { stroke: null },
  axis: { labelFont: FONT, labelFontSize: LABEL_SIZE, labelColor: INK, domainColor: '#767676', tickColor: '#767676', gridColor: GRID, title: null },
  locale: { number: { decimal: '.', thousands: ',', grouping: [3], currency: ['$', ''] } },
}

/** Horizontal bars, one per row in the given order, each with its number at its end. */
function barsSpec(rows: Count[], colors?: Record<string, string>): TopLevelSpec {
  const labels = rows.map((r) => wrapLabel(r.label, MAX_LABEL))
  const extent = Math.max(...labels.flat().map((l) => textWidth(l, LABEL_SIZE)))
  const step = labels.some((l) => l.length > 1) ? 42 : 30
  // Vega starts a two-line label at the bar's middle: raised half a line so the pair is centred on its bar.
  const twoLines = labels.flatMap((l, i) => (l.length > 1 ? [i] : []))
  const labelOffset = { condition: { test: `indexof(${JSON.stringify(twoLines)}, +datum.value) >= 0`, value: -(LABEL_SIZE + 2) / 2 }, value: 0 }
  const valueRoom = Math.max(...rows.map((r) => textWidth(formatNumber(r.value), LABEL_SIZE))) + 12
  const values = rows.map((r, i) => ({ key: `${i}`, value: r.value, shown: formatNumber(r.value), color: colors?.[r.label] ?? BAR }))
  const y = { field: 'key', type: 'ordinal', sort: null, scale: { paddingInner: 0.28, paddingOuter: 0.14 } } as const
  return {
    width: WIDTH - extent - valueRoom - 10,
    height: rows.length * step,
    autosize: { type: 'none' },
    padding: { left: extent + 10, right: valueRoom, top: 2, bottom: 2 },
    data: { values },
    encoding: {
      y: { ...y, axis: { labelExpr: `${JSON.stringify(labels)}[+datum.value]`, domain: false, ticks: false, labelPadding: 8, labelLimit: 0, labelLineHeight: LABEL_SIZE + 2, labelOffset } },
      x: { field: 'value', type: 'quantitative', axis: null, scale: { domainMin: 0, nice: false } },
    },
    layer: [
      { mark: { type: 'bar' }, encoding: { color: { field: 'color', type: 'nominal', scale: null } } },
      { mark: { type: 'text', align: 'left', baseline: 'middle', dx: 5, fontSize: LABEL_SIZE, color: INK }, encoding: { text: { field: 'shown' } } },
    ],
    config,
  }
}

/** A period after another (months, days): columns with their numbers, or a line when there are many. */
function seriesSpec(rows: Count[], mark: 'bar' | 'line'): TopLevelSpec {
  const top = Math.max(0, ...rows.map((r) => r.value))
  const left = textWidth(formatNumber(top * 1.2), 12) + 10
  const values = rows.map((r, i) => ({ key: `${i}`, value: r.value, shown: formatNumber(r.value) }))
  const step = (WIDTH - left - 8) / Math.max(rows.length, 1)
  // Every label that fits under its column, else every second, third…: the table has them all.
  const every = Math.max(1, Math.ceil((Math.max(...rows.map((r) => textWidth(r.label, 12))) + 6) / step))
  const labelExpr = `+datum.value % ${every} === 0 ? ${JSON.stringify(rows.map((r) => r.label))}[+datum.value] : ''`
  const showValues = mark === 'bar' && step >= textWidth(formatNumber(top), 12) + 2
  return {
    width: WIDTH - left - 8,
    height: 200,
    autosize: { type: 'none' },
    padding: { left, right: 8, top: 16, bottom: 24 },
    data: { values },
    encoding: {
      x: {
        field: 'key',
        type: 'ordinal',
        sort: null,
        scale: mark === 'bar' ? { paddingInner: 0.2, paddingOuter: 0.1 } : { type: 'point', padding: 0.5 },
        axis: { labelExpr, labelAngle: 0, labelFontSize: 12, labelOverlap: false, labelLimit: 0, ticks: false },
      },
      y: { field: 'value', type: 'quantitative', scale: { domainMin: 0 }, axis: { format: ',d', tickCount: 5, domain: false, ticks: false, grid: true, labelPadding: 6, labelFontSize: 12 } },
    },
    layer: [
      mark === 'bar'
        ? { mark: { type: 'bar', color: BAR } }
        : { mark: { type: 'line', color: BAR, strokeWidth: 2, point: rows.length <= 40 ? { color: BAR, size: 28 } : false } },
      ...(showValues ? [{ mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: 12, color: INK }, encoding: { text: { field: 'shown' } } } as const] : []),
    ],
    config,
  }
}

/** What a screen reader says for the chart: its kind, its extremes and where the full data is. */
function chartSummary(input: ChartInput): string {
  const { rows } = input
  if (rows.length === 0) return `${input.title}: sin datos.`
  const say = (r: Count) => `${r.label}, ${formatNumber(r.value)}`
  const byValue = [...rows].sort((a, b) => b.value - a.value)
  const tail = 'Los datos completos están en la tabla que sigue.'
  if (input.type === 'bars') {
    const all = rows.length <= 5 ? `${rows.map(say).join('; ')}.` : `La mayor: ${say(byValue[0]!)}; la menor: ${say(byValue.at(-1)!)}.`
    return `Gráfica de barras: ${input.title}. ${formatNumber(rows.length)} ${rows.length === 1 ? 'categoría' : 'categorías'}. ${all} ${tail}`
  }
  const kind = input.mark === 'line' ? 'Gráfica de línea' : 'Gráfica de columnas'
  const at = (r: Count) => (input.unit === 'día' ? `día ${r.label}, ${formatNumber(r.value)}` : say(r))
  const total = rows.reduce((sum, r) => sum + r.value, 0)
  const span = input.unit === 'día' ? `del día ${rows[0]!.label} al ${rows.at(-1)!.label}` : `de ${rows[0]!.label} a ${rows.at(-1)!.label}`
  return `${kind}: ${input.title}, ${span}. Total: ${formatNumber(total)}. Máximo: ${at(byValue[0]!)}; mínimo: ${at(byValue.at(-1)!)}. ${tail}`
}

/** The chart as a standalone SVG: role="img", a Spanish <title> and aria-label; the marks inside are hidden. */
export async function renderChart(chart: ChartInput): Promise<string> {
  if (chart.rows.length === 0) throw new Error(`Chart «${chart.title}» has no rows: say «sin datos» instead of drawing it`)
  const input = { ...chart, rows: chart.rows.map((r) => ({ label: clean(r.label), value: r.value })) }
  const spec = input.type === 'bars' ? barsSpec(input.rows, input.colors) : seriesSpec(input.rows, input.mark)
  const view = new vega.View(vega.parse(compile(spec).spec as vega.Spec), { renderer: 'none' })
  try {
    const svg = await view.toSVG()
    const [, width, height] = /^<svg[^>]*\swidth="(\d+)"[^>]*\sheight="(\d+)"/.exec(svg) ?? []
    if (!width || !height) throw new Error('Vega returned an SVG without a size')
    // Inside role="img" the marks are presentational: Vega's own English roles are dropped.
    const body = svg.slice(svg.indexOf('>') + 1).replace(/ (?:role|aria-roledescription)="[^"]*"/g, '')
    const label = escapeHtml(chartSummary(input))
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${label}"><title>${escapeHtml(input.title)}</title>${body}`
  } finally {
    view.finalize()
  }
}
