import { renderChart } from './reportCharts'
import type { Block, Cell, Section, Table } from './reportBlocks'
import { reportSections } from './reportSections'
import type { CouncilReport } from './types'
import { clean, escapeHtml as e, generatedLine, periodLine, reportTitle } from './reportWords'

/**
 * The report to the council as one standalone HTML page: no scripts, nothing fetched, CSS inline, readable on a
 * phone and printable on letter paper. Every chart is an inline SVG with its Spanish name, followed by a table with
 * its numbers (a caption and header cells), so nothing is only in a chart. All data text is escaped.
 */
export async function renderReportHtml(r: CouncilReport, opts: { timeZone?: string } = {}): Promise<string> {
  const timeZone = opts.timeZone ?? 'America/Mexico_City'
  const sections = reportSections(r, timeZone)
  const title = reportTitle({ ...r, period: { ...r.period, label: clean(r.period.label) } })
  // One after another: tables are numbered for their ids as they come, so the page is the same bytes every time.
  const counter = { tables: 0 }
  const body: string[] = []
  for (const s of sections) body.push(await section(s, counter))
  return `<!doctype html>
<html lang="es-MX">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${CSS}</style>
</head>
<body>
<div class="page">
<header>
<p class="office">${e(clean(r.office))}</p>
<h1>${e(title)}</h1>
<p class="meta">${e(periodLine(r, timeZone))}<br>${e(generatedLine(r, timeZone))}</p>
</header>
<nav aria-label="Contenido"><h2 class="toc">Contenido</h2><ol>${sections.map((s) => `<li><a href="#${s.id}">${e(s.heading)}</a></li>`).join('')}</ol></nav>
<main>
${body.join('\n')}
</main>
</div>
</body>
</html>
`
}

async function section(s: Section, counter: { tables: number }): Promise<string> {
  const blocks: string[] = []
  for (const b of s.blocks) blocks.push(await block(b, counter))
  return `<section id="${s.id}" aria-labelledby="${s.id}-h">\n<h2 id="${s.id}-h">${e(s.heading)}</h2>\n${blocks.join('\n')}\n</section>`
}

async function block(b: Block, counter: { tables: number }): Promise<string> {
  switch (b.kind) {
    case 'text':
      return `<p>${e(b.text)}</p>`
    case 'list':
      return `<ul>${b.items.map((item) => `<li>${e(item)}</li>`).join('')}</ul>`
    case 'figures':
      return `<dl class="figures">${b.items.map((f) => `<div><dt>${e(f.label)}</dt><dd>${e(f.value)}</dd></div>`).join('')}</dl>`
    case 'table':
      return table(b.table, ++counter.tables)
    case 'chart':
      return `<div class="chart">\n<h3>${e(b.heading)}</h3>\n${await renderChart(b.chart)}\n${table(b.table, ++counter.tables)}\n</div>`
  }
}

const cell = (c: Cell) => (typeof c === 'string' ? e(c) : `<span aria-hidden="true">${e(c.shown)}</span><span class="vh">${e(c.spoken)}</span>`)

/** The first column names the row (a department, a channel) unless it is a number. */
function table(t: Table, n: number): string {
  const hasRowHeader = t.columns[0]?.isNumber !== true
  const num = (i: number) => (t.columns[i]?.isNumber ? ' class="num"' : '')
  const head = t.columns.map((c, i) => `<th scope="col"${num(i)}>${e(c.label)}</th>`).join('')
  const rows = t.rows.map((row) => `<tr>${row.map((c, i) => (i === 0 && hasRowHeader ? `<th scope="row">${cell(c)}</th>` : `<td${num(i)}>${cell(c)}</td>`)).join('')}</tr>`)
  const footnote = t.footnote ? `\n<p class="footnote">${e(t.footnote)}</p>` : ''
  const narrow = t.columns.length <= 3 ? ' narrow' : ''
  return `<div class="scroll${narrow}" role="region" aria-labelledby="t${n}" tabindex="0"><table>
<caption id="t${n}">${e(t.caption)}</caption>
<thead><tr>${head}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table></div>${footnote}`
}

const CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:#1a1a1a;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:1rem;line-height:1.5}
.page{max-width:52rem;margin:0 auto;padding:1.5rem 1rem 3rem}
header{border-bottom:3px solid #1f4e79;padding-bottom:.75rem}
.office{margin:0;color:#4d4d4d}
h1{font-size:clamp(1.5rem,3vw + 1rem,2.25rem);line-height:1.2;margin:.25rem 0 .5rem}
.meta{margin:0;color:#4d4d4d;font-size:.95rem}
h2{font-size:1.5rem;line-height:1.25;color:#1f4e79;margin:2.5rem 0 .75rem;padding-bottom:.25rem;border-bottom:1px solid #c4c4c4}
h2.toc{font-size:1.1rem;color:#1a1a1a;border:0;margin:1.25rem 0 .25rem}
nav ol{margin:0;padding-left:1.5rem;columns:2 14rem}
a{color:#0b5394}
h3{font-size:1.125rem;margin:1.75rem 0 .5rem}
.chart svg{display:block;width:100%;max-width:560px;height:auto;margin:.25rem 0 .5rem}
.scroll{position:relative;overflow-x:auto;margin:.5rem 0 1.25rem}
.scroll:focus{outline:2px solid #0b5394;outline-offset:2px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
caption{text-align:left;font-weight:600;padding:0 0 .25rem;color:#4d4d4d;font-size:.95rem;position:sticky;left:0;max-width:calc(100vw - 2rem)}
th,td{padding:.375rem .5rem;border-bottom:1px solid #d0d0d0;text-align:left;vertical-align:top}
thead th{border-bottom:2px solid #1a1a1a;font-size:.9rem}
tbody th{font-weight:400}
.num{text-align:right;white-space:nowrap}
thead .num{white-space:normal}
.narrow{max-width:36rem}
.footnote{margin:-1rem 0 1.25rem;font-size:.875rem;color:#4d4d4d}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(10.5rem,1fr));gap:.75rem;margin:0}
.figures div{border:1px solid #c4c4c4;border-left:4px solid #1f4e79;padding:.5rem .75rem}
.figures dt{font-size:.9rem;color:#4d4d4d}
.figures dd{margin:0;font-size:1.75rem;font-weight:700;font-variant-numeric:tabular-nums}
.vh{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
@media (max-width:30rem){table{font-size:.9375rem}th,td{padding:.375rem .3rem}}
@page{size:letter;margin:16mm 15mm}
@media print{
body{font-size:10.5pt}
.page{max-width:none;padding:0}
nav{display:none}
h2,h3{break-after:avoid}
.chart svg,tr,.figures div{break-inside:avoid}
.scroll{overflow:visible}
}`
