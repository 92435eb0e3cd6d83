import type { CouncilReport } from './types'

/** The words and number formats the report's HTML, PDF and charts share, so all three say the same. */

export const REPORT_TITLE = 'Informe de comunicación social'
export const reportTitle = (r: CouncilReport) => `${REPORT_TITLE} · ${r.period.label}`

/** A count the network does not report: a dash to the eye, words to a screen reader and in the footnote. */
export const NOT_REPORTED = { shown: '—', spoken: 'no disponible' } as const
export const NOT_REPORTED_NOTE = '«—»: no disponible; la red no informa ese dato.'
export const NO_DATA = 'Sin datos en el periodo.'

export const NO_OPEN_TRACKING =
  'No se mide si los correos se abren: no llevan píxeles de rastreo ni enlaces de seguimiento. «Entregados» son los que aceptó el servidor de correo de cada destinatario.'
export const VISITOR_DAYS_NOTE =
  'Visitantes-día: visitantes distintos contados cada día y sumados; quien vuelve otro día cuenta otra vez (el portal no sigue a nadie de un día a otro).'
export const FEEDS_NOTE = 'Lectores de cada feed según lo informan los agregadores (la cifra más alta vista en el periodo).'
export const REACH_NOTE = 'Reacciones, compartidos y respuestas son las cifras públicas que informa cada red.'

const numberFormat = new Intl.NumberFormat('es-MX', { maximumFractionDigits: 1 })
/** «1,234», «2.5». */
export const formatNumber = (n: number) => numberFormat.format(n)

/** «3 de noviembre de 2026» (long) or «3 nov 2026» (medium, in tables), in the office's time zone. */
export const formatDate = (iso: string, timeZone: string, style: 'long' | 'medium' = 'long') =>
  new Intl.DateTimeFormat('es-MX', { dateStyle: style, timeZone }).format(new Date(iso))

/** «1 de diciembre de 2026, 9:30 a.m.». */
export const formatDateTime = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('es-MX', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso))

export const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`

export const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

/**
 * Department names and titles are typed by people: composed accents, no control characters (invalid in the SVG's
 * XML), any run of spaces, tabs or line and paragraph separators (which would end the string literals of Vega's
 * expressions) as one space, trimmed.
 */
export const clean = (text: string) =>
  text
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()

/** «del 1 de noviembre de 2026 al 30 de noviembre de 2026»: the period's end is exclusive, its last day is shown. */
export const periodRange = (r: CouncilReport, timeZone: string) =>
  `del ${formatDate(r.period.start, timeZone)} al ${formatDate(new Date(Date.parse(r.period.end) - 1).toISOString(), timeZone)}`

/** «Periodo: del … al ….» and «Generado el … a las 9:30 a.m.» (ICU's «a.m.» already ends the sentence). */
export const periodLine = (r: CouncilReport, timeZone: string) => `Periodo: ${periodRange(r, timeZone)}.`
export const generatedLine = (r: CouncilReport, timeZone: string) => {
  const text = `Generado el ${formatDateTime(r.generatedAt, timeZone)}`
  return text.endsWith('.') ? text : `${text}.`
}
