import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import type http from 'node:http'
import path from 'node:path'

/** Pregón's own access log files: one per UTC day, read by the worker's statistics (workers/src/stats). */
export const ACCESS_LOG_PREFIX = 'portal-access-'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const pad = (n: number) => String(n).padStart(2, '0')
const quoted = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/[\u0000-\u001f]/g, '')}"`

export interface AccessLog {
  record(request: http.IncomingMessage, response: http.ServerResponse): void
  close(): Promise<void>
}

/**
 * The portal's requests in the Combined Log Format nginx and Apache write, so the same reader counts Pregón's
 * server and an operator's proxy. The client's address is never written: in its place goes `v:<hash>`, a hash
 * of address and browser with a random salt held in memory for one day and then dropped, so a visitor can be
 * counted within a day and never followed across days or traced back. (A restart draws a new salt: the same
 * person before and after counts twice that day.)
 */
export function createAccessLog(dir: string, { now = () => new Date() }: { now?: () => Date } = {}): AccessLog {
  fs.mkdirSync(dir, { recursive: true })
  let day = ''
  let salt = Buffer.alloc(0)
  let stream: fs.WriteStream | null = null
  const roll = (at: Date) => {
    const today = at.toISOString().slice(0, 10)
    if (today === day && stream) return stream
    stream?.end()
    day = today
    salt = randomBytes(32)
    stream = fs.createWriteStream(path.join(dir, `${ACCESS_LOG_PREFIX}${today}.log`), { flags: 'a' })
    stream.on('error', () => undefined)
    return stream
  }
  return {
    record(request, response) {
      response.once('finish', () => {
        const at = now()
        const out = roll(at)
        const address = request.socket.remoteAddress ?? ''
        const agent = request.headers['user-agent'] ?? ''
        const visitor = `v:${createHash('sha256').update(salt).update('\n').update(address).update('\n').update(agent).digest('hex').slice(0, 16)}`
        const time = `[${pad(at.getUTCDate())}/${MONTHS[at.getUTCMonth()]}/${at.getUTCFullYear()}:${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} +0000]`
        const bytes = Number(response.getHeader('content-length')) || '-'
        const referrer = request.headers.referer ?? '-'
        out.write(`${visitor} - - ${time} ${quoted(`${request.method} ${request.url ?? '/'} HTTP/${request.httpVersion}`)} ${response.statusCode} ${bytes} ${quoted(referrer)} ${quoted(agent)}\n`)
      })
    },
    close: () => new Promise((resolve) => (stream ? stream.end(() => resolve()) : resolve())),
  }
}
