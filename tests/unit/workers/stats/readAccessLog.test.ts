import { describe, expect, it } from 'vitest'
import { classifyRequest, feedSubscriberCount, parseLogLine, visitorKey } from '@pregon/workers/stats/readAccessLog'
import type { LogRequest } from '@pregon/workers/stats/types'

const CHROME_ANDROID = 'Mozilla/5.0 (Linux; Android 13; SM-A145M) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.81 Mobile Safari/537.36'
const GOOGLEBOT = 'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.108 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)'
const FEEDLY = 'Feedly/1.0 (+http://www.feedly.com/fetcher.html; 123 subscribers; like FeedFetcher-Google)'
const INOREADER = 'Inoreader/1.0 (+http://www.inoreader.com/feed-fetcher; 45 subscribers; )'
const NEWSBLUR = 'NewsBlur Feed Fetcher - 12 subscribers - http://www.newsblur.com/site/6183/boletines-guasave (Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15)'

/** An nginx combined line from a visitor in Guasave (UTC−6). */
const nginx = ({ request = 'GET / HTTP/1.1', status = 200, bytes = '18234', referrer = '-', agent = CHROME_ANDROID, host = '187.190.12.34' } = {}) =>
  `${host} - - [03/Dec/2024:08:15:02 -0600] "${request}" ${status} ${bytes} "${referrer}" "${agent}"`

const parsed = (line: string): LogRequest => {
  const request = parseLogLine(line)
  if (!request) throw new Error(`not parsed: ${line}`)
  return request
}
const kindOf = (line: string) => classifyRequest(parsed(line))

/** A request as a proxy logs it, for classification cases. */
const request = (overrides: Partial<LogRequest> = {}): LogRequest => ({
  at: new Date('2024-12-03T14:15:02Z'),
  method: 'GET',
  path: '/',
  status: 200,
  bytes: 1000,
  userAgent: CHROME_ANDROID,
  referrer: null,
  address: '187.190.12.34',
  visitorToken: null,
  ...overrides,
})

