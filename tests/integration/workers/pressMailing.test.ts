import { generateKeyPairSync } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { signedMediaUrl } from '@pregon/core/mediaLinkToken'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Bulletin, MailingList, Media, PressContact } from '@pregon/cms/payload-types'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { poolOf } from '@pregon/cms/worker'
import { lockMailing, unlockMailing } from '@pregon/workers/mail/deliveryLedger'
import { createMailer } from '@pregon/workers/providers/smtp/createMailer'
import { sendPressMailing } from '@pregon/workers/tasks/sendPressMailing'
import { apiClients } from '../../helpers/apiClients'
import { buildBulletin, buildJpeg, buildMedia, team } from '../../helpers/builders'
import { officePdf } from '../../helpers/pdfs'
import type { ReceivedMessage } from '../../helpers/smtpSink'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'
import { waitFor } from '../../helpers/waitFor'

const HOUR = 60 * 60 * 1000
const SPOKESPERSON = 'vocera@municipio.test'
const PRIVACY = 'https://municipio.test/aviso-de-privacidad'

let harness: TaskHarness
let t: TaskHarness['t']
let sink: TaskHarness['sink']
let ctx: TaskHarness['ctx']
let api: ReturnType<typeof apiClients>
let obras: MailingList
let salud: MailingList
let ciudadania: MailingList
/** A 4xx twice for this address, then accepted. */
const deferred = new Map<string, number>([['diferido@medios.test', 2]])

beforeAll(async () => {
  harness = await startTaskHarness({
    env: { MAIL_RETRY_DELAY_SECONDS: '0.05', MAIL_MAX_ATTEMPTS: '4' },
    sink: {
      rejectRecipients: {
        match: (address) => {
          if (address === 'no-existe@medios.test') return true
          const left = deferred.get(address) ?? 0
          if (left > 0) deferred.set(address, left - 1)
          return left > 0
        },
        code: (address) => (address === 'no-existe@medios.test' ? 550 : 451),
      },
    },
  })
  ;({ t, sink, ctx } = harness)
  api = apiClients(t.payload)
  await t.payload.updateGlobal({
    slug: 'site-settings',
    data: { municipalityName: 'Municipio de Prueba', officeName: 'Comunicación Social', spokespersonName: 'Laura Méndez, vocera', spokespersonEmail: SPOKESPERSON, privacyNoticeUrl: PRIVACY },
  })
  const list = (name: string, audience: 'press' | 'subscribers' = 'press') => t.payload.create({ collection: 'mailing-lists', data: { name, slug: name.toLowerCase().replace(/\s+/g, '-'), audience } })
  obras = await list('Obras públicas')
  salud = await list('Salud')
  ciudadania = await list('Boletín ciudadano', 'subscribers')
})
afterAll(async () => harness?.close())

async function contact(email: string, lists: MailingList[], status: PressContact['status'] = 'active'): Promise<PressContact> {
  return t.payload.create({ collection: 'press-contacts', data: { name: email.split('@')[0]!, email, status, lists: lists.map((l) => l.id) } })
}

/** A bulletin for these press lists, published through the workflow; returns its press-mailing distribution id. */
async function publishFor(
  lists: MailingList[],
  input: Parameters<typeof buildBulletin>[1] = {},
  embargoUntil?: Date,
  more: Partial<Bulletin> = {},
): Promise<{ bulletin: Bulletin; mailingId: number }> {
  const { editor, approver } = await team(t.payload)
  const draft = await buildBulletin(t.payload, input)
  await t.payload.update({
    collection: 'bulletins',
    id: draft.id,
    draft: true,
    data: { pressLists: lists.map((l) => l.id), distributeTo: ['press-mailing'], ...(embargoUntil ? { embargoUntil: embargoUntil.toISOString() } : {}), ...more },
    overrideAccess: false,
    user: editor,
  })
  for (const [verb, user] of [['submit', editor], ['approve', approver], ['publish', approver]] as const) {
    await applyWorkflowAction({ payload: t.payload, id: draft.id, verb, user })
  }
  const [row] = await t.query<{ id: number }>(`SELECT id FROM distributions WHERE bulletin_id = $1 AND channel = 'press-mailing'`, [draft.id])
  return { bulletin: draft, mailingId: row!.id }
}

