import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Payload } from 'payload'
import type { Department, User } from '@pregon/cms/payload-types'
import { QUEUES } from '@pregon/core/queues'
import { startWorker, type RunningWorker } from '@pregon/workers/startWorker'
import { apiClients } from '../../helpers/apiClients'
import { buildDepartment, buildUser } from '../../helpers/builders'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'
import { waitFor } from '../../helpers/waitFor'

let harness: TaskHarness
let worker: RunningWorker
let payload: Payload
let api: ReturnType<typeof apiClients>
let editor: User
let agua: Department
let sinCorreo: Department

/** The portal's form as a browser without JavaScript posts it, from one citizen's connection. */
async function file(fields: Record<string, string>, from = '198.51.100.7') {
  const response = await api.request('POST', 'petitions/submit', {
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from },
  })
  return { status: response.status, html: await response.text(), cache: response.headers.get('cache-control') }
}

async function lookUp(folio: string) {
  const response = await api.request('GET', `petitions/folio?folio=${encodeURIComponent(folio)}`, { headers: { 'x-forwarded-for': '198.51.100.99' } })
  return { status: response.status, html: await response.text(), cache: response.headers.get('cache-control') }
}

const FORM = { asunto: 'Fuga de agua en calle Hidalgo', peticion: 'Desde hace tres días sale agua limpia de la banqueta frente al número 214.', lugar: 'Col. Centro, calle Hidalgo 214', nombre: 'Rosa Elena Quiñónez', correo: 'Rosa.Q@correo.test', telefono: '', aviso: 'si', sitio_web: '' }
const folioIn = (html: string) => /PET-\d{4}-\d{5}/.exec(html)?.[0] ?? null

beforeAll(async () => {
  harness = await startTaskHarness({ env: { CMS_URL: 'https://prensa.guasave.test', SITE_URL: 'https://guasave.test' } })
  payload = harness.t.payload
  api = apiClients(payload)
  editor = await buildUser(payload, 'editor', { name: 'Lucía Méndez' })
  agua = await buildDepartment(payload, 'Agua Potable')
  agua = await payload.update({ collection: 'departments', id: agua.id, overrideAccess: true, data: { contactEmail: 'atencion@agua.guasave.test' } })
  sinCorreo = await buildDepartment(payload, 'Panteones')
  worker = await startWorker(harness.ctx, { databaseUrl: harness.t.databaseUrl, queues: [QUEUES.notifyDepartment] })
})
afterAll(async () => {
  await worker?.stop()
  await harness?.close()
})

