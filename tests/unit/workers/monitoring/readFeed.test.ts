import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { PregonError } from '@pregon/core/PregonError'
import { decodeFeedBody } from '@pregon/workers/monitoring/decodeFeedBody'
import { FEED_UNREADABLE, readFeed } from '@pregon/workers/monitoring/readFeed'
import type { ReadFeed } from '@pregon/workers/monitoring/types'

const now = new Date('2026-12-03T15:00:00Z')
const fixtureBytes = (name: string) => new Uint8Array(fs.readFileSync(new URL(`../../../fixtures/feeds/${name}`, import.meta.url)))
const fixture = (name: string) => decodeFeedBody(fixtureBytes(name), null).text
const read = (text: string, sourceUrl = 'https://www.elvigia.com.mx/feed/') => readFeed(text, sourceUrl, now)
/** Dates as ISO strings, so a failure shows them readably. */
const plain = (feed: ReadFeed) => ({ ...feed, entries: feed.entries.map((entry) => ({ ...entry, publishedAt: entry.publishedAt?.toISOString() ?? null })) })

function errorOf(run: () => unknown): PregonError {
  try {
    run()
  } catch (error) {
    if (error instanceof PregonError) return error
    throw error
  }
  throw new Error('expected a PregonError')
}

const rss = (items: string) => `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Guasave Hoy</title><link>https://guasavehoy.mx/</link><description>Noticias</description>${items}</channel></rss>`

