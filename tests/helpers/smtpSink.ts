import type { AddressInfo } from 'node:net'
import { simpleParser, type AddressObject } from 'mailparser'
import { SMTPServer } from 'smtp-server'
import { waitFor } from './waitFor'

/** One message as a real SMTP server received it, parsed by mailparser. */
export interface ReceivedMessage {
  /** The SMTP envelope (MAIL FROM / RCPT TO), which is who really receives it, not the headers. */
  envelope: { from: string | null; to: string[] }
  subject: string | undefined
  /** The From header as text, e.g. `Comunicación Social <prensa@municipio.gob.mx>`. */
  from: string | undefined
  /** Addresses in the To header. */
  to: string[]
  text: string | undefined
  html: string | null
  headers: Map<string, unknown>
  attachments: Array<{ filename: string | undefined; contentType: string; size: number; content: Buffer }>
  raw: Buffer
}

export interface SmtpRejection {
  address: string
  code: number
}

export interface SmtpSinkOptions {
  /** Refuse RCPT TO for matching addresses (a hard bounce by default), for delivery-ledger tests. */
  rejectRecipients?: { match: (address: string) => boolean; code?: number | ((address: string) => number); message?: string }
  /** false: keep only the envelope and the raw bytes (thousands of messages, where parsing each would dominate). */
  parse?: boolean
}

export interface SmtpSink {
  port: number
  url: string
  messages: ReceivedMessage[]
  rejections: SmtpRejection[]
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMessage[]>
  close(): Promise<void>
}

export async function startSmtpSink({ rejectRecipients, parse = true }: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const messages: ReceivedMessage[] = []
  const rejections: SmtpRejection[] = []
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    // Pooled clients keep connections open; do not let close() wait the default 30 s for them.
    closeTimeout: 500,
    onRcptTo(address, _session, callback) {
      if (rejectRecipients?.match(address.address)) {
        const code = typeof rejectRecipients.code === 'function' ? rejectRecipients.code(address.address) : (rejectRecipients.code ?? 550)
        rejections.push({ address: address.address, code })
        const error = Object.assign(new Error(rejectRecipients.message ?? 'Mailbox unavailable'), { responseCode: code })
        return callback(error)
      }
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('error', callback)
      stream.on('end', async () => {
        try {
          const raw = Buffer.concat(chunks)
          const mailFrom = session.envelope.mailFrom
          const envelope = { from: mailFrom ? mailFrom.address : null, to: session.envelope.rcptTo.map(({ address }) => address) }
          if (!parse) {
            messages.push({ envelope, subject: undefined, from: undefined, to: [], text: undefined, html: null, headers: new Map(), attachments: [], raw })
            return callback()
          }
          const parsed = await simpleParser(raw)
          messages.push({
            envelope,
            subject: parsed.subject,
            from: parsed.from?.text,
            to: addresses(parsed.to),
            text: parsed.text,
            html: parsed.html || null,
            headers: parsed.headers,
            attachments: parsed.attachments.map(({ filename, contentType, size, content }) => ({ filename, contentType, size, content })),
            raw,
          })
          callback()
        } catch (error) {
          callback(error as Error)
        }
      })
    },
  })

  // A client that dies mid-session (the crash suite kills workers) resets its connections: that is the
  // client's failure, reported to it, not a failure of the server.
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') console.error('[smtp sink]', error)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.server.address() as AddressInfo

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    rejections,
    waitForMessages(count, timeoutMs = 10_000) {
      return waitFor(() => messages.length >= count && messages.slice(), {
        timeoutMs,
        intervalMs: 20,
        message: `${count} message(s) at the SMTP sink`,
      })
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  if (!field) return []
  return (Array.isArray(field) ? field : [field]).flatMap(({ value }) => value.map(({ address }) => address ?? ''))
}
