import { simpleParser } from 'mailparser'
import MailComposer from 'nodemailer/lib/mail-composer'
import { describe, expect, it } from 'vitest'
import { verifyUnsubscribeToken } from '@pregon/core/unsubscribeToken'
import { createPressMessageComposer } from '@pregon/workers/mail/composePressMessages'
import { personalizePressEmail, type PressMessageTemplate } from '@pregon/workers/mail/personalizePressEmail'
import { renderPressEmail } from '@pregon/cms/worker'

const FROM = 'Comunicación Social <prensa@municipio.test>'
const SECRET = 'secreto-de-prueba-de-32-caracteres!!'
const CMS = 'https://cms.municipio.test'
const DATE = new Date('2026-11-23T18:30:00Z')

/** Recipients whose copies differ in every way a copy can: id length (so link length), address shape. */
const RECIPIENTS = [
  { email: 'a@b.mx', contactId: 1 },
  { email: 'reportera@diario.test', contactId: 9 },
  { email: 'nombre.apellido+prensa@medio.com.mx', contactId: 10 },
  { email: 'redaccion@radio-local.test', contactId: 12_345 },
  { email: 'ñandú@periódico.test', contactId: 77 },
  { email: `${'x'.repeat(64)}@una-redaccion-con-nombre-muy-largo.com.mx`, contactId: 999_999_999_999 },
]

async function template(summary: string, photos = 3): Promise<PressMessageTemplate> {
  const email = await renderPressEmail({
    bulletin: { title: 'Inicia la rehabilitación del mercado municipal «Benito Juárez»', summary },
    url: 'https://portal.municipio.test/boletines/inicia-la-rehabilitacion-del-mercado-municipal',
    office: 'Comunicación Social',
    municipality: 'Municipio de Prueba',
    photos: Array.from({ length: photos }, (_, i) => ({ url: `https://cms.municipio.test/api/media/file/mercado-${i}.jpg`, alt: `Vista ${i} del mercado, con acentos: áéíóú ñ`, credit: 'Foto: Comunicación Social' })),
    privacyNoticeUrl: 'https://municipio.test/aviso-de-privacidad',
  })
  return { ...email, replyTo: 'vocera@municipio.test' }
}

/** The same message composed in full by nodemailer, for comparison (its multipart boundary is random). */
async function composedInFull(tpl: PressMessageTemplate, recipient: (typeof RECIPIENTS)[number], messageId: string): Promise<string> {
  const message = personalizePressEmail({ template: tpl, to: recipient.email, contactId: recipient.contactId, secret: SECRET, cmsUrl: CMS, from: FROM })
  const raw = await new MailComposer({ from: FROM, ...message, messageId, date: DATE, textEncoding: 'quoted-printable' }).compile().build()
  return raw.toString('latin1')
}

const withoutBoundary = (raw: string) => {
  const boundary = /boundary="([^"]+)"/.exec(raw)?.[1]
  if (!boundary) throw new Error('no multipart boundary')
  return raw.replaceAll(boundary, 'BOUNDARY')
}

describe('press message composer', () => {
  const cases: Array<[string, () => Promise<PressMessageTemplate>]> = [
    ['a short bulletin', () => template('El Ayuntamiento inicia hoy las obras del mercado.')],
    // Lines of every length around the 76-character limit, so links fall on soft line breaks.
    ['lines around the soft-break limit', () => template(Array.from({ length: 120 }, (_, i) => `${'Línea '.repeat(1 + (i % 14))}${'é'.repeat(i % 5)}`).join(' '))],
    // Past the 64 KiB slices nodemailer's encoder works in.
    ['a bulletin over 64 KiB', () => template('La obra comprende la sustitución de techumbres, pisos y drenaje. '.repeat(1500), 40)],
    ['mostly non-Latin text', () => template('市場の改修工事が始まります。'.repeat(200))],
  ]

  for (const [name, make] of cases) {
    it(`cuts copies identical to nodemailer's own composition: ${name}`, async () => {
      const tpl = await make()
      const composer = await createPressMessageComposer({ template: tpl, from: FROM, secret: SECRET, cmsUrl: CMS, date: DATE })
      expect(composer.fallback).toBeUndefined()
      expect(composer.mode).toBe('template')
      for (const recipient of RECIPIENTS) {
        const copy = await composer.compose(recipient)
        expect(copy.to).toBe(recipient.email)
        expect(withoutBoundary(copy.raw.toString('latin1'))).toBe(withoutBoundary(await composedInFull(tpl, recipient, copy.messageId)))
      }
    })
  }

  it("gives each copy its own Message-ID and its recipient's own unsubscribe link, in the header and both parts", async () => {
    const tpl = await template('Resumen del boletín.')
    const composer = await createPressMessageComposer({ template: tpl, from: FROM, secret: SECRET, cmsUrl: CMS, date: DATE })
    const ids = new Set<string>()
    for (const recipient of RECIPIENTS) {
      const copy = await composer.compose(recipient)
      const parsed = await simpleParser(copy.raw)
      ids.add(parsed.messageId!)
      expect(parsed.messageId).toBe(copy.messageId)
      const header = parsed.headerLines.find(({ key }) => key === 'list-unsubscribe')?.line.replace(/\r\n[ \t]+/g, ' ')
      const token = decodeURIComponent(/[?&]t=([^&>"\s]+)/.exec(parsed.text!)![1]!)
      expect(verifyUnsubscribeToken({ secret: SECRET, token })).toBe(String(recipient.contactId))
      expect(parsed.html).toContain(`unsubscribe?t=${encodeURIComponent(token)}`)
      expect(header).toBe(`List-Unsubscribe: <${CMS}/api/press-contacts/unsubscribe?t=${encodeURIComponent(token)}>, <mailto:prensa@municipio.test?subject=Baja%20${encodeURIComponent(token)}>`)
      expect(parsed.text).not.toContain('%%PREGON')
      expect(parsed.html).not.toContain('%%PREGON')
    }
    expect(ids.size).toBe(RECIPIENTS.length)
  })
})