describe('parseLogLine', () => {
  it('reads an nginx combined line: time with its offset, path decoded once, referrer, agent', () => {
    const line = nginx({ request: 'GET /boletines/inauguraci%C3%B3n-del-puente/ HTTP/2.0', referrer: 'https://www.facebook.com/' })
    expect(parseLogLine(line)).toEqual({
      at: new Date('2024-12-03T14:15:02.000Z'),
      method: 'GET',
      path: '/boletines/inauguración-del-puente/',
      status: 200,
      bytes: 18234,
      userAgent: CHROME_ANDROID,
      referrer: 'https://www.facebook.com/',
      address: '187.190.12.34',
      visitorToken: null,
    })
    expect(parsed(line).at.toISOString()).toBe('2024-12-03T14:15:02.000Z')
  })

  it('keeps the path only: no query string, no scheme or host of an absolute-form target', () => {
    expect(parsed(nginx({ request: 'GET /buscar/?q=pavimentaci%C3%B3n&page=2 HTTP/1.1' })).path).toBe('/buscar/')
    expect(parsed(nginx({ request: 'GET http://prensa.guasave.gob.mx/temas/agua/?utm_source=fb HTTP/1.1' })).path).toBe('/temas/agua/')
    expect(parsed(nginx({ request: 'GET https://prensa.guasave.gob.mx HTTP/1.1' })).path).toBe('/')
  })

  it('leaves a path with a bad or control-character escape as written', () => {
    expect(parsed(nginx({ request: 'GET /boletines/100%-limpio/ HTTP/1.1' })).path).toBe('/boletines/100%-limpio/')
    expect(parsed(nginx({ request: 'GET /boletines/x%00y/ HTTP/1.1' })).path).toBe('/boletines/x%00y/')
    expect(parsed(nginx({ request: 'GET /temas/%25C3/ HTTP/1.1' })).path).toBe('/temas/%C3/')
  })

  it('reads a missing size as 0 bytes and a "-" referrer as none', () => {
    const line = nginx({ request: 'GET /peticiones/ HTTP/1.1', status: 304, bytes: '-' })
    expect(parsed(line)).toMatchObject({ path: '/peticiones/', status: 304, bytes: 0, referrer: null })
  })

  it('undoes escaped quotes and backslashes (Apache, Pregón) and \\xHH bytes (nginx)', () => {
    expect(parsed(nginx({ agent: String.raw`Mozilla/5.0 (compatible; \"Lector\" de C:\\noticias)` })).userAgent).toBe('Mozilla/5.0 (compatible; "Lector" de C:\\noticias)')
    expect(parsed(nginx({ agent: String.raw`Navegador \x22Peñasco\x22 \xC3\xB1` })).userAgent).toBe('Navegador "Peñasco" ñ')
  })

  it("puts Pregón's own visitor token where the address would be, and keeps no address", () => {
    const line = `v:3f9a1c2b7d4e5f60 - - [03/Dec/2024:14:15:02 +0000] "GET /dependencias/obras-publicas/ HTTP/1.1" 200 9120 "https://prensa.guasave.gob.mx/" "${CHROME_ANDROID}"`
    expect(parsed(line)).toMatchObject({ address: null, visitorToken: 'v:3f9a1c2b7d4e5f60', path: '/dependencias/obras-publicas/', referrer: 'https://prensa.guasave.gob.mx/' })
    expect(parsed(line).at.toISOString()).toBe('2024-12-03T14:15:02.000Z')
  })

  it("reads Caddy's JSON access log, preferring client_ip to the proxy's remote_ip", () => {
    const entry = {
      level: 'info',
      ts: 1733212800.123,
      logger: 'http.log.access.log0',
      msg: 'handled request',
      request: {
        remote_ip: '172.18.0.1',
        remote_port: '51234',
        client_ip: '187.190.12.34',
        proto: 'HTTP/2.0',
        method: 'GET',
        host: 'prensa.guasave.gob.mx',
        uri: '/programas/becas-municipales/?ref=fb',
        headers: { 'User-Agent': [CHROME_ANDROID], Referer: ['https://m.facebook.com/'], Accept: ['text/html'] },
      },
      bytes_read: 0,
      duration: 0.0012,
      size: 18234,
      status: 200,
      resp_headers: { 'Content-Type': ['text/html; charset=utf-8'] },
    }
    expect(parseLogLine(JSON.stringify(entry))).toEqual({
      at: new Date('2024-12-03T08:00:00.123Z'),
      method: 'GET',
      path: '/programas/becas-municipales/',
      status: 200,
      bytes: 18234,
      userAgent: CHROME_ANDROID,
      referrer: 'https://m.facebook.com/',
      address: '187.190.12.34',
      visitorToken: null,
    })
    const { client_ip: _, ...direct } = entry.request
    expect(parsed(JSON.stringify({ ...entry, request: { ...direct, headers: {} } }))).toMatchObject({ address: '172.18.0.1', userAgent: '', referrer: null })
  })

  it('returns null for anything it cannot read, without throwing', () => {
    for (const line of [
      '',
      'hola mundo',
      '45.12.1.9 - - [03/Dec/2024:09:00:00 -0600] "\\x16\\x03\\x01\\x02\\x00" 400 157 "-" "-"',
      '45.12.1.9 - - [31/Feb/2024:09:00:00 -0600] "GET / HTTP/1.1" 200 10 "-" "-"',
      '45.12.1.9 - - [03/Dic/2024:09:00:00 -0600] "GET / HTTP/1.1" 200 10 "-" "-"',
      '{"level":"info","msg":"handled request"}',
      '{"level":"info","ts":1733212800,"request":{"method":"GET"',
      '[1,2,3]',
    ]) {
      expect(parseLogLine(line)).toBeNull()
    }
  })
})

