import type { ChartInput } from './reportCharts'
import type { Count } from './types'
import { NO_DATA, NOT_REPORTED, clean, formatNumber } from './reportWords'

/**
 * The report as sections of blocks, before any markup: the HTML and the PDF both render this, so they carry the
 * same headings, charts, tables and words. All text from the data is cleaned here and escaped by each renderer.
 */

/** A cell shows `shown`; a screen reader hears `spoken` where it differs (a dash that means «no disponible»). */
export type Cell = string | { shown: string; spoken: string }
export interface Table {
  caption: string
  columns: Array<{ label: string; isNumber?: boolean }>
  rows: Cell[][]
  footnote?: string
}
export type Block =
  | { kind: 'text'; text: string }
  | { kind: 'figures'; items: Array<{ label: string; value: string }> }
  /** `heading` is the chart's title numbered, «Gráfica 2. Boletines por tipo»; its table is «Cuadro 2. …». */
  | { kind: 'chart'; heading: string; chart: ChartInput; table: Table }
  | { kind: 'table'; table: Table }
  | { kind: 'list'; items: string[] }
export interface Section {
  id: string
  heading: string
  blocks: Block[]
}

export const cleanCounts = (rows: Count[]) => rows.map((r) => ({ label: clean(r.label), value: r.value }))
/** Largest first, ties alphabetically: the chart and its table read in the same order. */
export const ranked = (rows: Count[]) => cleanCounts(rows).sort((a, b) => b.value - a.value || a.label.localeCompare(b.label, 'es-MX'))
export const orNull = (n: number | null): Cell => (n === null ? { ...NOT_REPORTED } : formatNumber(n))

/** A chart of counts and its two-column table; nothing when there is nothing to count. */
export function counted({ title, rows, column, valueColumn, chart }: { title: string; rows: Count[]; column: string; valueColumn: string; chart?: { mark: 'line' | 'bar'; unit: 'día' | 'mes' } }): Block[] {
  if (rows.length === 0) return [{ kind: 'text', text: noData(title) }]
  const input: ChartInput = chart ? { type: 'series', title, rows, ...chart } : { type: 'bars', title, rows }
  const table: Table = { caption: title, columns: [{ label: column }, { label: valueColumn, isNumber: true }], rows: rows.map((r) => [r.label, formatNumber(r.value)]) }
  return [{ kind: 'chart', heading: title, chart: input, table }]
}

/** «Boletines retomados por medio: sin datos en el periodo.» */
export const noData = (what: string) => `${what}: ${NO_DATA.charAt(0).toLowerCase()}${NO_DATA.slice(1)}`
