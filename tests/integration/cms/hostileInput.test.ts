import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { User } from '@pregon/cms/payload-types'
import { paragraphsToLexical } from '@pregon/cms/seed/paragraphsToLexical'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { apiClients } from '../../helpers/apiClients'
import { buildBulletin, buildUser } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

// Text a person sends is refused, on every API and on drafts too, when it holds what PostgreSQL cannot store
// (NUL), what silently changes how it reads (bidi overrides) or more than a field holds; what leaves as CSV
// never opens as a formula.
const PASSWORD = 'contraseña-de-prueba'
const RLO = '\u202E'
let t: TestPayload
let api: ReturnType<typeof apiClients>
let editor: User
let admin: User
let editorToken: string
let adminToken: string

type Refusal = { errors: Array<{ code: string; message: string; data?: { code?: string; errors?: Array<{ path: string; message: string }> } }> }

const content = (title: string) => ({ title, summary: 'Resumen del aviso.', body: paragraphsToLexical(['Primer párrafo.']) })
const workingCopy = (id: number) => t.payload.findByID({ collection: 'bulletins', id, draft: true, depth: 0 })
const bulletinCount = async () => Number((await t.query<{ n: string }>('SELECT count(*) AS n FROM bulletins'))[0]!.n)

beforeAll(async () => {
  t = await startTestPayload()
  api = apiClients(t.payload)
  editor = await buildUser(t.payload, 'editor')
  admin = await buildUser(t.payload, 'admin')
  editorToken = (await t.payload.login({ collection: 'users', data: { email: editor.email, password: PASSWORD } })).token!
  adminToken = (await t.payload.login({ collection: 'users', data: { email: admin.email, password: PASSWORD } })).token!
})
afterAll(async () => t?.close())