describe('readFeed', () => {
  it('reads a WordPress RSS feed: canonical links, plain titles, summaries without the Yoast signature, dates', () => {
    const feed = plain(read(fixture('wordpress-rss.xml')))
    expect(feed.format).toBe('rss')
    expect(feed.title).toBe('El Vigía de Guasave')
    expect(feed.notes).toEqual([])
    expect(feed.entries.map(({ summary, ...rest }) => rest)).toEqual([
      {
        url: 'https://www.elvigia.com.mx/2026/12/02/ayuntamiento-de-guasave-inaugura-pozo-de-agua-en-el-huitussi',
        title: 'Ayuntamiento de Guasave inaugura pozo de agua en El Huitussi',
        publishedAt: '2026-12-02T18:30:12.000Z',
      },
      {
        url: 'https://www.elvigia.com.mx/2026/12/02/pescadores-de-boca-del-rio-piden-adelantar-bienpesca',
        title: 'Pescadores de Boca del Río piden a Conapesca adelantar el apoyo del Bienpesca',
        publishedAt: '2026-12-02T16:05:40.000Z',
      },
      {
        url: 'https://www.elvigia.com.mx/2026/12/01/cabildo-aprueba-ley-de-ingresos-2027',
        title: 'Cabildo aprueba la Ley de Ingresos 2027; predial sin aumento',
        publishedAt: '2026-12-01T23:50:00.000Z',
      },
    ])
    const [pozo, pescadores, cabildo] = feed.entries
    // The description (the excerpt) before content:encoded; Yoast's «La entrada … se publicó primero en …» dropped.
    expect(pozo!.summary).toBe('La obra, con una inversión de 2.4 millones de pesos, beneficiará a más de 800 familias de la sindicatura de Juan José Ríos…')
    // No description: content:encoded, cut at a word within 600 characters.
    expect(pescadores!.summary).toMatch(/^Alrededor de 300 pescadores ribereños de Boca del Río se reunieron este miércoles.+ gestionar una reunión…$/)
    expect(pescadores!.summary.length).toBeLessThanOrEqual(600)
    expect(cabildo!.summary).toBe('Por unanimidad, el Cabildo de Guasave aprobó el proyecto que se enviará al Congreso del Estado.')
  })

  it('reads an Atom feed: the alternate link resolved against the feed, published before updated', () => {
    const feed = plain(read(fixture('atom.xml'), 'https://diariodelevora.mx/municipios.atom'))
    expect(feed).toEqual({
      format: 'atom',
      title: 'Diario del Évora — Municipios',
      notes: [],
      entries: [
        {
          url: 'https://diariodelevora.mx/municipios/2026/12/convenio-basura',
          title: 'Guasave & Angostura firman convenio de recolección de basura',
          summary: 'Los alcaldes acordaron compartir el relleno sanitario regional durante 2027.',
          publishedAt: '2026-12-02T18:40:00.000Z',
        },
        {
          url: 'https://diariodelevora.mx/municipios/2026/12/suspenden-clases-sinaloa-de-leyva',
          title: 'Sinaloa de Leyva suspende clases por bajas temperaturas',
          summary: 'La Secretaría de Educación confirmó la medida para las escuelas de la sierra. Se reanudan el lunes.',
          publishedAt: '2026-12-02T07:30:00.000Z',
        },
      ],
    })
  })

  it('reads a Windows-1252 feed once decodeFeedBody has decoded it', () => {
    const feed = plain(read(fixture('windows-1252.xml'), 'http://www.riosinaloanoticias.com.mx/rss.asp'))
    expect(feed.title).toBe('Río Sinaloa Noticias')
    expect(feed.entries).toEqual([
      {
        url: 'https://www.riosinaloanoticias.com.mx/noticia.asp?id=15521',
        title: 'Niños de la Ñ: escuela de Tamazula gana “Olimpiada del Conocimiento”',
        summary: 'La alumna Sofía Peñuelas obtuvo el primer lugar estatal — ¡felicidades! Premio de 5 000 €.',
        publishedAt: '2026-12-02T17:20:00.000Z',
      },
    ])
  })

  it('reads a feed that lies about being UTF-8 without mojibake', () => {
    const decoded = decodeFeedBody(fixtureBytes('utf8-declared-windows-1252.xml'), 'application/rss+xml; charset=UTF-8')
    const feed = read(decoded.text, 'https://guasavehoy.mx/feed')
    expect(feed.entries[0]).toMatchObject({
      title: 'Protección Civil pide precaución por el frente frío número 12',
      summary: 'Se esperan temperaturas de 4 °C en la zona serrana; “abríguense”, pidió el coordinador.',
    })
  })

  it('turns HTML and double-escaped entities in titles and descriptions into plain text', () => {
    const feed = plain(read(fixture('double-escaped.xml'), 'https://noticiasdelvalle.mx/rss.php'))
    expect(feed.title).toBe('Noticias del Valle & la Costa')
    expect(feed.entries).toEqual([
      {
        url: 'https://noticiasdelvalle.mx/nota.php?id=7781&seccion=politica',
        title: 'Cabildo aprueba "Ley de Ingresos 2027" sin aumento al predial',
        summary: 'La sesión duró cuatro horas. Votaron a favor los 18 regidores.',
        publishedAt: '2026-12-02T19:00:00.000Z',
      },
      {
        url: 'https://noticiasdelvalle.mx/nota.php?id=7779&seccion=local',
        title: 'URGENTE: cierran la México 15 & desvían el tráfico por Ruiz Cortines',
        summary: 'Tránsito Municipal pidió usar rutas alternas.',
        publishedAt: '2026-12-02T16:30:00.000Z',
      },
      {
        url: 'https://noticiasdelvalle.mx/nota.php?id=7770&seccion=local',
        title: 'Obras Públicas rehabilita calles de la colonia Ejidal',
        summary: 'Trabajos… en cinco calles',
        publishedAt: '2026-12-02T00:00:00.000Z',
      },
      {
        url: 'https://noticiasdelvalle.mx/nota.php?id=7765&seccion=local',
        title: 'Guasave recibe 40 mdp para el drenaje pluvial',
        summary: '',
        publishedAt: '2026-12-01T17:00:00.000Z',
      },
    ])
  })

  it('leaves dates it does not understand empty, keeps what was written, and sums them up in one note', () => {
    const feed = plain(read(fixture('bad-dates.xml'), 'https://debateregional.com.mx/rss'))
    expect(feed.entries.map(({ title, publishedAt, unreadDate }) => ({ title, publishedAt, unreadDate }))).toEqual([
      { title: 'Entregan becas a estudiantes de la UAS en Guasave', publishedAt: null, unreadDate: '02/12/2026 08:00' },
      { title: 'Arranca la Feria del Juguete en la plazuela', publishedAt: '2026-12-02T14:00:00.000Z', unreadDate: undefined },
      { title: 'Piden semáforo en la Adolfo López Mateos', publishedAt: null, unreadDate: 'Martes, 1 de diciembre de 2026' },
      { title: 'Regidores presentan iniciativa de bienestar animal', publishedAt: '2026-12-02T13:00:00.000Z', unreadDate: undefined },
      { title: 'Vecinos de la Ejidal reportan fuga de agua', publishedAt: null, unreadDate: '2026-12-02 08:00:00' },
      // Three weeks ahead: a wrong date, not an early scoop.
      { title: 'Posada navideña del DIF municipal', publishedAt: null, unreadDate: 'Thu, 24 Dec 2026 18:00:00 -0700' },
      { title: 'Suspenden el servicio de agua en el centro', publishedAt: '2026-12-02T02:45:00.000Z', unreadDate: undefined },
      { title: 'Convocan a la carrera del Día de la Revolución', publishedAt: null, unreadDate: undefined },
    ])
    expect(feed.notes).toEqual([
      '4 fechas no reconocidas (esas entradas quedan sin fecha): «02/12/2026 08:00», «Martes, 1 de diciembre de 2026», «2026-12-02 08:00:00».',
      '1 entrada no trae fecha de publicación.',
    ])
  })

  it('takes dc:date when pubDate is there but not understood', () => {
    const feed = read(`<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>
      <item><title>A</title><link>https://a.mx/a</link><pubDate>02/12/2026</pubDate><dc:date>2026-12-02T08:00:00-07:00</dc:date></item></channel></rss>`)
    expect(feed.entries[0]).toEqual({ url: 'https://a.mx/a', title: 'A', summary: '', publishedAt: new Date('2026-12-02T15:00:00Z') })
    expect(feed.notes).toEqual([])
  })

  it('skips entries without a usable address, keeps the first of a repeated one, and says both', () => {
    const feed = read(
      rss(`
        <item><title>Primera</title><link>https://guasavehoy.mx/nota/1?utm_source=rss</link></item>
        <item><title>Primera, otra vez</title><link>https://guasavehoy.mx/nota/1/#comentarios</link></item>
        <item><title>Sin enlace, guid que no es dirección</title><guid isPermaLink="false">nota-2</guid></item>
        <item><title>Sin enlace, guid permalink sin atributo</title><guid>https://guasavehoy.mx/nota/3</guid></item>
        <item><title>Enlace relativo</title><link>/nota/4</link></item>
        <item><title>Enlace javascript</title><link>javascript:void(0)</link></item>
        <item><title>Guid suelto</title><guid>5</guid></item>`),
      'https://guasavehoy.mx/feed/',
    )
    expect(feed.entries.map(({ url, title }) => ({ url, title }))).toEqual([
      { url: 'https://guasavehoy.mx/nota/1', title: 'Primera' },
      { url: 'https://guasavehoy.mx/nota/3', title: 'Sin enlace, guid permalink sin atributo' },
      { url: 'https://guasavehoy.mx/nota/4', title: 'Enlace relativo' },
    ])
    expect(feed.notes).toEqual([
      '3 entradas sin dirección válida se omitieron.',
      '1 entrada repetida (misma dirección) se omitió.',
      '3 entradas no traen fecha de publicación.',
    ])
  })

  it('titles an untitled entry with the end of its address, and says so', () => {
    const feed = read(rss(`<item><link>https://guasavehoy.mx/2026/12/02/inauguran-pozo-en-el-huitussi/</link><description>Texto</description><pubDate>Wed, 02 Dec 2026 10:00:00 -0700</pubDate></item>`))
    expect(feed.entries[0]).toMatchObject({ url: 'https://guasavehoy.mx/2026/12/02/inauguran-pozo-en-el-huitussi', title: 'inauguran pozo en el huitussi', summary: 'Texto' })
    expect(feed.notes).toEqual(['1 entrada sin título; se usó el final de su dirección.'])
  })

  it('tolerates what outlets get slightly wrong: a raw &, a PHP warning before the prolog, an RSS 0.91 doctype', () => {
    const item = '<item><title>Tom & Jerry en el Teatro Guasave</title><link>https://a.mx/nota?id=1&seccion=cultura</link></item>'
    const expected = [{ url: 'https://a.mx/nota?id=1&seccion=cultura', title: 'Tom & Jerry en el Teatro Guasave', summary: '', publishedAt: null }]
    expect(read(rss(item)).entries).toEqual(expected)
    expect(read(`\n<b>Warning</b>: Undefined variable $x in /var/www/wp-content/plugins/x.php on line 12<br />\n${rss(item)}`).entries).toEqual(expected)
    const doctype = '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">'
    expect(read(`${doctype}<rss version="0.91"><channel><title>T</title>${item}</channel></rss>`).entries).toEqual(expected)
  })

  it('accepts a channel with no items', () => {
    expect(read(fixture('empty-channel.xml'), 'https://lineadirectaportal.com/categoria/guasave/feed/')).toEqual({ format: 'rss', title: 'Línea Directa – Guasave', entries: [], notes: [] })
  })

  it('reads RDF (RSS 1.0) and JSON Feed', () => {
    const rdf = read(`<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="https://a.mx/rdf"><title>Agencia</title><link>https://a.mx</link><description>d</description></channel>
      <item rdf:about="https://a.mx/r1"><title>Nota RDF</title><link>https://a.mx/r1</link><dc:date>2026-11-30T10:00Z</dc:date></item></rdf:RDF>`)
    expect(rdf).toEqual({ format: 'rdf', title: 'Agencia', notes: [], entries: [{ url: 'https://a.mx/r1', title: 'Nota RDF', summary: '', publishedAt: new Date('2026-11-30T10:00:00Z') }] })

    const json = read(
      JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'Portal JSON',
        items: [{ id: 'https://a.mx/j1', url: 'https://a.mx/j1?utm_medium=json', title: 'Nota JSON', content_html: '<p>Hola <b>Guasave</b></p>', date_published: '2026-12-01T10:00:00-07:00' }],
      }),
    )
    expect(json).toEqual({ format: 'json', title: 'Portal JSON', notes: [], entries: [{ url: 'https://a.mx/j1', title: 'Nota JSON', summary: 'Hola Guasave', publishedAt: new Date('2026-12-01T17:00:00Z') }] })
  })

  it('reads a Google News sitemap: its titles, publication dates and the publication name', () => {
    const feed = plain(read(fixture('google-news-sitemap.xml'), 'https://www.elvigia.com.mx/news-sitemap.xml'))
    expect(feed).toEqual({
      format: 'sitemap',
      title: 'El Vigía de Guasave',
      notes: [],
      entries: [
        {
          url: 'https://www.elvigia.com.mx/2026/12/02/ayuntamiento-de-guasave-inaugura-pozo-de-agua-en-el-huitussi',
          title: 'Ayuntamiento de Guasave inaugura pozo de agua en El Huitussi',
          summary: '',
          publishedAt: '2026-12-02T18:30:12.000Z',
        },
        {
          url: 'https://www.elvigia.com.mx/2026/12/02/pescadores-de-boca-del-rio-piden-adelantar-bienpesca',
          title: 'Pescadores de Boca del Río piden a Conapesca adelantar el apoyo & la revisión del padrón',
          summary: '',
          publishedAt: '2026-12-02T16:05:40.000Z',
        },
        { url: 'https://www.elvigia.com.mx/2026/12/01/cabildo-aprueba-ley-de-ingresos-2027', title: 'Cabildo aprueba la Ley de Ingresos 2027', summary: '', publishedAt: '2026-12-01T00:00:00.000Z' },
      ],
    })
  })

  it('reads a plain sitemap with titles from the addresses and lastmod as the date', () => {
    const feed = plain(
      read(`<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
        <url><loc>https://a.mx/noticias/guasave/bacheo-en-la-colonia-centro.html</loc><lastmod>2026-12-02T09:00:00-07:00</lastmod></url>
        <url><loc>https://a.mx/noticias/guasave/bacheo-en-la-colonia-centro.html?utm_source=sitemap</loc></url>
        <url><loc>https://a.mx/</loc></url></urlset>`),
    )
    expect(feed).toEqual({
      format: 'sitemap',
      title: null,
      entries: [
        { url: 'https://a.mx/noticias/guasave/bacheo-en-la-colonia-centro.html', title: 'bacheo en la colonia centro', summary: '', publishedAt: '2026-12-02T16:00:00.000Z' },
        { url: 'https://a.mx/', title: 'a.mx', summary: '', publishedAt: null },
      ],
      notes: ['1 entrada repetida (misma dirección) se omitió.', '1 entrada no trae fecha de publicación.', '2 entradas sin título; se usó el final de su dirección.'],
    })
  })

  it('returns no entries for a sitemap index, and names the sitemap to register instead', () => {
    expect(read(fixture('sitemap-index.xml'), 'https://www.elvigia.com.mx/sitemap_index.xml')).toEqual({
      format: 'sitemap',
      title: null,
      entries: [],
      notes: ['La dirección es un índice de sitemaps (4), no una lista de notas: registre uno de ellos, por ejemplo https://www.elvigia.com.mx/news-sitemap.xml.'],
    })
  })

  it('refuses an HTML page (a 404, the outlet\'s home) with a message that says what to check', () => {
    const error = errorOf(() => read(fixture('not-found.html')))
    expect(error.code).toBe(FEED_UNREADABLE)
    expect(error.code).toBe('feed-unreadable')
    expect(error.status).toBe(422)
    expect(error.message).toBe('La dirección no devuelve un canal RSS/Atom ni un sitemap, sino una página HTML. Revise la dirección del canal.')
    expect(errorOf(() => read('<html><body><p>Hola</p></body></html>')).message).toBe(error.message)
  })

  it('refuses a truncated feed or sitemap, even when the items before the cut would parse', () => {
    const feed = errorOf(() => read(fixture('truncated.xml')))
    expect(feed.code).toBe('feed-unreadable')
    expect(feed.message).toBe('El canal está incompleto o mal formado (XML inválido): termina sin cerrar <rss>, probablemente la descarga se cortó. Si se repite, avise al medio.')
    const cutAfterAnItem = fixture('wordpress-rss.xml').split('</item>').slice(0, 2).join('</item>') + '</item>'
    expect(errorOf(() => read(cutAfterAnItem)).message).toContain('termina sin cerrar <rss>')
    const sitemap = fixture('google-news-sitemap.xml')
    expect(errorOf(() => read(sitemap.slice(0, sitemap.indexOf('</url>')))).message).toContain('termina sin cerrar <urlset>')
  })

  it('refuses broken XML, keeping the parser\'s reason in the details', () => {
    const error = errorOf(() => read(rss('<item><title>Nota</titl><link>https://a.mx/1</link></item>')))
    expect(error.code).toBe('feed-unreadable')
    expect(error.message).toBe('El canal está incompleto o mal formado (XML inválido): tiene etiquetas sin cerrar o mal escritas. Si se repite, avise al medio.')
    expect(error.details).toEqual({ reason: expect.stringContaining('title') })
  })

  it('refuses broken JSON, other XML and plain text', () => {
    expect(errorOf(() => read('{"version":"https://jsonfeed.org/version/1.1","title":"Portal","items":[{"id":"1"')).message).toBe(
      'El canal está incompleto o mal formado (JSON inválido): el texto se corta o tiene errores de sintaxis. Si se repite, avise al medio.',
    )
    expect(errorOf(() => read('<?xml version="1.0"?><opml version="2.0"><body/></opml>')).message).toBe(
      'La dirección no devuelve un canal RSS/Atom ni un sitemap, sino un documento <opml>. Revise la dirección del canal.',
    )
    expect(errorOf(() => read('Service Unavailable')).message).toBe('La dirección no devuelve un canal RSS/Atom ni un sitemap, sino un texto que no es XML ni JSON Feed. Revise la dirección del canal.')
    expect(errorOf(() => read('')).code).toBe('feed-unreadable')
  })
})
