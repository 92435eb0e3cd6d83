import type { Bulletin } from '@pregon/cms/payload-types'

export interface PressEmail {
  subject: string
  html: string
  text: string
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

/**
 * The press mailing for one bulletin: title, lead and a link to the full text on the portal.
 * (The responsive mjml template, embargo and unsubscribe arrive with the press-mailings issue.)
 */
export function renderPressEmail({
  bulletin,
  url,
  office,
  municipality,
}: {
  bulletin: Pick<Bulletin, 'title' | 'summary'>
  url: string
  office: string
  municipality: string
}): PressEmail {
  const subject = `Boletín: ${bulletin.title}`
  const text = [
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
<p style="margin:0 0 16px;color:#555;font-size:14px">${escapeHtml(municipality)} · ${escapeHtml(office)}</p>
<h1 style="font-size:22px;line-height:1.3;margin:0 0 16px">${escapeHtml(bulletin.title)}</h1>
<p style="font-size:16px;line-height:1.5">${escapeHtml(bulletin.summary)}</p>
<p><a href="${escapeHtml(url)}" style="color:#0b5394;font-size:16px">Lee el boletín completo</a></p>
</div></body></html>`
  return { subject, html, text }
}
