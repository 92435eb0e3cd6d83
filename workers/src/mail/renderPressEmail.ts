import type { Bulletin } from '@pregon/cms/payload-types'

export interface PressEmail {
  subject: string
  html: string
  text: string
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

/**
 * The press mailing for one bulletin: title, lead and a link to the full text on the portal; under embargo,
 * the embargo leads the subject and the text. (The responsive mjml template and unsubscribe arrive with the
 * press-mailings issue.)
 */
export function renderPressEmail({
  bulletin,
  url,
  office,
  municipality,
  embargoUntil = null,
  timeZone = 'America/Mexico_City',
}: {
  bulletin: Pick<Bulletin, 'title' | 'summary'>
  url: string
  office: string
  municipality: string
  embargoUntil?: Date | null
  timeZone?: string
}): PressEmail {
  const embargo = embargoUntil
    ? `EMBARGO hasta ${new Intl.DateTimeFormat('es-MX', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(embargoUntil)}`
    : null
  const embargoNote = embargo ? `${embargo}: no publicar antes. El enlace funcionará al levantarse el embargo.` : null
  const subject = `${embargo ? `${embargo} · ` : ''}Boletín: ${bulletin.title}`
  const text = [
    ...(embargoNote ? [embargoNote, ''] : []),
    `${municipality} · ${office}`,
    '',
    bulletin.title,
    '',
    bulletin.summary,
    '',
    `Lee el boletín completo: ${url}`,
  ].join('\n')
  const html = `<!doctype html><html lang="es-MX"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(bulletin.title)}</title></head>
<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;background:#f5f5f2">
<div style="max-width:600px;margin:0 auto;background:#ffffff;padding:24px">
${embargoNote ? `<p style="margin:0 0 16px;padding:12px;background:#fff3cd;color:#5c4400;font-weight:bold">${escapeHtml(embargoNote)}</p>` : ''}
<p style="margin:0 0 16px;color:#555;font-size:14px">${escapeHtml(municipality)} · ${escapeHtml(office)}</p>
<h1 style="font-size:22px;line-height:1.3;margin:0 0 16px">${escapeHtml(bulletin.title)}</h1>
<p style="font-size:16px;line-height:1.5">${escapeHtml(bulletin.summary)}</p>
<p><a href="${escapeHtml(url)}" style="color:#0b5394;font-size:16px">Lee el boletín completo</a></p>
</div></body></html>`
  return { subject, html, text }
}
