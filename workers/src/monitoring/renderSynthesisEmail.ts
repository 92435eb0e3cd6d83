import { escapeHtml, mjmlHead, mjmlToHtml } from '@pregon/cms/worker'
import type { Synthesis, SynthesisItem, Tone } from './types'

/** The words both renderings share, so the email and its PDF say the same. */
export const SYNTHESIS_TITLE = 'Síntesis informativa'
export const EMPTY_DAY = 'Sin notas marcadas hoy.'
export const PICK_UP_HEADING = 'Boletines retomados por los medios'
export const PICK_UP_COLUMNS = ['Boletín', 'Medios que lo publicaron'] as const
export const NO_PICK_UP = 'Ningún medio en el periodo.'
export const NO_BULLETINS = 'Sin boletines propios en el periodo.'
/** More failing sources than this are summed up in one line: the admin lists them all. */
export const MAX_LISTED_PROBLEMS = 10

/** The tone as a word, always: colour only ever repeats it. */
export const toneWord = (tone: Tone | null) => (tone === null ? 'Sin marcar' : { positiva: 'Positiva', neutral: 'Neutral', negativa: 'Negativa' }[tone])

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

export const noteCount = (s: Synthesis) => s.groups.reduce((sum, group) => sum + group.items.length, 0)
export const notesLabel = (n: number) => plural(n, 'nota', 'notas')

export const toneRows = (s: Synthesis) =>
  [
    ['Positivas', s.tone.positiva],
    ['Neutrales', s.tone.neutral],
    ['Negativas', s.tone.negativa],
    ['Sin marcar', s.tone.sinMarcar],
  ] as const

/** «3 positivas, 5 neutrales, 1 negativa, 2 sin marcar». */
export const toneSummary = (s: Synthesis) =>
  [plural(s.tone.positiva, 'positiva', 'positivas'), plural(s.tone.neutral, 'neutral', 'neutrales'), plural(s.tone.negativa, 'negativa', 'negativas'), `${s.tone.sinMarcar} sin marcar`].join(', ')

export const synthesisSubject = (s: Synthesis) => {
  const n = noteCount(s)
  return `${SYNTHESIS_TITLE} · ${s.dayLabel} · ${n === 0 ? 'sin notas' : notesLabel(n)}`
}

export const byline = (s: Synthesis) => `Comunicación Social · ${s.office}`

/** «1 fuente no se pudo leer…»: said before the notes, since it qualifies what follows. */
export const problemsIntro = (n: number) =>
  n === 1 ? '1 fuente no se pudo leer; puede faltar lo que publicó:' : `${n} fuentes no se pudieron leer; puede faltar lo que publicaron:`

export const listedProblems = (s: Synthesis) => ({
  listed: s.sourceProblems.slice(0, MAX_LISTED_PROBLEMS),
  more: Math.max(0, s.sourceProblems.length - MAX_LISTED_PROBLEMS),
})
export const moreProblems = (n: number) => `…y ${n} más (la lista completa está en el monitoreo).`

/** The time alone for the síntesis' own day; an item from the evening before also carries its date. */
export function itemTime(item: SynthesisItem, day: string, timeZone: string): string {
  const time = new Intl.DateTimeFormat('es-MX', { timeStyle: 'short', timeZone }).format(item.publishedAt)
  const itemDay = new Intl.DateTimeFormat('en-CA', { timeZone }).format(item.publishedAt)
  if (itemDay === day) return time
  return `${new Intl.DateTimeFormat('es-MX', { day: 'numeric', month: 'short', timeZone }).format(item.publishedAt)}, ${time}`
}

/** Feeds are outside input: only http(s) addresses become links. */
export const isWebLink = (url: string) => /^https?:\/\//i.test(url)

export const itemMeta = (item: SynthesisItem, day: string, timeZone: string) => `${item.outlet} · ${itemTime(item, day, timeZone)}`
export const itemTags = (item: SynthesisItem) => `Tono: ${toneWord(item.tone)}${item.mentions.length > 0 ? ` · Menciona: ${item.mentions.join(', ')}` : ''}`

export const attachmentNote = 'La síntesis va adjunta en PDF, para imprimirla o reenviarla.'
export const adminNote = 'Las notas y su tono se marcan en el monitoreo del administrador.'

