import { describe, expect, it } from 'vitest'
import { signedMediaUrl, verifyMediaLink } from '@pregon/core/mediaLinkToken'
import { renderPressEmail } from '@pregon/cms/worker'
import { renderCorrectionEmail } from '@pregon/workers/mail/renderCorrectionEmail'

const SECRET = 'secreto-de-prueba-de-32-caracteres!!'
const base = {
  bulletin: { title: 'Cierre temporal del puente Juárez', summary: 'El puente cierra del lunes al viernes.', place: 'Centro' },
  url: 'https://portal.municipio.test/boletines/cierre-temporal-del-puente-juarez/',
  office: 'Comunicación Social',
  municipality: 'Municipio de Prueba',
}

describe('the press email', () => {
  it('names the kind in the subject, the department, the date in the site time zone and the bulletin’s own spokesperson', async () => {
    const email = await renderPressEmail({
      ...base,
      kindLabel: 'Aviso',
      department: 'Obras Públicas',
      // 03:00 UTC on 2 December is still 1 December in Mexico City.
      date: new Date('2026-12-02T03:00:00Z'),
      timeZone: 'America/Mexico_City',
      spokesperson: { name: 'Ing. Raúl Pérez, director de Obras', email: 'obras@municipio.test', phone: '55 1234 5678' },
    })
    expect(email.subject).toBe('Aviso: Cierre temporal del puente Juárez')
    for (const part of [email.text, email.html]) {
      expect(part).toContain('Obras Públicas')
      expect(part).toContain('Centro, 1 de diciembre de 2026')
      expect(part).toContain('Ing. Raúl Pérez, director de Obras')
      expect(part).toContain('obras@municipio.test')
      expect(part).toContain('55 1234 5678')
    }
  })

  it('shows the email crop with its alt text and credit, and links the documents', async () => {
    const email = await renderPressEmail({
      ...base,
      leadPhoto: { src: 'https://cms.test/api/media/file/puente-email.jpg', width: 1200, height: 600, alt: 'El puente Juárez visto desde el río', credit: 'Ana Ruiz' },
      documents: [{ url: 'https://cms.test/api/media/file/desvios.pdf', title: 'Mapa de desvíos', sizeLabel: '120 KB' }],
    })
    expect(email.html).toMatch(/<img[^>]+alt="El puente Juárez visto desde el río"[^>]+src="https:\/\/cms\.test\/api\/media\/file\/puente-email\.jpg"|<img[^>]+src="https:\/\/cms\.test\/api\/media\/file\/puente-email\.jpg"[^>]+alt="El puente Juárez visto desde el río"/)
    expect(email.html).toContain('Foto: Ana Ruiz')
    expect(email.html).toContain('href="https://cms.test/api/media/file/desvios.pdf"')
    expect(email.text).toContain('- Mapa de desvíos (PDF, 120 KB): https://cms.test/api/media/file/desvios.pdf')
  })

  it('says «Corrección» in a short message with the note, the corrected lead and the link', async () => {
    const email = await renderCorrectionEmail({ ...base, title: base.bulletin.title, summary: 'El puente cierra del lunes al jueves.', note: 'El cierre termina el jueves, no el viernes.' })
    expect(email.subject).toBe('Corrección: Cierre temporal del puente Juárez')
    for (const part of [email.text, email.html]) {
      expect(part).toContain('El cierre termina el jueves, no el viernes.')
      expect(part).toContain('El puente cierra del lunes al jueves.')
      expect(part).toContain(base.url)
      expect(part).toContain('%%PREGON_UNSUBSCRIBE_URL%%')
    }
  })
})

describe('signed media links', () => {
  const url = signedMediaUrl({ secret: SECRET, cmsUrl: 'https://cms.test', mediaId: 42, variant: 'email', expiresAt: new Date('2027-01-01T00:00:00Z') })
  const parts = (link: string) => {
    const u = new URL(link)
    const [, , , , id, variant] = u.pathname.split('/')
    return { mediaId: id!, variant: variant!, expiry: u.searchParams.get('e')!, signature: u.searchParams.get('s')! }
  }
  const now = new Date('2026-12-01T00:00:00Z')

  it('opens the file it names until it expires', () => {
    expect(url).toMatch(/^https:\/\/cms\.test\/api\/media\/signed\/42\/email\?e=\d+&s=[\w-]{22}$/)
    expect(verifyMediaLink({ secret: SECRET, ...parts(url), now })).toEqual({ ok: true, mediaId: '42', variant: 'email' })
    expect(verifyMediaLink({ secret: SECRET, ...parts(url), now: new Date('2027-01-02T00:00:00Z') })).toEqual({ ok: false, reason: 'expired' })
  })

  it('refuses another file, another size, a later expiry or another secret', () => {
    const p = parts(url)
    expect(verifyMediaLink({ secret: SECRET, ...p, mediaId: '43', now })).toEqual({ ok: false, reason: 'invalid' })
    expect(verifyMediaLink({ secret: SECRET, ...p, variant: 'original', now })).toEqual({ ok: false, reason: 'invalid' })
    expect(verifyMediaLink({ secret: SECRET, ...p, expiry: String(Number(p.expiry) + 86_400), now })).toEqual({ ok: false, reason: 'invalid' })
    expect(verifyMediaLink({ secret: `${SECRET}x`, ...p, now })).toEqual({ ok: false, reason: 'invalid' })
    expect(verifyMediaLink({ secret: SECRET, ...p, signature: 'x', now })).toEqual({ ok: false, reason: 'invalid' })
  })
})
