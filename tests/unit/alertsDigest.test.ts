import { describe, expect, it } from 'vitest'
import { composeAlertDigest, type DigestAlert } from '../../workers/src/alerts/composeAlertDigest'

const alert = (key: string, overrides: Partial<DigestAlert> = {}): DigestAlert => ({
  key,
  message: `Mensaje de ${key}`,
  firstSeenAt: new Date('2026-12-01T15:00:00Z'),
  link: null,
  ...overrides,
})

const input = {
  adminUrl: 'https://cms.municipio.test/admin',
  timeZone: 'America/Mexico_City',
  resolved: [],
}

describe('the admins\' alert digest', () => {
  it('lists new alerts first and marked, older ones with the time they opened, each with its admin link', () => {
    const overdue = alert('bulletins:7:overdue', { link: 'https://cms.municipio.test/admin/collections/bulletins/7', message: '«Feria» sigue programado.' })
    const backup = alert('backup:failed', { message: 'Falló el respaldo.' })
    const digest = composeAlertDigest({ ...input, open: [backup, overdue], newKeys: new Set([overdue.key]) })

    expect(digest.subject).toBe('Pregón: 2 avisos necesitan atención (1 nuevo)')
    expect(digest.text).toContain('NUEVOS\n- [NUEVO] «Feria» sigue programado.\n  https://cms.municipio.test/admin/collections/bulletins/7\n\nSIGUEN ABIERTOS\n- Falló el respaldo.\n  (desde el 01/12/26, 9:00')
    expect(digest.text).toContain('Administración: https://cms.municipio.test/admin')
    expect(digest.html).toContain('<a href="https://cms.municipio.test/admin/collections/bulletins/7">Abrir en la administración</a>')
    // A server-side alert has no page to open.
    expect(digest.html.match(/Abrir en la administración/g)).toHaveLength(1)
  })

  it('says one alert in the singular and leaves out the count of new ones when none is new', () => {
    const only = alert('backup:stale')
    expect(composeAlertDigest({ ...input, open: [only], newKeys: new Set() }).subject).toBe('Pregón: 1 aviso necesita atención')
  })

  it('escapes what alerts quote (titles, server errors) in the HTML part', () => {
    const hostile = alert('distribution:1:failed', { message: 'Falló «<img src=x onerror=alert(1)>» & más' })
    const { html, text } = composeAlertDigest({ ...input, open: [hostile], newKeys: new Set([hostile.key]) })
    expect(html).toContain('Falló «&lt;img src=x onerror=alert(1)&gt;» &amp; más')
    expect(html).not.toContain('<img')
    expect(text).toContain('Falló «<img src=x onerror=alert(1)>» & más')
  })

  it('lists what was resolved since the last digest', () => {
    const open = alert('service:worker:crash-loop')
    const gone = alert('bulletins:3:overdue', { message: '«Aviso» sigue programado.' })
    const { text, html } = composeAlertDigest({ ...input, open: [open], newKeys: new Set([open.key]), resolved: [gone] })
    expect(text).toContain('YA RESUELTOS\n- «Aviso» sigue programado.')
    expect(html).toContain('Ya resueltos')
  })
})