const LINK = 'color:#0b5394'
const MUTED = '#555555'
const TONE_STYLE: Record<Tone | 'none', string> = {
  positiva: 'background-color:#e3f1e6;color:#1d5a2c',
  neutral: 'background-color:#ececec;color:#333333',
  negativa: 'background-color:#fbe4e4;color:#8a1c1c',
  none: `color:${MUTED}`,
}

/**
 * The morning síntesis as an email to the office: responsive HTML from the press email's mjml pipeline and house
 * style, and a plain-text part saying the same. Tone is always a word; the pick-up is a real table with header
 * cells; times are in the office's time zone. The PDF (renderSynthesisPdf) travels attached.
 */
export async function renderSynthesisEmail(s: Synthesis, opts: { timeZone?: string } = {}): Promise<{ subject: string; html: string; text: string }> {
  const timeZone = opts.timeZone ?? 'America/Mexico_City'
  const subject = synthesisSubject(s)
  const n = noteCount(s)
  const countLine = n === 0 ? null : `${notesLabel(n)}. Tono: ${toneSummary(s)}.`
  const parts: Parts = { timeZone, countLine, ...listedProblems(s), groups: s.groups.filter((group) => group.items.length > 0) }
  return { subject, html: await mjmlToHtml(mjmlOf(s, { ...parts, subject })), text: textOf(s, parts) }
}

interface Parts {
  timeZone: string
  countLine: string | null
  listed: Synthesis['sourceProblems']
  more: number
  /** Departments with something to show. */
  groups: Synthesis['groups']
}

function textOf(s: Synthesis, { timeZone, countLine, listed, more, groups }: Parts): string {
  const link = (url: string) => (isWebLink(url) ? [url] : [])
  return [
    SYNTHESIS_TITLE,
    byline(s),
    s.dayLabel,
    ...(countLine ? ['', countLine] : []),
    ...(listed.length > 0 ? ['', problemsIntro(s.sourceProblems.length), ...listed.map((p) => `- ${p.source}: ${p.error}`), ...(more > 0 ? [moreProblems(more)] : [])] : []),
    '',
    attachmentNote,
    `Monitoreo: ${s.adminUrl}`,
    ...(groups.length === 0
      ? ['', EMPTY_DAY]
      : groups.flatMap((group) => [
          '',
          `== ${group.department} (${group.items.length}) ==`,
          ...group.items.flatMap((item) => ['', itemMeta(item, s.day, timeZone), item.title, ...link(item.url), ...(item.summary ? [item.summary] : []), itemTags(item)]),
        ])),
    '',
    `== ${PICK_UP_HEADING} ==`,
    ...(s.pickUp.length === 0
      ? ['', NO_BULLETINS]
      : s.pickUp.flatMap((row) => [
          '',
          `${row.bulletinTitle}${isWebLink(row.bulletinUrl) ? ` (${row.bulletinUrl})` : ''}`,
          ...(row.outlets.length === 0 ? [`  ${NO_PICK_UP}`] : row.outlets.map((o) => `  - ${o.outlet}: ${o.title}${isWebLink(o.url) ? ` (${o.url})` : ''}`)),
        ])),
    '',
    '--',
    `${adminNote} ${s.adminUrl}`,
  ].join('\n')
}