const absolute = (url: string) => (url.startsWith('http') ? url : `${t.config.cms.url}${url}`)
const messagesAbout = (title: string) => sink.messages.filter((m) => m.subject?.includes(title))
const rawHeaders = (message: ReceivedMessage) => message.raw.toString('utf8').split(/\r\n\r\n/)[0]!.replace(/\r\n[ \t]+/g, ' ')
const header = (message: ReceivedMessage, name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(rawHeaders(message))?.[1]
const oneClickUrl = (message: ReceivedMessage) => /<(https?:\/\/[^>]+)>/.exec(header(message, 'List-Unsubscribe') ?? '')![1]!
const deliveriesOf = (mailingId: number) =>
  t.query<{ email: string; status: string; attempts: string; message_id: string | null; error: string | null }>(
    'SELECT email, status, attempts, message_id, error FROM deliveries WHERE distribution_id = $1 ORDER BY email',
    [mailingId],
  )

describe('a press mailing', () => {
  it('goes to the active contacts of the lists the editor chose, once, as a well-formed message from the office', async () => {
    await contact('ana@obras.test', [obras])
    await contact('beto@salud.test', [salud])
    await contact('carla@ambas.test', [obras, salud])
    await contact('dario@baja.test', [obras], 'unsubscribed')
    await contact('elena@sin-lista.test', [])
    // Press contacts and citizen subscribers stay apart: a journalist cannot be put on a citizens' list.
    await expect(contact('fer@ciudadania.test', [ciudadania])).rejects.toMatchObject({ data: { errors: [expect.objectContaining({ path: 'lists' })] } })
    const hero = await buildMedia(t.payload, 'La presidenta inaugura la planta de tratamiento')
    const extra = await buildMedia(t.payload, 'Vista aérea de la planta')
    const { bulletin, mailingId } = await publishFor([obras], {
      title: 'Inauguran planta de tratamiento de agua',
      summary: 'La planta limpiará 200 litros por segundo.',
      paragraphs: ['La presidenta municipal inauguró la planta.', 'Beneficia a 40 mil habitantes.'],
      heroImage: hero.id,
    }, undefined, { gallery: [extra.id] })

    expect(await sendPressMailing(ctx, mailingId)).toMatchObject({ outcome: 'sent', sent: 2, failed: 0, unknown: 0 })
    const received = messagesAbout(bulletin.title)
    expect(received.flatMap((m) => m.envelope.to).sort()).toEqual(['ana@obras.test', 'carla@ambas.test'])
    expect((await deliveriesOf(mailingId)).map((d) => [d.email, d.status, Number(d.attempts)])).toEqual([
      ['ana@obras.test', 'sent', 1],
      ['carla@ambas.test', 'sent', 1],
    ])

    const message = received.find((m) => m.envelope.to[0] === 'ana@obras.test')!
    expect(message.subject).toBe(`Boletín: ${bulletin.title}`)
    expect(message.from).toMatch(/^"?Comunicación Social"? <comunicacion@pregon\.test>$/)
    expect(header(message, 'Reply-To')).toBe(SPOKESPERSON)
    expect(header(message, 'To')).toBe('ana@obras.test')
    // multipart/alternative: a plain-text part first, then the HTML.
    expect(header(message, 'Content-Type')).toMatch(/^multipart\/alternative; boundary=/)
    const raw = message.raw.toString('utf8')
    expect(raw.indexOf('Content-Type: text/plain; charset=utf-8')).toBeGreaterThan(0)
    expect(raw.indexOf('Content-Type: text/html; charset=utf-8')).toBeGreaterThan(raw.indexOf('Content-Type: text/plain'))

    const link = `${t.config.portal.url}/boletines/${bulletin.slug}/`
    const heroUrl = `${t.config.cms.url}/api/media/file/${hero.filename}`
    for (const part of [message.text!, message.html!]) {
      expect(part).toContain(bulletin.title)
      expect(part).toContain('La planta limpiará 200 litros por segundo.')
      expect(part).toContain('Beneficia a 40 mil habitantes.')
      expect(part).toContain(link)
      expect(part).toContain(heroUrl)
      expect(part).toContain('La presidenta inaugura la planta de tratamiento')
      expect(part).toContain(`${t.config.cms.url}/api/media/file/${extra.filename}`)
      expect(part).toContain('Vista aérea de la planta')
      expect(part).toContain(PRIVACY)
      expect(part).toContain(oneClickUrl(message))
      expect(part).not.toContain('EMBARGO')
    }
    // The photo shown: the hero's email crop, with its alt text.
    expect(message.html).toMatch(new RegExp(`<img[^>]*alt="La presidenta inaugura la planta de tratamiento"[^>]*src="${absolute(hero.sizes!.email!.url!)}"`))
    // No spokesperson on the bulletin: the office's.
    expect(message.text).toContain(`Vocería: Laura Méndez, vocera · ${SPOKESPERSON}.`)
    expect(message.html).toMatch(/<html[^>]*lang="es-MX"/)
    expect(message.html).toContain('name="viewport"')

    // RFC 8058: an HTTPS (here http://localhost) URL and a mailto, and the one-click marker.
    expect(header(message, 'List-Unsubscribe')).toMatch(/^<http:\/\/localhost:3000\/api\/press-contacts\/unsubscribe\?t=\d+\.[\w-]{22}>, <mailto:comunicacion@pregon\.test\?subject=Baja%20\d+\.[\w-]{22}>$/)
    expect(header(message, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
    // Each recipient has their own token.
    const other = received.find((m) => m.envelope.to[0] === 'carla@ambas.test')!
    expect(oneClickUrl(other)).not.toBe(oneClickUrl(message))

    // A retried job sends nothing more, and says the mailing is done even while another run still holds it (the
    // run that finished it records the expediente after writing the status).
    expect(await sendPressMailing(ctx, mailingId)).toMatchObject({ outcome: 'already-done' })
    const held = await lockMailing(poolOf(t.payload), mailingId)
    expect(held).not.toBeNull()
    try {
      expect(await sendPressMailing(ctx, mailingId)).toMatchObject({ outcome: 'already-done', sent: 0 })
    } finally {
      await unlockMailing(held!, mailingId)
    }
    expect(messagesAbout(bulletin.title)).toHaveLength(2)
  })

  it('marks the embargo in the subject and in both parts', async () => {
    await contact('marco@radio.test', [salud])
    const until = new Date(Date.now() + 2 * HOUR)
    const { bulletin, mailingId } = await publishFor([salud], { title: 'Conferencia sobre el presupuesto de salud' }, until)
    await sendPressMailing(ctx, mailingId)
    const [message] = messagesAbout(bulletin.title).filter((m) => m.envelope.to[0] === 'marco@radio.test')
    expect(message!.subject).toMatch(/^EMBARGO hasta .+ · Boletín: Conferencia sobre el presupuesto de salud$/)
    expect(message!.text).toMatch(/^EMBARGO hasta .+: no publicar antes/)
    expect(message!.html).toContain('EMBARGO hasta')
  })
})

/** A photo large enough for every crop, with a credit, and a PDF: what an office attaches to a bulletin. */
async function photoAndDocument(alt: string): Promise<{ photo: Media; pdf: Media }> {
  const jpeg = await buildJpeg({ width: 1600, height: 900 })
  const photo = await t.payload.create({ collection: 'media', data: { alt, credit: 'Ana Ruiz', showsPublicServant: 'no' }, file: { data: jpeg, mimetype: 'image/jpeg', name: `${alt.slice(0, 12).replace(/\W+/g, '-')}.jpg`, size: jpeg.length } })
  const bytes = await officePdf()
  const pdf = await t.payload.create({ collection: 'media', data: { alt: `Mapa de desvíos: ${alt}` }, file: { data: bytes, mimetype: 'application/pdf', name: 'desvios.pdf', size: bytes.length } })
  return { photo, pdf }
}

describe('what the press email says', () => {
  it('names the kind in the subject and gives the bulletin’s own spokesperson and department, the date, the email crop and the documents', async () => {
    const puentes = await t.payload.create({ collection: 'mailing-lists', data: { name: 'Puentes', slug: 'puentes', audience: 'press' } })
    await contact('kind@medios.test', [puentes])
    const department = await t.payload.create({ collection: 'departments', data: { name: 'Obras Públicas', slug: 'obras-publicas', contactEmail: 'obras@municipio.test', contactPhone: '55 1234 5678' } })
    const { photo, pdf } = await photoAndDocument('El puente Juárez desde el río')
    const { bulletin, mailingId } = await publishFor([puentes], { title: 'Cierre temporal del puente Juárez', heroImage: photo.id }, undefined, {
      kind: 'aviso',
      spokesperson: 'Ing. Raúl Pérez, director de Obras',
      department: department.id,
      attachments: [pdf.id],
    })
    await sendPressMailing(ctx, mailingId)
    const message = messagesAbout(bulletin.title).find((m) => m.envelope.to[0] === 'kind@medios.test')!
    expect(message.subject).toBe('Aviso: Cierre temporal del puente Juárez')
    expect(header(message, 'Reply-To')).toBe('obras@municipio.test')
    const [published] = await t.query<{ published_at: Date }>('SELECT published_at FROM bulletins WHERE id = $1', [bulletin.id])
    const date = new Intl.DateTimeFormat('es-MX', { dateStyle: 'long', timeZone: 'America/Mexico_City' }).format(published!.published_at)
    const crop = absolute(photo.sizes!.email!.url!)
    for (const part of [message.text!, message.html!]) {
      expect(part).toContain('Obras Públicas')
      expect(part).toContain(date)
      expect(part).toContain('Ing. Raúl Pérez, director de Obras · obras@municipio.test, 55 1234 5678')
      expect(part).not.toContain('Laura Méndez')
      expect(part).toContain(`${t.config.cms.url}/api/media/file/${pdf.filename}`)
      expect(part).toContain('Mapa de desvíos: El puente Juárez desde el río')
    }
    expect(message.html).toMatch(new RegExp(`<img[^>]*alt="El puente Juárez desde el río"[^>]*src="${crop}"`))
    expect(message.html).toContain('Foto: Ana Ruiz')
  })
})

describe('an embargoed mailing’s photos and documents', () => {
  it('reach the journalists through signed links while the public still gets nothing', async () => {
    await contact('embargo@medios.test', [salud])
    const { photo, pdf } = await photoAndDocument('Quirófano del nuevo hospital')
    const until = new Date(Date.now() + 2 * HOUR)
    const { bulletin, mailingId } = await publishFor([salud], { title: 'Nuevo hospital general', heroImage: photo.id }, until, { attachments: [pdf.id] })
    await sendPressMailing(ctx, mailingId)
    const message = messagesAbout(bulletin.title).find((m) => m.envelope.to[0] === 'embargo@medios.test')!
    const signed = [...new Set([...message.text!.matchAll(/https?:\/\/\S+\/api\/media\/signed\/[^\s"<>]+/g)].map((m) => m[0].replaceAll('&amp;', '&')))]
    const path_ = (url: string) => url.replace(`${t.config.cms.url}/api/`, '')
    expect(message.text).not.toContain('/api/media/file/')
    expect(message.html).toContain(`/api/media/signed/${photo.id}/email?`)
    expect(signed.map((url) => new URL(url).pathname).sort()).toEqual([`/api/media/signed/${pdf.id}/original`, `/api/media/signed/${photo.id}/original`].sort())

    // The journalist's links serve the very bytes; anonymous, as anyone on the internet.
    for (const [url, media] of [[signed.find((u) => u.includes(`/${pdf.id}/`))!, pdf], [signed.find((u) => u.includes(`/${photo.id}/`))!, photo]] as const) {
      const response = await api.request('GET', path_(url))
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toBe(media.mimeType)
      expect(Buffer.from(await response.arrayBuffer()).equals(await fs.readFile(path.join(t.config.mediaDir, media.filename!)))).toBe(true)
    }
    // The public API still refuses the same files.
    expect((await api.request('GET', `media/file/${photo.filename}`)).status).not.toBe(200)
    expect((await api.rest('GET', `media/${pdf.id}`)).status).toBe(404)

    const refusal = async (relative: string) => {
      const response = await api.request('GET', relative)
      const body = (await response.json()) as { errors: Array<{ code: string; message: string }> }
      return { status: response.status, ...body.errors[0]! }
    }
    const good = path_(signed[0]!)
    expect(await refusal(good.replace(/s=[\w-]+/, 's=AAAAAAAAAAAAAAAAAAAAAA'))).toMatchObject({ status: 403, code: 'MEDIA_LINK_INVALID', message: expect.stringContaining('no es válido') })
    expect(await refusal(good.replace(/e=(\d+)/, (_, e: string) => `e=${Number(e) + 86_400}`))).toMatchObject({ status: 403, code: 'MEDIA_LINK_INVALID' })
    expect(await refusal(good.split('?')[0]!)).toMatchObject({ status: 403, code: 'MEDIA_LINK_INVALID' })
    const expired = signedMediaUrl({ secret: t.config.payloadSecret!, cmsUrl: t.config.cms.url, mediaId: pdf.id, variant: 'original', expiresAt: new Date(Date.now() - 1000) })
    expect(await refusal(path_(expired))).toMatchObject({ status: 403, code: 'MEDIA_LINK_EXPIRED', message: expect.stringContaining('ya venció') })
  })
})

describe('the press email preview', () => {
  it('shows the team the working copy’s message as the mailing renders it, and nobody else', async () => {
    const { editor } = await team(t.payload)
    const draft = await buildBulletin(t.payload, { title: 'Jornada de vacunación en colonias', spokesperson: 'Dra. Ana López, directora de Salud' })
    await t.payload.update({ collection: 'bulletins', id: draft.id, draft: true, data: { kind: 'comunicado' }, overrideAccess: false, user: editor })
    const token = (await t.payload.login({ collection: 'users', data: { email: editor.email, password: 'contraseña-de-prueba' } })).token!
    const response = await api.request('GET', `bulletins/${draft.id}/press-email-preview`, { token })
    expect(response.status).toBe(200)
    const preview = (await response.json()) as { subject: string; html: string; text: string; replyTo: string }
    expect(preview.subject).toBe('Comunicado: Jornada de vacunación en colonias')
    expect(preview.html).toContain('Jornada de vacunación en colonias')
    expect(preview.html).toContain('Dra. Ana López, directora de Salud')
    expect(preview.html).toMatch(/<html[^>]*lang="es-MX"/)
    expect(preview.html).not.toContain('%%PREGON')
    expect(preview.html).toContain(`${t.config.cms.url}/api/press-contacts/unsubscribe?t=0.`)
    expect(preview.text).toContain(`${t.config.portal.url}/boletines/${draft.slug}/`)

    const anonymous = await api.request('GET', `bulletins/${draft.id}/press-email-preview`)
    expect(anonymous.status).toBe(401)
    expect(((await anonymous.json()) as { errors: Array<{ code: string }> }).errors[0]!.code).toBe('PRESS_PREVIEW_NOT_SIGNED_IN')
    expect((await api.request('GET', `bulletins/999999/press-email-preview`, { token })).status).toBe(404)
  })
})

describe('ARCO requests', () => {
  it('list the messages sent to a contact, and deleting the contact erases their address from the delivery rows', async () => {
    const [ana] = (await t.payload.find({ collection: 'press-contacts', where: { email: { equals: 'ana@obras.test' } } })).docs
    const admin = await t.payload.create({ collection: 'users', data: { name: 'Admin', email: 'admin-arco@pregon.test', password: 'contraseña-de-prueba', role: 'admin' } })
    const token = (await t.payload.login({ collection: 'users', data: { email: admin.email, password: 'contraseña-de-prueba' } })).token!
    const arco = await (await api.request('GET', `press-contacts/${ana!.id}/arco`, { token })).json()
    expect(arco.messages).toEqual([expect.objectContaining({ bulletin: 'Inauguran planta de tratamiento de agua', status: 'sent', email: 'ana@obras.test' })])

    expect((await api.rest('DELETE', `press-contacts/${ana!.id}`, { token })).status).toBe(200)
    expect(await t.query(`SELECT id FROM deliveries WHERE email = 'ana@obras.test' OR contact_id = $1`, [ana!.id])).toEqual([])
    const [{ n }] = (await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM deliveries WHERE email IS NULL AND contact_id IS NULL`)) as [{ n: number }]
    expect(n).toBe(1)
  })
})

describe('unsubscribing', () => {
  it('works in one click (RFC 8058 POST) and from the page, without login, and stops every later mailing', async () => {
    const list = await t.payload.create({ collection: 'mailing-lists', data: { name: 'Seguridad', slug: 'seguridad', audience: 'press' } })
    const [uno, dos, tres] = [await contact('uno@medios.test', [list]), await contact('dos@medios.test', [list]), await contact('tres@medios.test', [list])]
    const first = await publishFor([list], { title: 'Operativo de seguridad en fiestas patrias' })
    await sendPressMailing(ctx, first.mailingId)
    const byRecipient = (email: string) => messagesAbout(first.bulletin.title).find((m) => m.envelope.to[0] === email)!

    // One click, as a mail client does it: POST to the List-Unsubscribe URL with the RFC 8058 body.
    const oneClick = new URL(oneClickUrl(byRecipient('uno@medios.test')))
    const posted = await api.request('POST', `press-contacts/unsubscribe${oneClick.search}`, {
      body: 'List-Unsubscribe=One-Click',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(posted.status).toBe(200)
    expect(await posted.text()).toContain('te diste de baja')

    // The page: GET shows a button (a link scanner's GET changes nothing); its form POSTs.
    const pageUrl = new URL(oneClickUrl(byRecipient('dos@medios.test')))
    const page = await api.request('GET', `press-contacts/unsubscribe${pageUrl.search}`)
    const html = await page.text()
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(html).toContain('Sí, darme de baja')
    expect(html).toContain('do•••@medios.test')
    expect(html).not.toContain('dos@medios.test')
    expect((await t.payload.findByID({ collection: 'press-contacts', id: dos.id })).status).toBe('active')
    const action = /action="([^"]+)"/.exec(html)![1]!.replaceAll('&amp;', '&')
    expect(action).toBe(pageUrl.toString())
    const confirmed = await api.request('POST', `press-contacts/unsubscribe${new URL(action).search}`, {
      body: 'confirmar=si',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    })
    expect(confirmed.status).toBe(200)

    // A token for one contact cannot be altered into another's.
    const forged = pageUrl.search.replace(`t=${dos.id}.`, `t=${tres.id}.`)
    const refused = await api.request('POST', `press-contacts/unsubscribe${forged}`, { body: 'List-Unsubscribe=One-Click' })
    expect(refused.status).toBe(400)
    expect(await refused.text()).toContain('PRESS_UNSUBSCRIBE_INVALID_LINK')

    const rows = await t.query<{ email: string; status: string; unsubscribed_at: Date | null }>(
      'SELECT email, status, unsubscribed_at FROM press_contacts WHERE id = ANY($1) ORDER BY email',
      [[uno.id, dos.id, tres.id]],
    )
    expect(rows.map((r) => [r.email, r.status, r.unsubscribed_at !== null])).toEqual([
      ['dos@medios.test', 'unsubscribed', true],
      ['tres@medios.test', 'active', false],
      ['uno@medios.test', 'unsubscribed', true],
    ])

    const second = await publishFor([list], { title: 'Segundo operativo de seguridad' })
    await sendPressMailing(ctx, second.mailingId)
    expect(messagesAbout(second.bulletin.title).flatMap((m) => m.envelope.to)).toEqual(['tres@medios.test'])
  })
})

describe('refusals by the SMTP server', () => {
  it('marks a contact bounced on a permanent 5xx and never mails them again; retries a 4xx with backoff until it is accepted once', async () => {
    const list = await t.payload.create({ collection: 'mailing-lists', data: { name: 'Cultura', slug: 'cultura', audience: 'press' } })
    const gone = await contact('no-existe@medios.test', [list])
    await contact('diferido@medios.test', [list])
    await contact('bien@medios.test', [list])
    const first = await publishFor([list], { title: 'Festival de cultura en el centro' })
    expect(await sendPressMailing(ctx, first.mailingId)).toMatchObject({ outcome: 'sent', sent: 2, bounced: 1 })

    const rows = await deliveriesOf(first.mailingId)
    expect(rows.map((r) => [r.email, r.status, Number(r.attempts)])).toEqual([
      ['bien@medios.test', 'sent', 1],
      ['diferido@medios.test', 'sent', 3],
      ['no-existe@medios.test', 'bounced', 1],
    ])
    expect(rows.find((r) => r.status === 'bounced')!.error).toMatch(/550/)
    expect(messagesAbout(first.bulletin.title).flatMap((m) => m.envelope.to).sort()).toEqual(['bien@medios.test', 'diferido@medios.test'])
    const bounced = await t.payload.findByID({ collection: 'press-contacts', id: gone.id })
    expect(bounced).toMatchObject({ status: 'bounced', bounce: { reason: expect.stringMatching(/550/) } })
    const [distribution] = await t.query<{ status: string; error: string }>('SELECT status, error FROM distributions WHERE id = $1', [first.mailingId])
    expect(distribution).toMatchObject({ status: 'sent', error: expect.stringContaining('1 rebotaron') })

    const rejectionsBefore = sink.rejections.filter((r) => r.address === 'no-existe@medios.test').length
    const second = await publishFor([list], { title: 'Segundo festival de cultura' })
    await sendPressMailing(ctx, second.mailingId)
    expect(messagesAbout(second.bulletin.title).flatMap((m) => m.envelope.to).sort()).toEqual(['bien@medios.test', 'diferido@medios.test'])
    expect(sink.rejections.filter((r) => r.address === 'no-existe@medios.test')).toHaveLength(rejectionsBefore)
  })
})

describe('pause and resume', () => {
  it('stops claiming recipients on pause and carries on from the ledger on resume, mailing nobody twice', async () => {
    const list = await t.payload.create({ collection: 'mailing-lists', data: { name: 'Deportes', slug: 'deportes', audience: 'press' } })
    for (let i = 0; i < 60; i++) await contact(`deportes${i}@medios.test`, [list])
    const { bulletin, mailingId } = await publishFor([list], { title: 'Carrera atlética municipal' })
    const { approver } = await team(t.payload)
    const token = (await t.payload.login({ collection: 'users', data: { email: approver.email, password: 'contraseña-de-prueba' } })).token!
    // Slowed down so the pause lands in the middle.
    const slow = { ...ctx, config: { ...ctx.config, mail: { ...ctx.config.mail, ratePerSecond: 40 } } }
    const running = sendPressMailing(slow, mailingId)
    await waitFor(() => messagesAbout(bulletin.title).length >= 10, { message: '10 messages before the pause' })
    const paused = await api.request('POST', `distributions/${mailingId}/pause`, { token })
    expect(paused.status).toBe(200)
    expect(await running).toMatchObject({ outcome: 'paused' })
    const sentWhilePaused = messagesAbout(bulletin.title).length
    expect(sentWhilePaused).toBeLessThan(60)
    const progress = await (await api.request('GET', `distributions/${mailingId}/progress`, { token })).json()
    expect(progress).toMatchObject({ status: 'paused', total: 60, counts: { sent: sentWhilePaused, pending: 60 - sentWhilePaused } })
    expect((await api.request('POST', `distributions/${mailingId}/pause`, { token })).status).toBe(409)

    const resumed = await api.request('POST', `distributions/${mailingId}/resume`, { token })
    expect(resumed.status).toBe(200)
    const [job] = await t.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'press-mailing' AND (data->>'distributionId')::int = $1 AND state = 'created'`, [mailingId])
    expect(job!.n).toBeGreaterThanOrEqual(1)
    expect(await sendPressMailing(ctx, mailingId)).toMatchObject({ outcome: 'sent', sent: 60, pending: 0 })
    const recipients = messagesAbout(bulletin.title).flatMap((m) => m.envelope.to)
    expect(recipients).toHaveLength(60)
    expect(new Set(recipients).size).toBe(60)
  })
})

describe('unconfirmed messages', () => {
  it('are mailed again only when an approver asks, once the mailing has finished, and the step is recorded', async () => {
    const list = await t.payload.create({ collection: 'mailing-lists', data: { name: 'Prueba de reenvío', slug: 'prueba-de-reenvio', audience: 'press' } })
    for (const name of ['uno', 'dos', 'tres']) await contact(`cultura-${name}@medios.test`, [list])
    const { bulletin, mailingId } = await publishFor([list], { title: 'Festival de las artes' })
    const { editor, approver } = await team(t.payload)
    const login = async (email: string) => (await t.payload.login({ collection: 'users', data: { email, password: 'contraseña-de-prueba' } })).token!
    const [approverToken, editorToken] = [await login(approver.email), await login(editor.email)]
    const resend = (token: string) => api.request('POST', `distributions/${mailingId}/resend-unconfirmed`, { token })

    expect(await sendPressMailing(ctx, mailingId)).toMatchObject({ outcome: 'sent', sent: 3 })
    expect((await resend(approverToken)).status).toBe(409)
    // What a worker killed with this message on the wire leaves (the crash suite makes real ones): it did not arrive.
    await t.query(`UPDATE deliveries SET status = 'unknown' WHERE distribution_id = $1 AND email = 'cultura-dos@medios.test'`, [mailingId])
    sink.messages.splice(sink.messages.findIndex((m) => m.envelope.to.includes('cultura-dos@medios.test') && m.subject?.includes(bulletin.title)), 1)

    const refused = await resend(editorToken)
    expect(refused.status).toBe(403)
    expect((await refused.json()).errors[0].code).toBe('MAILING_ROLE_NOT_ALLOWED')
    const accepted = await resend(approverToken)
    expect(accepted.status).toBe(200)
    expect(await accepted.json()).toMatchObject({ requeued: 1, status: 'sending' })
    expect((await resend(approverToken)).status).toBe(409)
    const [audit] = await t.query<{ actor_email: string; action: string }>(`SELECT actor_email, action FROM audit_log WHERE item_id = $1 AND action = 'mailing-resend-unconfirmed'`, [String(bulletin.id)])
    expect(audit).toMatchObject({ actor_email: approver.email })

    expect(await sendPressMailing(ctx, mailingId)).toMatchObject({ outcome: 'sent', sent: 3, unknown: 0 })
    expect(messagesAbout(bulletin.title).flatMap((m) => m.envelope.to).sort()).toEqual(['cultura-dos@medios.test', 'cultura-tres@medios.test', 'cultura-uno@medios.test'])
  })
})

describe('DKIM', () => {
  it('signs every message when a key is configured', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } })
    const mailer = createMailer({ smtpUrl: sink.url, from: t.config.mail.from, connections: 2, dkim: { domainName: 'pregon.test', keySelector: 'pregon', privateKey } })
    try {
      const list = await t.payload.create({ collection: 'mailing-lists', data: { name: 'Turismo', slug: 'turismo', audience: 'press' } })
      await contact('firma@medios.test', [list])
      const { bulletin, mailingId } = await publishFor([list], { title: 'Temporada turística con firma' })
      await sendPressMailing({ ...ctx, mailer }, mailingId)
      const [message] = messagesAbout(bulletin.title)
      expect(header(message!, 'DKIM-Signature')).toMatch(/d=pregon\.test;.*s=pregon;/)
    } finally {
      mailer.close()
    }
  })
})
