/**
 * The pages people reach from a mailing's links (a journalist's unsubscribe, a citizen's confirmation and
 * preferences): plain HTML, no login, no scripts, never indexed or cached.
 */

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c)

/** `marco.ibarra@radio.test` → `ma•••@radio.test`: enough to recognise, not to harvest. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@')
  return `${local.slice(0, 2)}•••@${domain}`
}

export function unsubscribePage({ title, body, office, status = 200 }: { title: string; body: string; office: string; status?: number }): Response {
  const html = `<!doctype html>
<html lang="es-MX"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)} · ${escapeHtml(office)}</title>
<style>body{font-family:Arial,Helvetica,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.5}
button{font-size:1rem;padding:.7rem 1.2rem;background:#0b5394;color:#fff;border:0;border-radius:4px;cursor:pointer;margin:.25rem 0}
button.secondary{background:#fff;color:#0b5394;border:2px solid #0b5394}fieldset{border:1px solid #767676;border-radius:4px;margin:1rem 0;padding:.5rem 1rem}
legend{font-weight:bold}label{display:block;padding:.3rem 0}input[type=checkbox],input[type=radio]{width:1.2rem;height:1.2rem;vertical-align:middle;margin-right:.4rem}
a{color:#0b5394}:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1.5rem}dt{font-weight:bold}dd{margin:0}</style></head>
<body><main><p>${escapeHtml(office)}</p><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`
  return new Response(html, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex' },
  })
}

export { escapeHtml }