describe('control characters in what a person saves', () => {
  it('refuses a NUL in a title over REST with 422 and a code, and stores nothing', async () => {
    const before = await bulletinCount()
    const answer = await api.rest('POST', 'bulletins?draft=true', { token: editorToken, body: content('Aviso\u0000 de lluvias') })
    expect(answer.status).toBe(422)
    const error = (answer.body as Refusal).errors[0]!
    expect(error).toMatchObject({ code: 'TEXT_CONTROL_CHARACTERS', message: expect.stringContaining('«Título»') })
    expect(error.message).toContain('U+0000')
    // The admin marks the field itself.
    expect(error.data?.errors).toEqual([{ path: 'title', message: expect.stringContaining('U+0000') }])
    expect(await bulletinCount()).toBe(before)
  })

  it('refuses a NUL in a title over GraphQL with 422 and the code', async () => {
    const mutation = 'mutation ($data: mutationBulletinInput!) { createBulletin(data: $data, draft: true) { id } }'
    // GraphQL's input type requires the slug (Payload makes it from the title only after the schema checks).
    const answer = await api.graphql(mutation, { token: editorToken, variables: { data: { ...content('Aviso\u0000 de lluvias'), slug: 'aviso-de-lluvias' } } })
    const error = answer.errors?.[0] as { message: string; extensions?: { statusCode?: number; data?: { code?: string } } }
    expect(error.extensions?.statusCode).toBe(422)
    expect(error.extensions?.data?.code).toBe('TEXT_CONTROL_CHARACTERS')
    expect(error.message).toContain('«Título»')
  })

  it('refuses a NUL in a title over the Local API on behalf of a person', async () => {
    const saving = t.payload.create({ collection: 'bulletins', draft: true, data: content('Aviso\u0000'), overrideAccess: false, user: editor })
    await expect(saving).rejects.toMatchObject({ status: 422, data: { code: 'TEXT_CONTROL_CHARACTERS' } })
  })

  it('refuses a bidi override in a draft title, naming the character', async () => {
    const draft = await buildBulletin(t.payload, { title: 'Boletín sin trucos', author: editor })
    const answer = await api.rest('PATCH', `bulletins/${draft.id}?draft=true`, { token: editorToken, body: { title: `Aviso ${RLO}fdp.exe` } })
    expect(answer.status).toBe(422)
    expect((answer.body as Refusal).errors[0]).toMatchObject({ code: 'TEXT_CONTROL_CHARACTERS', message: expect.stringContaining('U+202E') })
    expect((await workingCopy(draft.id)).title).toBe('Boletín sin trucos')
  })

  it('refuses a bidi override inside the rich-text body', async () => {
    const answer = await api.rest('POST', 'bulletins?draft=true', {
      token: editorToken,
      body: { ...content('Cuerpo con trampa'), body: paragraphsToLexical(['Primer párrafo.', `Pague en ${RLO}moc.olpmeje`]) },
    })
    expect(answer.status).toBe(422)
    const error = (answer.body as Refusal).errors[0]!
    expect(error).toMatchObject({ code: 'TEXT_CONTROL_CHARACTERS', message: expect.stringContaining('«Cuerpo»') })
    expect(error.data?.errors?.[0]?.path).toBe('body')
  })

  it('names the row of an array field (a program requirement)', async () => {
    const answer = await api.rest('POST', 'programs?draft=true', {
      token: editorToken,
      body: { title: 'Apoyo al campo', summary: 'Semilla mejorada.', requirements: [{ item: 'Ser del municipio' }, { item: `INE${RLO}` }] },
    })
    expect(answer.status).toBe(422)
    const error = (answer.body as Refusal).errors[0]!
    expect(error.code).toBe('TEXT_CONTROL_CHARACTERS')
    expect(error.message).toContain('Requisitos n.º 2')
    expect(error.data?.errors?.[0]?.path).toBe('requirements.1.item')
  })

  it('refuses it in collections without drafts and in globals too', async () => {
    const contact = await api.rest('POST', 'press-contacts', { token: editorToken, body: { name: `Marco ${RLO}Ibarra`, email: 'marco@radio.test' } })
    expect(contact.status).toBe(422)
    expect((contact.body as Refusal).errors[0]!.code).toBe('TEXT_CONTROL_CHARACTERS')
    const settings = await api.rest('POST', 'globals/site-settings', { token: adminToken, body: { officeName: 'Comunicación\u0000Social' } })
    expect(settings.status).toBe(422)
    expect((settings.body as Refusal).errors[0]).toMatchObject({ code: 'TEXT_CONTROL_CHARACTERS', message: expect.stringContaining('«Nombre de la oficina»') })
  })

  it('refuses a workflow reason with a bidi override, leaving the item and the record as they were', async () => {
    const approver = await buildUser(t.payload, 'approver')
    const approverToken = (await t.payload.login({ collection: 'users', data: { email: approver.email, password: PASSWORD } })).token!
    const bulletin = await buildBulletin(t.payload, { title: 'Motivo con trampa', author: editor, status: 'in_review' })
    const answer = await api.rest('POST', `bulletins/${bulletin.id}/workflow/reject`, { token: approverToken, body: { reason: `Falta ${RLO}la fecha` } })
    expect(answer.status).toBe(422)
    expect((answer.body as Refusal).errors[0]).toMatchObject({ code: 'TEXT_CONTROL_CHARACTERS', message: expect.stringContaining('«Motivo»') })
    expect((await workingCopy(bulletin.id)).workflowState).toBe('in_review')
    expect(await t.query("SELECT 1 FROM audit_log WHERE item_id = $1 AND action = 'reject'", [String(bulletin.id)])).toEqual([])
  })

  it('refuses a line break in a one-line field but keeps it in multi-line text, and lets LRM/RLM marks through', async () => {
    const oneLine = await api.rest('POST', 'bulletins?draft=true', { token: editorToken, body: content('Aviso\nBcc: todos@x.test') })
    expect(oneLine.status).toBe(422)
    expect((oneLine.body as Refusal).errors[0]).toMatchObject({ code: 'TEXT_CONTROL_CHARACTERS', message: expect.stringContaining('una sola línea') })

    const fine = await api.rest('POST', 'bulletins?draft=true', {
      token: editorToken,
      body: { ...content('Visita de la delegación de \u200Fعمّان\u200E a la feria'), summary: 'Primera línea.\r\nSegunda línea.\tcon tabulador' },
    })
    expect(fine.status).toBe(201)
  })
})

