import { randomBytes, randomUUID } from 'node:crypto'
import MailComposer from 'nodemailer/lib/mail-composer'
import { foldLines } from 'nodemailer/lib/mime-funcs'
import MimeNode from 'nodemailer/lib/mime-node'
import { encode, wrap } from 'nodemailer/lib/qp'
import { domainOf } from '../providers/smtp/createMailer'
import { fillPressEmail, subscriberLinksFor, unsubscribeFor, type MailingAudience, type PressMessageTemplate, type Unsubscribe } from './personalizePressEmail'
import { UNSUBSCRIBE_PLACEHOLDER } from '@pregon/cms/worker'

export interface PressRecipient {
  email: string
  contactId: number
}

export interface ComposedMessage {
  to: string
  messageId: string
  /** The whole RFC 5322 message, as it goes on the wire. */
  raw: Buffer
}

export interface PressMessageComposer {
  compose(recipient: PressRecipient): Promise<ComposedMessage>
  /** `template`: copies are cut from one composed message; `per-message`: each is composed in full (see `fallback`). */
  mode: 'template' | 'per-message'
  /** Why the template could not be used, when it could not. */
  fallback?: string
}

export interface ComposerOptions {
  template: PressMessageTemplate
  from: string
  secret: string
  cmsUrl: string
  /** The Date header of every copy. */
  date?: Date
  /** Journalists (press unsubscribe links) or citizens (their preferences links); press when not said. */
  audience?: MailingAudience
}

/** Stand-ins for what differs per recipient while the template is composed. */
const STAND_IN_TO = 'destinatario@pregon.invalid'
const STAND_IN_ID = '<id-del-mensaje@pregon.invalid>'
const STAND_IN_UNSUBSCRIBE: Unsubscribe = { url: UNSUBSCRIBE_PLACEHOLDER, header: '<https://pregon.invalid/baja>, <mailto:baja@pregon.invalid>' }
const LINE = 76
const CRLF = '\r\n'

// One node for every header encoded here: MimeNode.encodeHeaderValue makes (and seeds) a new node each call.
const headerEncoder = new MimeNode()
/**
 * A header field exactly as nodemailer writes it: encoded, then folded at 76 characters. As bytes held in a
 * latin1 string, like the composed message: an internationalised address stays UTF-8 (SMTPUTF8).
 */
