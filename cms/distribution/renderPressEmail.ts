import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'
import { convertLexicalToPlaintext } from '@payloadcms/richtext-lexical/plaintext'
import mjml2html from 'mjml'
import sanitizeHtml from 'sanitize-html'
import type { Bulletin } from '../payload-types'

/** Stands for each recipient's own unsubscribe link; replaced per message (see workers' personalizePressEmail). */
export const UNSUBSCRIBE_PLACEHOLDER = '%%PREGON_UNSUBSCRIBE_URL%%'

export interface PressEmail {
  subject: string
  html: string
  text: string
}

export interface PressPhoto {
  /** The original, full-quality file. */
  url: string
  alt: string
  credit?: string | null
}

/** The photo shown in the message: the email-size crop, with what a screen reader and the credit line need. */
export interface PressLeadPhoto {
  src: string
  width: number
  height: number
  alt: string
  credit?: string | null
}

export interface PressDocument {
  url: string
  /** What the document is (its alt text). */
  title: string
  sizeLabel?: string | null
}

export interface PressContact {
  name?: string | null
  email?: string | null
  phone?: string | null
}

export interface PressEmailInput {
  bulletin: Pick<Bulletin, 'title' | 'summary'> & { body?: Bulletin['body'] | null; place?: string | null }
  url: string
  office: string
  municipality: string
  /** «Boletín», «Aviso», «Comunicado»…: leads the subject. */
  kindLabel?: string
  department?: string | null
  date?: Date | null
  embargoUntil?: Date | null
  timeZone?: string
  leadPhoto?: PressLeadPhoto | null
  photos?: PressPhoto[]
  documents?: PressDocument[]
  privacyNoticeUrl?: string | null
  spokesperson?: PressContact | null
  /** The one fact that must not be missed (a call's deadline): in the subject and in bold under the title. */
  keyFact?: string | null
  /** Sections after the lead (a call's who, requirements, papers, how to apply): a paragraph or a list each. */
  sections?: ReadonlyArray<{ heading: string; text?: string | null; items?: readonly string[] }>
  /** The button's words; «Lee el boletín completo» by default. */
  readMore?: string
}

export const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

export function embargoLabel(embargoUntil: Date, timeZone: string): string {
  return `EMBARGO hasta ${new Intl.DateTimeFormat('es-MX', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(embargoUntil)}`
}

const LINK = 'color:#0b5394'

/** The footer every press message carries: why they get it, their own unsubscribe link, the privacy notice. */
export function pressFooter({ office, municipality, privacyNoticeUrl }: { office: string; municipality: string; privacyNoticeUrl?: string | null }) {
  const e = escapeHtml
  return {
    text: [
      '--',
      `Recibes este correo porque estás en el directorio de medios de ${office} (${municipality}).`,
      `Darte de baja: ${UNSUBSCRIBE_PLACEHOLDER}`,
      ...(privacyNoticeUrl ? [`Aviso de privacidad: ${privacyNoticeUrl}`] : []),
    ],
    mjml: `<mj-section padding="16px">
      <mj-column>
        <mj-text font-size="12px" color="#555555">Recibes este correo porque estás en el directorio de medios de ${e(office)} (${e(municipality)}).
          <a href="${UNSUBSCRIBE_PLACEHOLDER}" style="${LINK}">Darte de baja</a>${privacyNoticeUrl ? ` · <a href="${e(privacyNoticeUrl)}" style="${LINK}">Aviso de privacidad</a>` : ''}</mj-text>
      </mj-column>
    </mj-section>`,
  }
}

/** mjml to HTML; an mjml complaint is a bug in the template, not something to send. */
export async function mjmlToHtml(mjml: string): Promise<string> {
  const { html, errors } = await mjml2html(mjml, { validationLevel: 'soft' })
  if (errors.length > 0) throw new Error(`mjml: ${errors.map((error) => error.formattedMessage).join('; ')}`)
  return html
}