describe('lengths on drafts', () => {
  it('refuses a 100,017-character title on a draft save, naming the field and its limit', async () => {
    const answer = await api.rest('POST', 'bulletins?draft=true', { token: editorToken, body: content('x'.repeat(100_017)) })
    expect(answer.status).toBe(422)
    const error = (answer.body as Refusal).errors[0]!
    expect(error).toMatchObject({ code: 'TEXT_TOO_LONG', message: expect.stringMatching(/«Título».*100,017.*200/) })
    // The field's own message reads like Payload's maxLength message on a publication.
    expect(error.data?.errors?.[0]).toEqual({ path: 'title', message: expect.stringContaining('longitud máxima de 200 caracteres') })
  })

  it('gives fields without their own limit a default one, also on drafts', async () => {
    const draft = await buildBulletin(t.payload, { title: 'Feria del libro', author: editor })
    const place = await api.rest('PATCH', `bulletins/${draft.id}?draft=true`, { token: editorToken, body: { place: 'p'.repeat(2_001) } })
    expect(place.status).toBe(422)
    expect((place.body as Refusal).errors[0]).toMatchObject({ code: 'TEXT_TOO_LONG', message: expect.stringMatching(/«Lugar».*2,000/) })
    const body = await api.rest('PATCH', `bulletins/${draft.id}?draft=true`, { token: editorToken, body: { body: paragraphsToLexical(Array.from({ length: 11 }, () => 'b'.repeat(10_000))) } })
    expect(body.status).toBe(422)
    expect((body.body as Refusal).errors[0]).toMatchObject({ code: 'TEXT_TOO_LONG', message: expect.stringMatching(/«Cuerpo».*110,000.*100,000/) })
  })
})

describe('choices', () => {
  it('refuses a channel «Difundir en» does not offer on a draft over REST, naming it, instead of the database erroring', async () => {
    const before = await bulletinCount()
    const answer = await api.rest('POST', 'bulletins?draft=true', { token: editorToken, body: { ...content('Aviso con canal inventado'), distributeTo: ['facebook', 'myspace'] } })
    const refusal = answer.body as Refusal
    expect([answer.status, refusal.errors[0]?.data?.errors]).toEqual([400, [{ path: 'distributeTo', message: '«Difundir en» no reconoce «myspace»: elige canales de la lista.' }]])
    expect(await bulletinCount()).toBe(before)
  })

  it('refuses a classification or veda exception the lists do not offer, on the field, instead of the database erroring', async () => {
    const before = await bulletinCount()
    const classified = await api.rest('POST', 'bulletins?draft=true', { token: editorToken, body: { ...content('Aviso mal clasificado'), classification: 'propaganda' } })
    expect([classified.status, (classified.body as Refusal).errors[0]?.data?.errors]).toEqual([
      400,
      [{ path: 'classification', message: '«Clasificación» no reconoce «propaganda»: elige una opción de la lista.' }],
    ])
    const excepted = await api.rest('POST', 'bulletins?draft=true', { token: editorToken, body: { ...content('Aviso con excepción inventada'), blackoutException: 'deportes' } })
    expect([excepted.status, (excepted.body as Refusal).errors[0]?.data?.errors]).toEqual([
      400,
      [{ path: 'blackoutException', message: '«Excepción de veda electoral» no reconoce «deportes»: elige una opción de la lista.' }],
    ])
    expect(await bulletinCount()).toBe(before)
  })
})

describe('every other choice', () => {
  it('refuses, on the field, what any select or radio does not offer: a bulletin, a program, a global\'s array row', async () => {
    const before = await bulletinCount()
    const kind = await api.rest('POST', 'bulletins?draft=true', { token: editorToken, body: { ...content('Aviso de tipo inventado'), kind: 'panfleto' } })
    expect([kind.status, (kind.body as Refusal).errors[0]?.data?.errors]).toEqual([400, [{ path: 'kind', message: '«Tipo» no reconoce «panfleto»: elige una opción de la lista.' }]])
    expect(await bulletinCount()).toBe(before)

    const program = await api.rest('POST', 'programs?draft=true', { token: editorToken, body: { title: 'Apoyo lunar', summary: 'Nada.', issuingLevel: 'galáctico' } })
    expect([program.status, (program.body as Refusal).errors[0]?.data?.errors]).toEqual([
      400,
      [{ path: 'issuingLevel', message: '«Nivel de gobierno» no reconoce «galáctico»: elige una opción de la lista.' }],
    ])

    const settings = await api.rest('POST', 'globals/site-settings', { token: adminToken, body: { socialLinks: [{ network: 'x', url: 'https://x.com/municipio' }, { network: 'myspace', url: 'https://myspace.com/m' }] } })
    expect([settings.status, (settings.body as Refusal).errors[0]?.data?.errors]).toEqual([
      400,
      [{ path: 'socialLinks.1.network', message: '«Red» no reconoce «myspace»: elige una opción de la lista.' }],
    ])
    const saved = await t.payload.findGlobal({ slug: 'site-settings' })
    expect((saved as { socialLinks?: Array<{ network: string }> }).socialLinks?.map((link) => link.network) ?? []).not.toContain('myspace')
  })
})

