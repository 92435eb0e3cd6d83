import type { Bulletin } from '@pregon/cms/worker'
import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'
import { convertLexicalToPlaintext } from '@payloadcms/richtext-lexical/plaintext'
import mjml2html from 'mjml'
import sanitizeHtml from 'sanitize-html'

/** Stands for each recipient's own unsubscribe link; replaced per message (see personalizePressEmail). */
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

export interface PressEmailInput {
  bulletin: Pick<Bulletin, 'title' | 'summary'> & { body?: Bulletin['body'] | null; place?: string | null }
  url: string
  office: string
  municipality: string
  embargoUntil?: Date | null
  timeZone?: string
  photos?: PressPhoto[]
  privacyNoticeUrl?: string | null
  spokesperson?: { name?: string | null; email?: string | null } | null
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

export function embargoLabel(embargoUntil: Date, timeZone: string): string {
  return `EMBARGO hasta ${new Intl.DateTimeFormat('es-MX', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(embargoUntil)}`
}

/**
 * The press mailing of one bulletin, rendered once per mailing: responsive HTML from mjml (tables and inline
 * styles that phones' and desktop clients' quirks need) and a plain-text part saying the same. Under embargo,
 * the embargo leads the subject and both parts. Each recipient's unsubscribe link is a placeholder here.
 */
export async function renderPressEmail(input: PressEmailInput): Promise<PressEmail> {
  const { bulletin, url, office, municipality, embargoUntil = null, timeZone = 'America/Mexico_City', photos = [], privacyNoticeUrl, spokesperson } = input
  const embargo = embargoUntil ? embargoLabel(embargoUntil, timeZone) : null
  const embargoNote = embargo ? `${embargo}: no publicar antes. El enlace funcionará al levantarse el embargo.` : null
  const subject = `${embargo ? `${embargo} · ` : ''}Boletín: ${bulletin.title}`
  const bodyHtml = bulletin.body ? richTextToHtml(bulletin.body) : ''
  const bodyText = bulletin.body ? convertLexicalToPlaintext({ data: bulletin.body as Parameters<typeof convertLexicalToPlaintext>[0]['data'] }).trim() : ''
  const contact = spokesperson?.email ? `${spokesperson.name ? `${spokesperson.name} · ` : ''}${spokesperson.email}` : null

  const text = [
    ...(embargoNote ? [embargoNote, ''] : []),
    `${municipality} · ${office}`,
    '',
    bulletin.title,
    '',
    bulletin.summary,
    ...(bodyText ? ['', bodyText] : []),
    '',
    `Lee el boletín completo: ${url}`,
    ...(photos.length > 0 ? ['', 'Fotografías en alta resolución:', ...photos.map((p) => `- ${p.alt}${p.credit ? ` (${p.credit})` : ''}: ${p.url}`)] : []),
    ...(contact ? ['', `Para entrevistas o dudas responde a este correo o escribe a ${contact}.`] : ['', 'Para entrevistas o dudas responde a este correo.']),
    '',
    '--',
    `Recibes este correo porque estás en el directorio de medios de ${office} (${municipality}).`,
    `Darte de baja: ${UNSUBSCRIBE_PLACEHOLDER}`,
    ...(privacyNoticeUrl ? [`Aviso de privacidad: ${privacyNoticeUrl}`] : []),
  ].join('\n')

  const e = escapeHtml
  const link = 'color:#0b5394'
  const mjml = `<mjml lang="es-MX">
  <mj-head>
    <mj-title>${e(bulletin.title)}</mj-title>
    <mj-preview>${e(embargo ? `${embargo}. ${bulletin.summary}` : bulletin.summary)}</mj-preview>
    <mj-attributes>
      <mj-all font-family="Arial, Helvetica, sans-serif" />
      <mj-text font-size="16px" line-height="1.5" color="#1a1a1a" />
    </mj-attributes>
  </mj-head>
  <mj-body background-color="#f5f5f2" width="600px">
    ${embargoNote ? `<mj-section background-color="#fff3cd" padding="12px 16px"><mj-column><mj-text color="#5c4400" font-weight="bold">${e(embargoNote)}</mj-text></mj-column></mj-section>` : ''}
    <mj-section background-color="#ffffff" padding="24px 16px 0">
      <mj-column>
        <mj-text font-size="14px" color="#555555">${e(municipality)} · ${e(office)}</mj-text>
        <mj-text font-size="22px" line-height="1.3" font-weight="bold"><h1 style="font-size:22px;margin:0">${e(bulletin.title)}</h1></mj-text>
        <mj-text>${e(bulletin.summary)}</mj-text>
        ${bodyHtml ? `<mj-text>${bodyHtml}</mj-text>` : ''}
        <mj-button href="${e(url)}" background-color="#0b5394" color="#ffffff" font-size="16px" align="left">Lee el boletín completo</mj-button>
      </mj-column>
    </mj-section>
    ${
      photos.length > 0
        ? `<mj-section background-color="#ffffff" padding="0 16px"><mj-column>
        <mj-text font-weight="bold">Fotografías en alta resolución</mj-text>
        <mj-text><ul style="margin:0;padding-left:20px">${photos
          .map((p) => `<li><a href="${e(p.url)}" style="${link}">${e(p.alt)}</a>${p.credit ? ` (${e(p.credit)})` : ''}</li>`)
          .join('')}</ul></mj-text>
      </mj-column></mj-section>`
        : ''
    }
    <mj-section background-color="#ffffff" padding="0 16px 24px">
      <mj-column>
        <mj-text>${contact ? `Para entrevistas o dudas responde a este correo o escribe a ${e(contact)}.` : 'Para entrevistas o dudas responde a este correo.'}</mj-text>
      </mj-column>
    </mj-section>
    <mj-section padding="16px">
      <mj-column>
        <mj-text font-size="12px" color="#555555">Recibes este correo porque estás en el directorio de medios de ${e(office)} (${e(municipality)}).
          <a href="${UNSUBSCRIBE_PLACEHOLDER}" style="${link}">Darte de baja</a>${privacyNoticeUrl ? ` · <a href="${e(privacyNoticeUrl)}" style="${link}">Aviso de privacidad</a>` : ''}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`
  const { html, errors } = await mjml2html(mjml, { validationLevel: 'soft' })
  if (errors.length > 0) throw new Error(`mjml: ${errors.map((error) => error.formattedMessage).join('; ')}`)
  return { subject, html, text }
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