function mjmlOf(s: Synthesis, { timeZone, subject, countLine, listed, more, groups }: Parts & { subject: string }): string {
  const e = escapeHtml
  const a = (url: string, label: string, style = LINK) => (isWebLink(url) ? `<a href="${e(url)}" style="${style}">${e(label)}</a>` : e(label))
  const chip = (tone: Tone | null) =>
    `<span style="${TONE_STYLE[tone ?? 'none']};${tone ? 'font-weight:bold;padding:1px 6px;border-radius:3px' : 'font-style:italic'}">${e(toneWord(tone))}</span>`
  // One mj-text per department, not per note: mjml wraps each element in tables, and Gmail clips a message past
  // 102 KB.
  const item = (it: SynthesisItem, i: number) => `<div style="padding:${i === 0 ? '8px' : '14px'} 0 14px;${i === 0 ? '' : 'border-top:1px solid #e2e2dc'}">
          <p style="margin:0;font-size:14px;color:${MUTED}">${e(itemMeta(it, s.day, timeZone))}</p>
          <h3 style="margin:4px 0 6px;font-size:17px;line-height:1.3">${a(it.url, it.title, `${LINK};text-decoration:underline`)}</h3>
          ${it.summary ? `<p style="margin:0 0 8px">${e(it.summary)}</p>` : ''}
          <p style="margin:0;font-size:14px">Tono: ${chip(it.tone)}${it.mentions.length > 0 ? ` · Menciona: ${e(it.mentions.join(', '))}` : ''}</p>
        </div>`
  const h2 = (label: string, count?: number) =>
    `<h2 style="font-size:20px;line-height:1.3;margin:0;padding-top:12px;border-top:3px solid #0b5394">${e(label)}${count === undefined ? '' : ` <span style="font-weight:normal;color:${MUTED}">(${count})</span>`}</h2>`
  const th = (label: string) => `<th scope="col" style="text-align:left;padding:8px;border-bottom:2px solid #1a1a1a">${e(label)}</th>`
  const td = 'style="vertical-align:top;padding:8px;border-bottom:1px solid #e2e2dc"'

  return `<mjml lang="es-MX">
  ${mjmlHead({ title: subject, preview: countLine ?? EMPTY_DAY })}
  <mj-body background-color="#f5f5f2" width="600px">
    <mj-section background-color="#ffffff" padding="24px 16px 8px">
      <mj-column>
        <mj-text font-size="14px" color="${MUTED}" padding-bottom="0">${e(byline(s))}</mj-text>
        <mj-text padding-top="4px" padding-bottom="0"><h1 style="font-size:24px;line-height:1.25;margin:0">${e(SYNTHESIS_TITLE)}</h1></mj-text>
        <mj-text padding-top="2px" font-size="17px">${e(s.dayLabel)}</mj-text>
        ${countLine ? `<mj-text font-weight="bold">${e(countLine)}</mj-text>` : ''}
        ${
          listed.length > 0
            ? `<mj-text color="#5c4400" container-background-color="#fff3cd" font-size="14px"><p style="margin:0 0 4px;font-weight:bold">${e(problemsIntro(s.sourceProblems.length))}</p>
          <ul style="margin:0;padding-left:20px">${listed.map((p) => `<li>${e(p.source)}: ${e(p.error)}</li>`).join('')}</ul>${more > 0 ? `<p style="margin:4px 0 0">${e(moreProblems(more))}</p>` : ''}</mj-text>`
            : ''
        }
        <mj-text font-size="14px" color="${MUTED}">${e(attachmentNote)}</mj-text>
        <mj-button href="${e(s.adminUrl)}" background-color="#0b5394" color="#ffffff" font-size="16px" align="left">Abrir el monitoreo</mj-button>
      </mj-column>
    </mj-section>
    ${
      groups.length === 0
        ? `<mj-section background-color="#ffffff" padding="0 16px 16px"><mj-column><mj-text font-size="17px">${e(EMPTY_DAY)}</mj-text></mj-column></mj-section>`
        : groups
            .map(
              (group) => `<mj-section background-color="#ffffff" padding="8px 16px 16px">
      <mj-column>
        <mj-text>${h2(group.department, group.items.length)}
        ${group.items.map(item).join('\n        ')}</mj-text>
      </mj-column>
    </mj-section>`,
            )
            .join('\n    ')
    }
    <mj-section background-color="#ffffff" padding="8px 16px 24px">
      <mj-column>
        <mj-text padding-bottom="4px">${h2(PICK_UP_HEADING)}</mj-text>
        ${
          s.pickUp.length === 0
            ? `<mj-text>${e(NO_BULLETINS)}</mj-text>`
            : `<mj-table font-family="Arial, Helvetica, sans-serif" font-size="15px" line-height="1.4" color="#1a1a1a">
          <tr>${PICK_UP_COLUMNS.map(th).join('')}</tr>
          ${s.pickUp
            .map(
              (row) =>
                `<tr><td ${td}>${a(row.bulletinUrl, row.bulletinTitle)}</td><td ${td}>${
                  row.outlets.length === 0
                    ? `<span style="color:${MUTED}">${e(NO_PICK_UP)}</span>`
                    : `<ul style="margin:0;padding-left:18px">${row.outlets.map((o) => `<li><strong>${e(o.outlet)}</strong>: ${a(o.url, o.title)}</li>`).join('')}</ul>`
                }</td></tr>`,
            )
            .join('\n          ')}
        </mj-table>`
        }
      </mj-column>
    </mj-section>
    <mj-section padding="16px">
      <mj-column>
        <mj-text font-size="12px" color="${MUTED}">${e(adminNote)} <a href="${e(s.adminUrl)}" style="${LINK}">Abrir el monitoreo</a></mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`
}