describe('citizens’ petitions', () => {
  let folio: string
  let id: number

  it('gives a petition sent from the portal a folio, keeps only the personal data given, and never caches the answer', async () => {
    const { status, html, cache } = await file(FORM)
    expect(status).toBe(201)
    expect(cache).toBe('no-store')
    folio = folioIn(html)!
    expect(folio).toMatch(new RegExp(`^PET-${new Date().getFullYear()}-\\d{5}$`))
    const [row] = await harness.t.query<{ id: number; folio: string; channel: string; state: string; email: string | null; phone: string | null; name: string; privacy_notice_version: string | null; received_at: Date | null }>(
      'SELECT id, folio, channel, state, email, phone, name, privacy_notice_version, received_at FROM petitions',
    )
    id = row!.id
    expect(row).toMatchObject({ folio, channel: 'portal', state: 'recibida', email: 'rosa.q@correo.test', phone: null, name: 'Rosa Elena Quiñónez', privacy_notice_version: '1' })
    expect(row!.received_at).toBeInstanceOf(Date)
  })

  it('tells every problem of a bad form at once and stores nothing; a bot that fills the trap gets no petition', async () => {
    const bad = await file({ asunto: '', peticion: 'hola', correo: 'no-es-correo', telefono: 'llámame', sitio_web: '' })
    expect(bad.status).toBe(422)
    for (const problem of ['Escriba el asunto', 'un poco más de detalle', 'El correo no parece válido', 'El teléfono no parece válido', 'aceptar el aviso de privacidad']) expect(bad.html).toContain(problem)
    const bot = await file({ ...FORM, sitio_web: 'http://spam.test' })
    expect(bot.status).toBe(202)
    expect(folioIn(bot.html)).toBeNull()
    const [count] = await harness.t.query<{ n: number }>('SELECT count(*)::int AS n FROM petitions')
    expect(count!.n).toBe(1)
  })

  it('shows the state by folio, and nothing the citizen wrote or who they are', async () => {
    const found = await lookUp(folio.toLowerCase())
    expect(found.status).toBe(200)
    expect(found.cache).toBe('no-store')
    expect(found.html).toContain('<strong>Recibida</strong>')
    for (const personal of ['Rosa', 'Hidalgo', 'rosa.q@correo.test', 'banqueta']) expect(found.html).not.toContain(personal)
    expect((await lookUp('PET-2026-99999')).status).toBe(404)
    expect((await lookUp('<script>')).status).toBe(404)
  })

  it('turns it to a department, which gets the petition by email once; the folio then says who attends it and by when', async () => {
    const update = (data: Record<string, unknown>) => payload.update({ collection: 'petitions', id, overrideAccess: false, user: editor, data })
    await expect(update({ state: 'turnada' })).rejects.toThrow(/elija la dependencia/)
    const turned = await update({ state: 'turnada', department: agua.id })
    expect(turned.turnedAt).toBeTruthy()
    expect(new Date(turned.dueDate!).getTime() - new Date(turned.turnedAt!).getTime()).toBe(10 * 86_400_000)
    const [mail] = await harness.sink.waitForMessages(1)
    expect(mail!.envelope.to).toEqual(['atencion@agua.guasave.test'])
    expect(mail!.subject).toBe(`Petición ciudadana ${folio}: Fuga de agua en calle Hidalgo`)
    expect(mail!.text).toContain('frente al número 214')
    expect(mail!.text).toContain('Rosa Elena Quiñónez · rosa.q@correo.test')
    expect(mail!.text).toContain(`https://prensa.guasave.test/admin/collections/petitions/${id}`)
    await waitFor(async () => (await harness.t.query<{ notice: string | null }>('SELECT department_notice AS notice FROM petitions WHERE id = $1', [id]))[0]?.notice?.startsWith('Aviso enviado a atencion@agua.guasave.test') ?? false, { message: 'the notice recorded' })
    // Saving it again (a typo fixed) tells nobody twice.
    await update({ place: 'Col. Centro, calle Miguel Hidalgo 214' })
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    expect(harness.sink.messages).toHaveLength(1)
    const shown = await lookUp(folio)
    expect(shown.html).toContain('<strong>Turnada</strong>')
    expect(shown.html).toContain('La atiende: Agua Potable.')
    expect(shown.html).toContain('Fecha compromiso')
  })

  it('moves only forward, needs what was done to be attended, and records every step with who took it', async () => {
    const update = (data: Record<string, unknown>) => payload.update({ collection: 'petitions', id, overrideAccess: false, user: editor, data })
    await expect(update({ state: 'atendida' })).rejects.toThrow(/Qué se hizo/)
    const attended = await update({ state: 'atendida', response: 'Cuadrilla de Agua Potable reparó la toma el 4 de diciembre.' })
    expect(attended.attendedAt).toBeTruthy()
    await expect(update({ state: 'recibida' })).rejects.toThrow(/no puede volver/)
    const closed = await update({ state: 'cerrada' })
    expect((closed.history as Array<{ state: string; by: string }>).map((step) => [step.state, step.by])).toEqual([
      ['recibida', 'Portal ciudadano'],
      ['turnada', 'Lucía Méndez'],
      ['atendida', 'Lucía Méndez'],
      ['cerrada', 'Lucía Méndez'],
    ])
    expect((await lookUp(folio)).html).toContain('<strong>Cerrada</strong>')
  })

  it('captures one seen on a network, and says so on the petition when the department has no address to tell', async () => {
    const captured = await payload.create({
      collection: 'petitions',
      overrideAccess: false,
      user: editor,
      data: { channel: 'facebook', link: 'https://facebook.com/municipio/posts/1#comment-9', summary: 'Panteón sin luz', text: 'Comentario: el panteón municipal lleva una semana sin alumbrado.', state: 'recibida' },
    })
    expect(captured.folio).toMatch(/^PET-\d{4}-\d{5}$/)
    expect(captured.folio).not.toBe(folio)
    await payload.update({ collection: 'petitions', id: captured.id, overrideAccess: false, user: editor, data: { state: 'turnada', department: sinCorreo.id } })
    await waitFor(async () => (await harness.t.query<{ notice: string | null }>('SELECT department_notice AS notice FROM petitions WHERE id = $1', [captured.id]))[0]?.notice ?? null, { message: 'the no-address notice' })
    const [row] = await harness.t.query<{ notice: string }>('SELECT department_notice AS notice FROM petitions WHERE id = $1', [captured.id])
    expect(row!.notice).toMatch(/^Panteones no tiene correo de contacto/)
    expect(harness.sink.messages).toHaveLength(1)
  })

  it('keeps petitions to the office on every API, and limits how many one connection may send', async () => {
    await expect(payload.find({ collection: 'petitions', overrideAccess: false })).rejects.toThrow()
    expect([401, 403]).toContain((await api.rest('GET', 'petitions')).status)
    const anonymous = await api.graphql('{ Petitions { docs { folio name email text } } }')
    expect(anonymous.errors?.length).toBeGreaterThan(0)
    expect(JSON.stringify(anonymous.data ?? {})).not.toContain('Rosa')
    // Five an hour from one connection (three already sent from this one above).
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) statuses.push((await file({ ...FORM, asunto: `Bache ${i}` })).status)
    expect(statuses).toEqual([201, 201, 429])
    expect((await file({ ...FORM, asunto: 'Otra conexión' }, '198.51.100.8')).status).toBe(201)
  })
})