describe('classifyRequest', () => {
  it('counts a page view with its path on one name per page', () => {
    expect(kindOf(nginx({ request: 'GET /boletines/inauguraci%C3%B3n-del-puente/ HTTP/1.1' }))).toEqual({ kind: 'page', path: '/boletines/inauguración-del-puente/' })
    expect(kindOf(nginx({ request: 'GET /boletines/pagina/2 HTTP/1.1' }))).toEqual({ kind: 'page', path: '/boletines/pagina/2/' })
    expect(kindOf(nginx({ request: 'GET /index.html HTTP/1.1' }))).toEqual({ kind: 'page', path: '/' })
    expect(kindOf(nginx({ request: 'GET /boletines/corte-de-agua/index.html HTTP/1.1' }))).toEqual({ kind: 'page', path: '/boletines/corte-de-agua/' })
    expect(kindOf(nginx({ request: 'GET /buscar/?q=agua HTTP/1.1' }))).toEqual({ kind: 'page', path: '/buscar/' })
  })

  it('counts a 304 on a page as a view and ignores other statuses', () => {
    expect(kindOf(nginx({ request: 'GET /suscribirse/ HTTP/1.1', status: 304, bytes: '0' }))).toEqual({ kind: 'page', path: '/suscribirse/' })
    expect(kindOf(nginx({ request: 'GET /boletines/no-existe/ HTTP/1.1', status: 404 }))).toEqual({ kind: 'ignored', reason: 'status' })
    expect(kindOf(nginx({ request: 'GET /boletines/corte-de-agua HTTP/1.1', status: 301 }))).toEqual({ kind: 'ignored', reason: 'status' })
  })

  it('ignores every method but GET, HEAD included', () => {
    expect(kindOf(nginx({ request: 'POST /peticiones/ HTTP/1.1' }))).toEqual({ kind: 'ignored', reason: 'method' })
    expect(kindOf(nginx({ request: 'HEAD / HTTP/1.1' }))).toEqual({ kind: 'ignored', reason: 'method' })
  })

  it('ignores robots, link previews, scripts and monitors, but not a phone named Cubot', () => {
    for (const agent of [
      GOOGLEBOT,
      'WhatsApp/2.23.20.0 A',
      'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
      'TelegramBot (like TwitterBot)',
      'Mozilla/5.0 (compatible; GPTBot/1.2; +https://openai.com/gptbot)',
      'Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)',
      'curl/8.5.0',
      'python-requests/2.32.3',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
      '',
    ]) {
      expect(classifyRequest(request({ userAgent: agent }))).toEqual({ kind: 'ignored', reason: 'bot' })
    }
    const cubot = 'Mozilla/5.0 (Linux; Android 10; CUBOT X30) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36'
    expect(classifyRequest(request({ userAgent: cubot }))).toEqual({ kind: 'page', path: '/' })
  })

  it('counts a feed fetch with the aggregator and the subscribers it reports, before any robot rule', () => {
    expect(kindOf(nginx({ request: 'GET /rss.xml HTTP/1.1', agent: FEEDLY }))).toEqual({ kind: 'feed', feed: '/rss.xml', reader: 'Feedly', subscribers: 123 })
    expect(kindOf(nginx({ request: 'GET /programas/rss.xml HTTP/1.1', agent: INOREADER }))).toEqual({ kind: 'feed', feed: '/programas/rss.xml', reader: 'Inoreader', subscribers: 45 })
    expect(kindOf(nginx({ request: 'GET /dependencias/obras-publicas/rss.xml HTTP/1.1', status: 304, bytes: '0', agent: NEWSBLUR }))).toEqual({
      kind: 'feed',
      feed: '/dependencias/obras-publicas/rss.xml',
      reader: 'NewsBlur',
      subscribers: 12,
    })
    const netvibes = 'Netvibes (crawler/bot; http://www.netvibes.com; 3 subscribers)'
    expect(classifyRequest(request({ path: '/rss/boletines.xml', userAgent: netvibes }))).toEqual({ kind: 'feed', feed: '/rss/boletines.xml', reader: 'Netvibes', subscribers: 3 })
  })

  it('counts an unknown client on a feed as «otro lector», but a search crawler on a feed as a robot', () => {
    expect(kindOf(nginx({ request: 'GET /rss.xml HTTP/1.1', agent: 'rss2email/3.14 (https://github.com/rss2email/rss2email)' }))).toEqual({ kind: 'feed', feed: '/rss.xml', reader: 'otro lector', subscribers: null })
    expect(classifyRequest(request({ path: '/rss.xml', userAgent: 'curl/8.5.0' }))).toEqual({ kind: 'feed', feed: '/rss.xml', reader: 'otro lector', subscribers: null })
    expect(classifyRequest(request({ path: '/rss.xml', userAgent: GOOGLEBOT }))).toEqual({ kind: 'ignored', reason: 'bot' })
    expect(classifyRequest(request({ path: '/rss.xml', status: 404, userAgent: FEEDLY }))).toEqual({ kind: 'ignored', reason: 'status' })
  })

  it('ignores assets, sitemaps and the health check', () => {
    for (const path of ['/_astro/index.B3xq9Z.css', '/media/boletines/puente-1200.webp', '/pagefind/pagefind.js', '/favicon.ico', '/robots.txt', '/rss.xsl', '/sitemap-index.xml', '/sitemap-0.xml', '/programas/becas/fecha-limite.ics']) {
      expect(classifyRequest(request({ path }))).toEqual({ kind: 'ignored', reason: 'asset' })
    }
    expect(kindOf(nginx({ request: 'GET /healthz HTTP/1.1', agent: 'Mozilla/5.0 (compatible; UptimeRobot/2.0; http://www.uptimerobot.com/)' }))).toEqual({ kind: 'ignored', reason: 'health' })
  })
})