const headerField = (key: string, value: string) => Buffer.from(foldLines(`${key}: ${headerEncoder.encodeHeaderValue(key, value)}`, LINE) + CRLF, 'utf8').toString('latin1')
/** An address nodemailer writes as it is (its parser costs more than the rest of a copy); anything else goes through it. */
const PLAIN_ADDRESS = /^[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/
const toField = (address: string) => (PLAIN_ADDRESS.test(address) && address.length < LINE - 4 ? `To: ${address}${CRLF}` : headerField('To', address))
/** A body line exactly as nodemailer's quoted-printable encoder writes it when every line ends in CRLF. */
const bodyLine = (line: string) => wrap(encode(line + CRLF), LINE)

/**
 * Composes a press mailing's copies. MIME composition (quoted-printable encoding above all) is most of the
 * CPU a message costs, and every copy is the same message but for the address, the Message-ID and the
 * unsubscribe link. So the message is composed once with stand-ins and each copy is cut from it: only the
 * header fields and body lines holding a stand-in are encoded again. Every line ends in CRLF, so an encoded
 * line never depends on its neighbours, and a copy is byte for byte what nodemailer composes for that
 * recipient. That is checked before the template is used; if it ever differs, each copy is composed in full.
 */
export async function createPressMessageComposer(options: ComposerOptions): Promise<PressMessageComposer> {
  const { template, from, secret, cmsUrl, date = new Date(), audience = 'press' } = options
  const domain = domainOf(from)
  const newMessageId = () => `<${randomUUID()}@${domain}>`
  const unsubscribe = (id: number) => (audience === 'press' ? unsubscribeFor({ contactId: id, secret, cmsUrl, from }) : subscriberLinksFor({ subscriberId: id, secret, cmsUrl, from }))
  const baseBoundary = randomBytes(8).toString('hex')
  const composeInFull = (to: string, messageId: string, links: Unsubscribe): Promise<Buffer> =>
    new MailComposer({ from, ...fillPressEmail({ template, to, from, unsubscribe: links, audience }), messageId, date, baseBoundary, textEncoding: 'quoted-printable' })
      .compile()
      .build()
  const perMessage = (fallback: string): PressMessageComposer => ({
    mode: 'per-message',
    fallback,
    async compose({ email, contactId }) {
      const messageId = newMessageId()
      return { to: email, messageId, raw: await composeInFull(email, messageId, unsubscribe(contactId)) }
    },
  })

  const composed = (await composeInFull(STAND_IN_TO, STAND_IN_ID, STAND_IN_UNSUBSCRIBE)).toString('latin1')
  const standIns = fillPressEmail({ template, to: STAND_IN_TO, from, unsubscribe: STAND_IN_UNSUBSCRIBE, audience })
  const cut = cutTemplate(composed, {
    headers: { To: headerField('To', STAND_IN_TO), 'Message-ID': headerField('Message-ID', STAND_IN_ID), 'List-Unsubscribe': headerField('List-Unsubscribe', STAND_IN_UNSUBSCRIBE.header) },
    lines: [...standIns.html.split(CRLF), ...standIns.text.split(CRLF)].filter((line) => line.includes(UNSUBSCRIBE_PLACEHOLDER)),
  })
  if (typeof cut === 'string') return perMessage(cut)
  const copy = (to: string, messageId: string, links: Unsubscribe): Buffer =>
    Buffer.from(
      cut.fill({
        header: (key) => (key === 'To' ? toField(to) : headerField(key, key === 'Message-ID' ? messageId : links.header)),
        line: (line) => bodyLine(line.replaceAll(UNSUBSCRIBE_PLACEHOLDER, links.url)),
      }),
      'latin1',
    )

  // The proof, on the longest link a contact can have: a copy cut from the template against one composed in full.
  const sample = { to: 'prueba.de.composicion@pregon.invalid', messageId: newMessageId(), links: unsubscribe(999_999_999_999) }
  if (!copy(sample.to, sample.messageId, sample.links).equals(await composeInFull(sample.to, sample.messageId, sample.links))) {
    return perMessage('a copy cut from the template differed from the one nodemailer composes')
  }
  return {
    mode: 'template',
    async compose({ email, contactId }) {
      const messageId = newMessageId()
      return { to: email, messageId, raw: copy(email, messageId, unsubscribe(contactId)) }
    },
  }
}

type HeaderKey = 'To' | 'Message-ID' | 'List-Unsubscribe'

interface Template {
  fill(values: { header(key: HeaderKey): string; line(sourceLine: string): string }): string
}

/**
 * Splits the composed message at every stand-in header field and body line. Returns why not when one is not
 * where it must be (a part nodemailer chose to send as base64 or 7bit, say): then the template cannot be used.
 */
function cutTemplate(composed: string, { headers, lines }: { headers: Record<HeaderKey, string>; lines: string[] }): Template | string {
  const headerEnd = composed.indexOf(CRLF + CRLF)
  if (headerEnd < 0) return 'the composed message has no header block'
  type Slot = { at: number; length: number; header?: HeaderKey; line?: string }
  const slots: Slot[] = []
  for (const [key, field] of Object.entries(headers) as [HeaderKey, string][]) {
    const after = composed.indexOf(CRLF + field)
    const at = composed.startsWith(field) ? 0 : after < 0 ? -1 : after + CRLF.length
    if (at < 0 || at > headerEnd) return `header ${key} not found in the header block as composed`
    slots.push({ at, length: field.length, header: key })
  }
  const expected = new Map<string, number>()
  for (const line of lines) expected.set(line, (expected.get(line) ?? 0) + 1)
  for (const [line, count] of expected) {
    const encoded = CRLF + bodyLine(line)
    let found = 0
    for (let from = headerEnd; ; found++) {
      const at = composed.indexOf(encoded, from)
      if (at < 0) break
      slots.push({ at: at + CRLF.length, length: encoded.length - CRLF.length, line })
      from = at + encoded.length - CRLF.length
    }
    if (found !== count) return `a line with the unsubscribe link was found ${found} times encoded, ${count} expected (not quoted-printable?)`
  }
  slots.sort((a, b) => a.at - b.at)
  const fixed: string[] = []
  let position = 0
  for (const slot of slots) {
    if (slot.at < position) return 'two stand-ins overlap'
    fixed.push(composed.slice(position, slot.at))
    position = slot.at + slot.length
  }
  fixed.push(composed.slice(position))
  return {
    fill({ header, line }) {
      let out = fixed[0]!
      for (let i = 0; i < slots.length; i++) {
        const slot = slots[i]!
        out += (slot.header ? header(slot.header) : line(slot.line!)) + fixed[i + 1]!
      }
      return out
    },
  }
}
