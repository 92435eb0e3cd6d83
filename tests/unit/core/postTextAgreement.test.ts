import { describe, expect, it } from 'vitest'
import { postTextRules } from '@pregon/core/channels'
import { xTextLength } from '@pregon/core/xTextLength'
import { xTextTotal } from '@pregon/cms/collections/Bulletins/fields/contentFields'
import { createXProvider } from '@pregon/workers/providers/x/XProvider'

// The case reported in issue #16: a portal on localhost, an X text of 256 characters that ends «Lleva tu cartilla y agua.».
// The counter said 280/280 while the preview and the dry run cut it at «…sin…» with the link counted in full.
const localUrl = 'http://localhost:4321/boletines/campana-de-vacunacion-antirrabica-gratuita-en-las-colonias-del-sur/'
const custom =
  'Este sábado 14 y domingo 15 la Secretaría de Salud municipal vacuna gratis a perros y gatos en las colonias del sur, ' +
  'de 9 a 15 h. Es para mascotas de más de un mes de edad, sin importar si ya tuvieron otra dosis. Habrá 12 módulos. Lleva tu cartilla y agua.'
const x = postTextRules('x')

describe('the X post, its preview, its counter and the worker agree (issue #16)', () => {
  it('posts a 256-character text with a localhost link whole, at 280/280 as the counter says', () => {
    expect(xTextLength(custom)).toBe(256)
    const post = x.compose({ title: 'Vacunación', url: localUrl, customText: custom })
    expect(post).toEqual({ text: `${custom} ${localUrl}`, length: 280, fullLength: 280, isShortened: false })
    expect(xTextTotal(custom, localUrl)).toBe(280)
    expect(xTextTotal(custom)).toBe(280)
  })

  it('counts the bulletin’s link as 23 whatever its host: localhost, an IP address, a domain', () => {
    for (const url of [localUrl, 'http://127.0.0.1:4321/boletines/x/', 'https://comunicacion.santalucia.gob.mx/boletines/x/']) {
      expect(x.measure(`Hoy ${url}`, url)).toBe(4 + 23)
    }
  })

  it('gives the dry run the very text of the preview, and refuses nothing the counter accepted', async () => {
    const post = x.compose({ title: 'Vacunación', url: localUrl, customText: custom })
    const result = await createXProvider({ credentials: null }).post({ text: post.text, link: localUrl })
    expect(result).toMatchObject({ kind: 'dry-run', text: post.text })
  })

  it('shortens a title that does not fit and counts the shortened post as the preview shows it', () => {
    const title = `${'La Dirección de Obras informa sobre los trabajos de bacheo en la cabecera municipal, '.repeat(4)}Lleva tu paciencia.`
    const post = x.compose({ title, url: localUrl })
    expect(post.isShortened).toBe(true)
    expect(post.length).toBe(x.measure(post.text, localUrl))
    expect(post.length).toBeLessThanOrEqual(280)
    expect(post.length).toBeGreaterThan(260)
    expect(post.fullLength).toBe(xTextLength(title) + 1 + 23)
    expect(post.text.endsWith(`… ${localUrl}`)).toBe(true)
  })

  it('appends the bulletin’s link to a text that names another one, and counts both', () => {
    const text = 'Consulta el reglamento en https://santalucia.gob.mx/reglamento'
    const post = x.compose({ title: 't', url: localUrl, customText: text })
    expect(post.text).toBe(`${text} ${localUrl}`)
    expect(xTextTotal(text, localUrl)).toBe(post.fullLength)
    expect(post.fullLength).toBe('Consulta el reglamento en '.length + 23 + 1 + 23)
  })

  it('keeps a text that already carries the bulletin’s link as written', () => {
    const text = `Detalles: ${localUrl} #Vacunación`
    expect(x.compose({ title: 't', url: localUrl, customText: text })).toMatchObject({ text, length: 'Detalles: '.length + 23 + ' #Vacunación'.length })
  })
})