describe('feedSubscriberCount', () => {
  it('reads the count aggregators put in their user agent', () => {
    expect(feedSubscriberCount('Feedbin feed-id:1234 - 7 subscribers')).toBe(7)
    expect(feedSubscriberCount('Mozilla/5.0 (compatible; theoldreader.com; 12 subscribers; feed-id=5f2a)')).toBe(12)
    expect(feedSubscriberCount('Bloglovin/1.0 (http://www.bloglovin.com; 1 subscriber)')).toBe(1)
    expect(feedSubscriberCount('Feed Reader (https://example.mx; 30 readers)')).toBe(30)
    expect(feedSubscriberCount(CHROME_ANDROID)).toBeNull()
  })
})

describe('visitorKey', () => {
  const visitor = request({ address: '187.190.12.34' })

  it('gives the same key for the same address, browser and salt, and another with another salt', () => {
    const key = visitorKey(visitor, 'sal-del-3-de-diciembre')
    expect(key).toMatch(/^v:[0-9a-f]{16}$/)
    expect(visitorKey({ ...visitor, path: '/boletines/' }, 'sal-del-3-de-diciembre')).toBe(key)
    expect(visitorKey(visitor, 'sal-del-4-de-diciembre')).not.toBe(key)
    expect(visitorKey({ ...visitor, userAgent: GOOGLEBOT }, 'sal-del-3-de-diciembre')).not.toBe(key)
  })

  it('never carries the address', () => {
    for (const address of ['187.190.12.34', '2806:2f0:9020:a1b2::1']) {
      const key = visitorKey(request({ address }), 'sal')!
      expect(key).not.toContain(address)
    }
  })

  it("uses Pregón's own token as it is, and gives none without address or token", () => {
    expect(visitorKey(request({ address: null, visitorToken: 'v:3f9a1c2b7d4e5f60' }), 'sal')).toBe('v:3f9a1c2b7d4e5f60')
    expect(visitorKey(request({ address: null }), 'sal')).toBeNull()
  })
})
