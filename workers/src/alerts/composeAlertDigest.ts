import type { OpsAlert } from '@pregon/cms/worker'

/** One alert as the digest shows it: `link` is the full address of its page in the admin, if it has one. */
export type DigestAlert = Pick<OpsAlert, 'key' | 'message' | 'firstSeenAt'> & { link: string | null }

export interface AlertDigestInput {
  /** Every open alert, oldest first. */
  open: DigestAlert[]
  /** Keys of the open alerts no digest has told yet. */
  newKeys: ReadonlySet<string>
  /** Alerts an earlier digest told about that have since been resolved. */
  resolved: DigestAlert[]
  /** The admin's address, e.g. https://cms.municipio.gob.mx/admin. */
  adminUrl: string
  timeZone: string
}

export interface AlertDigest {
  subject: string
  text: string
  html: string
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/**
 * The admins' digest: every open alert, the new ones first and marked, each with its link into the admin,
 * and what was resolved since the last one. Plain text and a simple HTML part (no images, no CSS a mail
 * client could drop): it is read on a phone, quickly, and must work in any client.
 */
export function composeAlertDigest({ open, newKeys, resolved, adminUrl, timeZone }: AlertDigestInput): AlertDigest {
  const since = new Intl.DateTimeFormat('es-MX', { dateStyle: 'short', timeStyle: 'short', timeZone })
  const fresh = open.filter((alert) => newKeys.has(alert.key))
  const older = open.filter((alert) => !newKeys.has(alert.key))
  const subject = `Pregón: ${plural(open.length, 'aviso necesita', 'avisos necesitan')} atención${fresh.length > 0 ? ` (${plural(fresh.length, 'nuevo', 'nuevos')})` : ''}`
  const intro = 'Estos avisos de Pregón necesitan a una persona. Cada uno sigue en la administración hasta que se resuelve; este resumen llega como mucho una vez cada 15 minutos.'

  const textSection = (title: string, alerts: DigestAlert[], isNew: boolean) =>
    alerts.length === 0
      ? []
      : [
          title,
          ...alerts.flatMap((alert) => {
            const link = alert.link
            return [`- ${isNew ? '[NUEVO] ' : ''}${alert.message}`, ...(link ? [`  ${link}`] : []), ...(isNew ? [] : [`  (desde el ${since.format(alert.firstSeenAt)})`])]
          }),
          '',
        ]
  const text = [
    'Hola:',
    '',
    intro,
    '',
    ...textSection('NUEVOS', fresh, true),
    ...textSection('SIGUEN ABIERTOS', older, false),
    ...(resolved.length > 0 ? ['YA RESUELTOS', ...resolved.map((alert) => `- ${alert.message}`), ''] : []),
    `Administración: ${adminUrl}`,
    '',
    '— Pregón (mensaje automático; las respuestas no se leen)',
  ].join('\n')

  const htmlItem = (alert: DigestAlert, isNew: boolean) => {
    const link = alert.link
    const mark = isNew ? '<strong style="color:#b42318">NUEVO</strong> · ' : ''
    const when = isNew ? '' : ` <span style="color:#555">(desde el ${escape(since.format(alert.firstSeenAt))})</span>`
    return `<li style="margin:0 0 10px">${mark}${escape(alert.message)}${when}${link ? `<br><a href="${escape(link)}">Abrir en la administración</a>` : ''}</li>`
  }
  const htmlSection = (title: string, items: string[]) => (items.length === 0 ? '' : `<h2 style="font-size:16px;margin:18px 0 8px">${title}</h2><ul style="padding-left:20px;margin:0">${items.join('')}</ul>`)
  const html = [
    '<!doctype html><html lang="es-MX"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>',
    escape(subject),
    '</title></head><body style="font-family:Arial,Helvetica,sans-serif;font-size:15px;line-height:1.45;color:#1a1a1a;max-width:640px;margin:0 auto;padding:16px">',
    `<p>Hola:</p><p>${escape(intro)}</p>`,
    htmlSection('Nuevos', fresh.map((alert) => htmlItem(alert, true))),
    htmlSection('Siguen abiertos', older.map((alert) => htmlItem(alert, false))),
    htmlSection('Ya resueltos', resolved.map((alert) => `<li style="margin:0 0 6px;color:#555">${escape(alert.message)}</li>`)),
    `<p style="margin-top:20px"><a href="${escape(adminUrl)}">Ir a la administración</a></p>`,
    '<p style="color:#555;font-size:13px">Pregón · mensaje automático; las respuestas no se leen.</p>',
    '</body></html>',
  ].join('')
  return { subject, text, html }
}