export const mjmlHead = ({ title, preview }: { title: string; preview: string }) => `<mj-head>
    <mj-title>${escapeHtml(title)}</mj-title>
    <mj-preview>${escapeHtml(preview)}</mj-preview>
    <mj-attributes>
      <mj-all font-family="Arial, Helvetica, sans-serif" />
      <mj-text font-size="16px" line-height="1.5" color="#1a1a1a" />
    </mj-attributes>
  </mj-head>`

const contactLine = (c: PressContact | null | undefined) => {
  const reach = [c?.email, c?.phone].filter(Boolean).join(', ')
  if (!c?.name && !reach) return 'Para entrevistas o dudas responde a este correo.'
  return `Vocería: ${[c?.name, reach].filter(Boolean).join(' · ')}. Para entrevistas o dudas responde a este correo${reach ? ' o escribe a ese contacto' : ''}.`
}

/**
 * The press mailing of one bulletin, rendered once per mailing: responsive HTML from mjml (tables and inline
 * styles that phones' and desktop clients' quirks need) and a plain-text part saying the same. Under embargo,
 * the embargo leads the subject and both parts. Each recipient's unsubscribe link is a placeholder here.
 * The admin's preview renders it with the same function.
 */
export async function renderPressEmail(input: PressEmailInput): Promise<PressEmail> {
  const { bulletin, url, office, municipality, kindLabel = 'Boletín', department, date, embargoUntil = null, timeZone = 'America/Mexico_City' } = input
  const { leadPhoto = null, photos = [], documents = [], privacyNoticeUrl, spokesperson, keyFact = null, readMore = `Lee el ${kindLabel.toLowerCase()} completo` } = input
  const sections = (input.sections ?? []).filter((section) => section.text?.trim() || (section.items?.length ?? 0) > 0)
  const embargo = embargoUntil ? embargoLabel(embargoUntil, timeZone) : null
  const embargoNote = embargo ? `${embargo}: no publicar antes. El enlace funcionará al levantarse el embargo.` : null
  const subject = `${embargo ? `${embargo} · ` : ''}${kindLabel}: ${bulletin.title}${keyFact ? ` · ${keyFact}` : ''}`
  const bodyHtml = bulletin.body ? richTextToHtml(bulletin.body) : ''
  const bodyText = bulletin.body ? convertLexicalToPlaintext({ data: bulletin.body as Parameters<typeof convertLexicalToPlaintext>[0]['data'] }).trim() : ''
  const dateLine = date ? new Intl.DateTimeFormat('es-MX', { dateStyle: 'long', timeZone }).format(date) : null
  const dateline = [bulletin.place, dateLine].filter(Boolean).join(', ')
  const origin = [municipality, office, department].filter(Boolean).join(' · ')
  const contact = contactLine(spokesperson)
  const footer = pressFooter({ office, municipality, privacyNoticeUrl })
  const credit = (c?: string | null) => (c ? ` (Foto: ${c})` : '')

  const text = [
    ...(embargoNote ? [embargoNote, ''] : []),
    origin,
    `${kindLabel}${dateline ? ` · ${dateline}` : ''}`,
    '',
    bulletin.title,
    ...(keyFact ? ['', `${keyFact}.`] : []),
    '',
    bulletin.summary,
    ...sections.flatMap((section) => ['', `${section.heading}:`, ...(section.text?.trim() ? [section.text.trim()] : []), ...(section.items ?? []).map((item) => `- ${item}`)]),
    ...(bodyText ? ['', bodyText] : []),
    '',
    `${readMore}: ${url}`,
    ...(photos.length > 0 ? ['', 'Fotografías en alta resolución:', ...photos.map((p) => `- ${p.alt}${credit(p.credit)}: ${p.url}`)] : []),
    ...(documents.length > 0 ? ['', 'Documentos:', ...documents.map((d) => `- ${d.title}${d.sizeLabel ? ` (PDF, ${d.sizeLabel})` : ' (PDF)'}: ${d.url}`)] : []),
    '',
    contact,
    '',
    ...footer.text,
  ].join('\n')

  const e = escapeHtml
  const list = (items: string[]) => `<mj-text><ul style="margin:0;padding-left:20px">${items.join('')}</ul></mj-text>`
  const mjml = `<mjml lang="es-MX">
  ${mjmlHead({ title: bulletin.title, preview: embargo ? `${embargo}. ${bulletin.summary}` : bulletin.summary })}
  <mj-body background-color="#f5f5f2" width="600px">
    ${embargoNote ? `<mj-section background-color="#fff3cd" padding="12px 16px"><mj-column><mj-text color="#5c4400" font-weight="bold">${e(embargoNote)}</mj-text></mj-column></mj-section>` : ''}
    <mj-section background-color="#ffffff" padding="24px 16px 0">
      <mj-column>
        <mj-text font-size="14px" color="#555555">${e(origin)}<br />${e(kindLabel)}${dateline ? ` · ${e(dateline)}` : ''}</mj-text>
        <mj-text font-size="22px" line-height="1.3" font-weight="bold"><h1 style="font-size:22px;margin:0">${e(bulletin.title)}</h1></mj-text>
        ${
          leadPhoto
            ? `<mj-image src="${e(leadPhoto.src)}" alt="${e(leadPhoto.alt)}" width="568px" height="auto" padding="8px 25px" />
        ${leadPhoto.credit ? `<mj-text font-size="12px" color="#555555" padding-top="0">Foto: ${e(leadPhoto.credit)}</mj-text>` : ''}`
            : ''
        }
        ${keyFact ? `<mj-text font-weight="bold" color="#5c4400" container-background-color="#fff3cd">${e(keyFact)}.</mj-text>` : ''}
        <mj-text>${e(bulletin.summary)}</mj-text>
        ${sections
          .map(
            (section) =>
              `<mj-text font-weight="bold" padding-bottom="0"><h2 style="font-size:16px;margin:0">${e(section.heading)}</h2></mj-text>` +
              (section.text?.trim() ? `<mj-text>${e(section.text.trim()).replace(/\n/g, '<br />')}</mj-text>` : '') +
              ((section.items?.length ?? 0) > 0 ? list(section.items!.map((item) => `<li>${e(item)}</li>`)) : ''),
          )
          .join('\n        ')}
        ${bodyHtml ? `<mj-text>${bodyHtml}</mj-text>` : ''}
        <mj-button href="${e(url)}" background-color="#0b5394" color="#ffffff" font-size="16px" align="left">${e(readMore)}</mj-button>
      </mj-column>
    </mj-section>
    ${
      photos.length > 0 || documents.length > 0
        ? `<mj-section background-color="#ffffff" padding="0 16px"><mj-column>
        ${photos.length > 0 ? `<mj-text font-weight="bold">Fotografías en alta resolución</mj-text>${list(photos.map((p) => `<li><a href="${e(p.url)}" style="${LINK}">${e(p.alt)}</a>${e(credit(p.credit))}</li>`))}` : ''}
        ${documents.length > 0 ? `<mj-text font-weight="bold">Documentos</mj-text>${list(documents.map((d) => `<li><a href="${e(d.url)}" style="${LINK}">${e(d.title)}</a> (PDF${d.sizeLabel ? `, ${e(d.sizeLabel)}` : ''})</li>`))}` : ''}
      </mj-column></mj-section>`
        : ''
    }
    <mj-section background-color="#ffffff" padding="0 16px 24px">
      <mj-column>
        <mj-text>${e(contact)}</mj-text>
      </mj-column>
    </mj-section>
    ${footer.mjml}
  </mj-body>
</mjml>`
  return { subject, html: await mjmlToHtml(mjml), text }
}

/** The bulletin's text as the portal shows it, minus anything that could run or track in a mail client. */
function richTextToHtml(body: NonNullable<Bulletin['body']>): string {
  const html = convertLexicalToHTML({ data: body as Parameters<typeof convertLexicalToHTML>[0]['data'], disableContainer: true })
  return sanitizeHtml(html, {
    allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'ul', 'ol', 'li', 'blockquote', 'h2', 'h3', 'h4', 'a'],
    allowedAttributes: { a: ['href'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  })
}