describe('queries', () => {
  it('answers a NUL in a where value without reaching PostgreSQL', async () => {
    const answer = await api.rest('GET', 'bulletins?where[title][equals]=%00', { token: editorToken })
    expect(answer.status).toBe(422)
    expect((answer.body as Refusal).errors[0]!.code).toBe('QUERY_NUL_CHARACTER')
    const graphql = await api.graphql('{ Bulletins(where: { title: { like: "a\\u0000" } }) { docs { id } } }', { token: editorToken })
    expect((graphql.errors?.[0] as { extensions?: { statusCode?: number } }).extensions?.statusCode).toBe(422)
  })

  it('answers a NUL in a sign-in or password reset with 422 instead of 500', async () => {
    for (const [path, body] of [
      ['users/login', { email: 'a\u0000@x.test', password: PASSWORD }],
      ['users/forgot-password', { email: 'a\u0000@x.test' }],
      ['users/reset-password', { token: 'a\u0000', password: 'otra-contraseña-larga-y-rara-7' }],
    ] as const) {
      const answer = await api.rest('POST', path, { body })
      expect([path, answer.status, (answer.body as Refusal).errors[0]!.code]).toEqual([path, 422, 'TEXT_CONTROL_CHARACTERS'])
    }
  })
})

describe('what Pregón itself writes in its ledgers', () => {
  it('stores a network’s error text without what PostgreSQL or a reader would choke on, instead of losing the write', async () => {
    const bulletin = await buildBulletin(t.payload, { title: 'Ledger', author: editor })
    const row = await t.payload.create({
      collection: 'distributions',
      data: { bulletin: bulletin.id, channel: 'x', account: 'principal', versionHash: 'abc', status: 'pending', summary: 'Línea 1\nLínea 2', error: `Servidor dijo:\u0000 ${RLO}ok\n550 rechazado` },
    })
    expect(row.error).toBe('Servidor dijo:\uFFFD \uFFFDok\n550 rechazado')
    expect(row.summary).toBe('Línea 1 Línea 2')
  })
})

describe('CSV exports', () => {
  const csvOf = async (path: string) => Buffer.from(await (await api.request('GET', path, { token: editorToken })).arrayBuffer()).toString('utf8')

  it('writes a press contact whose name is a formula as text, and a phone starting with + too', async () => {
    await t.payload.create({ collection: 'press-contacts', data: { name: '=HYPERLINK("http://x","y")', email: 'formula@medios.test', phone: '+52 55 1234 5678', outlet: '@radio', status: 'active' } })
    const csv = await csvOf('press-contacts/export?format=csv')
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""y"")",formula@medios.test,'@radio,'+52 55 1234 5678,`)
    expect(csv).not.toMatch(/(^|,)"?=HYPERLINK/m)
  })

  it('writes an audit reason that starts with = as text', async () => {
    const approver = await buildUser(t.payload, 'approver')
    const bulletin = await buildBulletin(t.payload, { title: 'Registro con fórmula', author: editor, status: 'in_review' })
    await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'reject', user: approver, reason: '=1+1 revisa las cifras' })
    const csv = await csvOf(`audit-log/export?from=2000-01-01&format=csv&itemCollection=bulletins&itemId=${bulletin.id}`)
    expect(csv).toContain(",'=1+1 revisa las cifras,")
    expect(csv).not.toMatch(/,=1\+1/)
  })
})
