import { escapeHtml, mjmlHead, mjmlToHtml, UNSUBSCRIBE_PLACEHOLDER, type PressEmail } from '@pregon/cms/worker'

/** One published item as a citizen's message lists it. */
export interface SubscriberEmailItem {
  title: string
  summary: string
  url: string
  /** «Boletín», «Aviso», «Convocatoria»… */
  kindLabel: string
  /** When it was published, in the site's time zone. */
  dateLabel: string
}

export interface SubscriberEmailInput {
  /** item: one publication, at once; emergency: an alert; digest: a day's or a week's, with its period. */
  kind: 'item' | 'emergency' | 'digest'
  items: SubscriberEmailItem[]
  /** A digest's period as people say it: «del 1 al 2 de diciembre». */
  period?: string
  office: string
  municipality: string
  privacyNoticeUrl?: string | null
}

const LINK = 'color:#0b5394;text-decoration:underline'

/**
 * A citizen's message: one item (or an emergency alert) or a digest of several, each with its lead and link;
 * the footer says why they get it and carries their own preferences / unsubscribe link (the placeholder,
 * replaced per recipient). Rendered once per distinct content; copies differ only by that link and the address.
 */
export async function renderSubscriberEmail(input: SubscriberEmailInput): Promise<PressEmail> {
  const { kind, items, period, office, municipality, privacyNoticeUrl } = input
  const first = items[0]
  if (!first) throw new Error('A subscriber email needs at least one item')
  const subject =
    kind === 'emergency' ? `ALERTA: ${first.title}` : kind === 'digest' ? `Resumen ${period ?? ''}: ${items.length} ${items.length === 1 ? 'publicación' : 'publicaciones'} de ${municipality}`.replace('  ', ' ') : first.title
  const intro =
    kind === 'emergency'
      ? 'Aviso de emergencia de protección civil. Léelo completo en el portal:'
      : kind === 'digest'
        ? `Lo que publicamos ${period ?? ''} sobre los temas que elegiste:`
        : 'Acabamos de publicar en el portal:'
  const e = escapeHtml
  const text = [
    `${municipality} · ${office}`,
    '',
    intro,
    '',
    ...items.flatMap((item) => [`${item.kindLabel} · ${item.dateLabel}`, item.title, item.summary, item.url, '']),
    '--',
    `Recibes este correo porque te suscribiste a los avisos del portal de ${municipality}.`,
    `Cambiar tus preferencias o darte de baja: ${UNSUBSCRIBE_PLACEHOLDER}`,
    ...(privacyNoticeUrl ? [`Aviso de privacidad: ${privacyNoticeUrl}`] : []),
  ].join('\n')
  const html = await mjmlToHtml(`<mjml lang="es-MX">
  ${mjmlHead({ title: subject, preview: kind === 'digest' ? items.map((item) => item.title).join(' · ').slice(0, 140) : first.summary.slice(0, 140) })}
  <mj-body background-color="#f5f5f2" width="600px">
    <mj-section background-color="${kind === 'emergency' ? '#8b0000' : '#ffffff'}" padding="16px">
      <mj-column>
        <mj-text font-size="14px" color="${kind === 'emergency' ? '#ffffff' : '#555555'}">${e(municipality)} · ${e(office)}</mj-text>
        <mj-text font-size="18px" color="${kind === 'emergency' ? '#ffffff' : '#1a1a1a'}"><h1 style="font-size:20px;margin:0">${e(kind === 'item' ? intro : subject)}</h1></mj-text>
        ${kind === 'item' ? '' : `<mj-text color="${kind === 'emergency' ? '#ffffff' : '#1a1a1a'}">${e(intro)}</mj-text>`}
      </mj-column>
    </mj-section>
    ${items
      .map(
        (item) => `<mj-section background-color="#ffffff" padding="8px 16px" border-top="1px solid #dddddd">
      <mj-column>
        <mj-text font-size="13px" color="#555555">${e(item.kindLabel)} · ${e(item.dateLabel)}</mj-text>
        <mj-text font-size="18px" font-weight="bold"><h2 style="font-size:18px;margin:0"><a href="${e(item.url)}" style="${LINK}">${e(item.title)}</a></h2></mj-text>
        <mj-text>${e(item.summary)}</mj-text>
      </mj-column>
    </mj-section>`,
      )
      .join('\n')}
    <mj-section padding="16px">
      <mj-column>
        <mj-text font-size="12px" color="#555555">Recibes este correo porque te suscribiste a los avisos del portal de ${e(municipality)}.
          <a href="${UNSUBSCRIBE_PLACEHOLDER}" style="${LINK}">Cambiar tus preferencias o darte de baja</a>${privacyNoticeUrl ? ` · <a href="${e(privacyNoticeUrl)}" style="${LINK}">Aviso de privacidad</a>` : ''}</mj-text>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>`)
  return { subject, html, text }
}
