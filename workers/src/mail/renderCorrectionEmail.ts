import { escapeHtml, mjmlHead, mjmlToHtml, pressFooter, type PressEmail } from '@pregon/cms/worker'

export interface CorrectionEmailInput {
  title: string
  /** The corrected lead. */
  summary: string
  /** The public correction note: what changed. */
  note: string
  url: string
  office: string
  municipality: string
  privacyNoticeUrl?: string | null
  /** What was corrected, as the sentence names it: «el boletín» by default, «la convocatoria». */
  noun?: string
}

/**
 * The short message that tells the journalists who got a bulletin or a call that it was corrected: what changed (the
 * public note), the corrected lead and the link. Same footer, same per-recipient unsubscribe link as the mailing.
 */
export async function renderCorrectionEmail(input: CorrectionEmailInput): Promise<PressEmail> {
  const { title, summary, note, url, office, municipality, privacyNoticeUrl, noun = 'el boletín' } = input
  const footer = pressFooter({ office, municipality, privacyNoticeUrl })
  const subject = `Corrección: ${title}`
  const text = [
    `${municipality} · ${office}`,
    '',
    `Corregimos ${noun} «${title}» que te enviamos.`,
    '',
    `Corrección: ${note}`,
    '',
    'Entrada corregida:',
    summary,
    '',
    `Versión corregida: ${url}`,
    '',
    ...footer.text,
  ].join('\n')
  const e = escapeHtml
  const html = await mjmlToHtml(`<mjml lang="es-MX">
  ${mjmlHead({ title: subject, preview: note })}
  <mj-body background-color="#f5f5f2" width="600px">
    <mj-section background-color="#ffffff" padding="24px 16px">
      <mj-column>
        <mj-text font-size="14px" color="#555555">${e(municipality)} · ${e(office)}</mj-text>
        <mj-text font-size="20px" line-height="1.3" font-weight="bold"><h1 style="font-size:20px;margin:0">${e(subject)}</h1></mj-text>
        <mj-text>Corregimos ${e(noun)} «${e(title)}» que te enviamos.</mj-text>
        <mj-text container-background-color="#fff3cd" color="#5c4400"><strong>Corrección:</strong> ${e(note)}</mj-text>
        <mj-text><strong>Entrada corregida:</strong> ${e(summary)}</mj-text>
        <mj-button href="${e(url)}" background-color="#0b5394" color="#ffffff" font-size="16px" align="left">Ver la versión corregida</mj-button>
      </mj-column>
    </mj-section>
    ${footer.mjml}
  </mj-body>
</mjml>`)
  return { subject, html, text }
}
