import { makePdf, pdfText } from '../pdf/makePdf'
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import {
  EMPTY_DAY,
  NO_BULLETINS,
  NO_PICK_UP,
  PICK_UP_COLUMNS,
  PICK_UP_HEADING,
  SYNTHESIS_TITLE,
  adminNote,
  byline,
  isWebLink,
  itemMeta,
  listedProblems,
  moreProblems,
  noteCount,
  notesLabel,
  problemsIntro,
  toneRows,
  toneWord,
} from './renderSynthesisEmail'
import type { Synthesis, SynthesisItem, Tone } from './types'

const LINK = '#0b5394'
const MUTED = '#555555'
const TONE_COLOR: Record<Tone, string> = { positiva: '#1d5a2c', neutral: '#333333', negativa: '#8a1c1c' }

const t = pdfText

/**
 * The morning síntesis as the PDF attached to its email: the same content (tone counts, failing sources, the
 * departments' notes, the pick-up table), letter size, page numbers in the footer, the office as author.
 * Nothing is fetched and no file but the fonts is read: pdfmake's access policies are process-wide, so they are set
 * before each document.
 */
export async function renderSynthesisPdf(s: Synthesis, opts: { timeZone?: string } = {}): Promise<Buffer> {
  const timeZone = opts.timeZone ?? 'America/Mexico_City'
  const title = `${SYNTHESIS_TITLE} · ${s.dayLabel}`
  const doc: TDocumentDefinitions = {
    pageSize: 'LETTER',
    pageMargins: [50, 48, 50, 56],
    language: 'es-MX',
    info: { title, author: byline(s), subject: `${notesLabel(noteCount(s))} de prensa sobre ${s.office}`, creator: 'Pregón' },
    content: [
      { text: t(byline(s)), style: 'kicker' },
      { text: SYNTHESIS_TITLE, style: 'title' },
      { text: t(s.dayLabel), style: 'day' },
      ...toneTable(s),
      ...problemsBox(s),
      ...notes(s, timeZone),
      pickUpTable(s),
      { text: [t(`${adminNote} `), { text: t(s.adminUrl), ...link(s.adminUrl) }], style: 'note' },
    ],
    footer: (currentPage, pageCount) => ({
      columns: [
        { text: t(title), alignment: 'left' },
        { text: `Página ${currentPage} de ${pageCount}`, alignment: 'right' },
      ],
      margin: [50, 20, 50, 0],
      fontSize: 8,
      color: MUTED,
    }),
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2, color: '#1a1a1a' },
    styles: {
      kicker: { fontSize: 9, color: MUTED },
      title: { fontSize: 20, bold: true, margin: [0, 2, 0, 0] },
      day: { fontSize: 12, margin: [0, 2, 0, 10] },
      th: { bold: true, fontSize: 9 },
      h2: { fontSize: 14, bold: true, margin: [0, 16, 0, 3] },
      meta: { fontSize: 8.5, color: MUTED },
      itemTitle: { fontSize: 11, bold: true, margin: [0, 1, 0, 2] },
      tags: { fontSize: 8.5 },
      note: { fontSize: 8.5, color: MUTED, margin: [0, 18, 0, 0] },
    },
  }

  return makePdf(doc)
}

const link = (url: string) => (isWebLink(url) ? { link: url, color: LINK } : {})

function toneTable(s: Synthesis): Content[] {
  const n = noteCount(s)
  if (n === 0) return []
  return [
    {
      table: {
        headerRows: 1,
        widths: [68, 68, 68, 68, 68],
        body: [
          [...toneRows(s).map(([label]) => ({ text: label, style: 'th' })), { text: 'Total', style: 'th' }],
          [...toneRows(s).map(([, count]) => String(count)), { text: String(n), bold: true }],
        ],
      },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 10],
    },
  ]
}

function problemsBox(s: Synthesis): Content[] {
  const { listed, more } = listedProblems(s)
  if (listed.length === 0) return []
  const lines: Content[] = [
    { text: t(problemsIntro(s.sourceProblems.length)), bold: true, margin: [0, 0, 0, 3] },
    { ul: listed.map((p) => t(`${p.source}: ${p.error}`)) },
  ]
  if (more > 0) lines.push({ text: moreProblems(more), margin: [0, 3, 0, 0] })
  return [{ table: { widths: ['*'], body: [[{ stack: lines, fillColor: '#fff3cd', color: '#5c4400', margin: [6, 6, 6, 6] }]] }, layout: 'noBorders', margin: [0, 0, 0, 10] }]
}

const heading = (label: string, count?: number): Content[] => [
  { text: [t(label), count === undefined ? '' : { text: ` (${count})`, bold: false, color: MUTED }], style: 'h2', outline: true, outlineText: t(label) },
  { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 512, y2: 0, lineWidth: 1.5, lineColor: LINK }] },
]

function notes(s: Synthesis, timeZone: string): Content[] {
  const groups = s.groups.filter((group) => group.items.length > 0)
  if (groups.length === 0) return [{ text: EMPTY_DAY, fontSize: 13, margin: [0, 12, 0, 0] }]
  const item = (it: SynthesisItem): Content => ({
    stack: [
      { text: t(itemMeta(it, s.day, timeZone)), style: 'meta' },
      { text: t(it.title), style: 'itemTitle', ...link(it.url) },
      ...(it.summary ? [{ text: t(it.summary), margin: [0, 0, 0, 2] } satisfies Content] : []),
      {
        text: [
          'Tono: ',
          { text: toneWord(it.tone), bold: it.tone !== null, italics: it.tone === null, color: it.tone ? TONE_COLOR[it.tone] : MUTED },
          it.mentions.length > 0 ? t(` · Menciona: ${it.mentions.join(', ')}`) : '',
        ],
        style: 'tags',
      },
    ],
    margin: [0, 9, 0, 0],
    unbreakable: true,
  })
  // A heading never ends a page: it travels with its department's first note.
  return groups.flatMap(({ department, items: [first, ...rest] }) => [
    { stack: [...heading(department, rest.length + 1), item(first!)], unbreakable: true },
    ...rest.map(item),
  ])
}

function pickUpTable(s: Synthesis): Content {
  if (s.pickUp.length === 0) return { stack: [...heading(PICK_UP_HEADING), { text: NO_BULLETINS, margin: [0, 8, 0, 0] }], unbreakable: true }
  return {
    stack: [
      ...heading(PICK_UP_HEADING),
      {
        table: {
          headerRows: 1,
          dontBreakRows: true,
          widths: ['*', '*'],
          body: [
            PICK_UP_COLUMNS.map((label) => ({ text: label, style: 'th' })),
            ...s.pickUp.map((row) => [
              { text: t(row.bulletinTitle), ...link(row.bulletinUrl) },
              row.outlets.length === 0
                ? { text: NO_PICK_UP, color: MUTED }
                : { ul: row.outlets.map((o) => ({ text: [{ text: t(o.outlet), bold: true }, ': ', { text: t(o.title), ...link(o.url) }] })) },
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
        margin: [0, 8, 0, 0],
      },
    ],
    // A short table stays with its heading; a long one may run over pages, repeating its header row.
    unbreakable: s.pickUp.length <= 3,
  }
}
