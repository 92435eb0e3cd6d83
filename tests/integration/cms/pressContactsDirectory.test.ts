import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PressContact, User } from '@pregon/cms/payload-types'
import { apiClients } from '../../helpers/apiClients'
import { buildDepartment, buildUser } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

const PASSWORD = 'contraseña-de-prueba'
let t: TestPayload
let api: ReturnType<typeof apiClients>
let editor: User
let admin: User
let editorToken: string
let adminToken: string

beforeAll(async () => {
  t = await startTestPayload()
  api = apiClients(t.payload)
  editor = await buildUser(t.payload, 'editor')
  admin = await buildUser(t.payload, 'admin')
  editorToken = (await t.payload.login({ collection: 'users', data: { email: editor.email, password: PASSWORD } })).token!
  adminToken = (await t.payload.login({ collection: 'users', data: { email: admin.email, password: PASSWORD } })).token!
  await buildDepartment(t.payload, 'Obras Públicas')
  await t.payload.create({ collection: 'mailing-lists', data: { name: 'Obras públicas', slug: 'obras-publicas', audience: 'press' } })
  await t.payload.create({ collection: 'mailing-lists', data: { name: 'Medio ambiente', slug: 'medio-ambiente', audience: 'press' } })
  await t.payload.create({ collection: 'mailing-lists', data: { name: 'Boletín ciudadano', slug: 'boletin-ciudadano', audience: 'subscribers' } })
  await t.payload.create({ collection: 'press-contacts', data: { name: 'Dado de baja', email: 'baja@medios.test', status: 'unsubscribed' } })
})
afterAll(async () => t?.close())

const upload = (csv: string, token: string | null, name = 'directorio.csv') => {
  const form = new FormData()
  form.append('file', new Blob([csv], { type: 'text/csv' }), name)
  return api.request('POST', 'press-contacts/import', { token, body: form })
}

const CSV = [
  'nombre,correo,medio,telefono,listas,fuentes,consentimiento_fecha,consentimiento_origen,notas',
  'Marco Ibarra,Marco@Radio.test,Radio Valle,555 100 2000,Obras públicas,Obras Públicas,2026-10-01,Registro en la sala de prensa,x', // 2
  'Sin correo,,Diario,,,,,,', // 3: rejected
  'Correo malo,marco(at)radio.test,Diario,,,,,,', // 4: rejected
  'Ana Ruiz,ana@diario.test,Diario del Valle,,Medio ambiente,,15/09/2026,Formulario web,', // 5
  'Ana Ruiz,ANA@diario.test,,,Obras públicas,,,,', // 6: merged into 5
  'Lista rara,lista@medios.test,TV,,Deportes,,,,', // 7: rejected, unknown list
  'Ciudadano,ciudadano@medios.test,TV,,Boletín ciudadano,,,,', // 8: rejected, not a press list
  'Fecha mala,fecha@medios.test,TV,,,,31/02/2026,,', // 9: rejected
  ',sin-nombre@medios.test,TV,,,,,,', // 10: rejected
  'Vuelve,baja@medios.test,Radio,,Obras públicas,,,,', // 11: updated, stays unsubscribed
  'Pedro Sol,pedro@tv.test,TV Local,,,,,,', // 12
].join('\r\n')

describe('the directory import (POST /api/press-contacts/import)', () => {
  it('reports every line it did not import, with its number and reason, and merges repeated addresses', async () => {
    const response = await upload(CSV, editorToken)
    expect(response.status).toBe(200)
    const report = await response.json()
    expect(report).toMatchObject({ file: 'directorio.csv', lines: 11, created: 3, updated: 1, ignoredColumns: ['notas'] })
    expect(report.rejected.map((r: { line: number; code: string }) => [r.line, r.code])).toEqual([
      [3, 'IMPORT_EMAIL_MISSING'],
      [4, 'IMPORT_EMAIL_INVALID'],
      [7, 'IMPORT_LIST_UNKNOWN'],
      [8, 'IMPORT_LIST_UNKNOWN'],
      [9, 'IMPORT_CONSENT_DATE_INVALID'],
      [10, 'IMPORT_NAME_MISSING'],
    ])
    expect(report.rejected[1].reason).toContain('marco(at)radio.test')
    expect(report.rejected[2].reason).toContain('«Deportes»')
    expect(report.merged).toEqual([{ line: 6, email: 'ana@diario.test', mergedIntoLine: 5 }])
    expect(report.notes).toEqual([expect.objectContaining({ line: 11, code: 'IMPORT_CONTACT_NOT_ACTIVE' })])
    // Every data line is accounted for: imported, merged or rejected.
    expect(report.created + report.updated + report.merged.length + report.rejected.length).toBe(report.lines)

    const rows = await t.query<{ email: string; status: string; consent_at: Date | null; consent_source: string | null; lists: string[] | null }>(
      `SELECT c.email, c.status, c.consent_at, c.consent_source,
              array_agg(l.name ORDER BY l.name) FILTER (WHERE l.id IS NOT NULL) AS lists
         FROM press_contacts c LEFT JOIN press_contacts_rels r ON r.parent_id = c.id AND r.path = 'lists' LEFT JOIN mailing_lists l ON l.id = r.mailing_lists_id
        GROUP BY c.id ORDER BY c.email`,
    )
    expect(rows.map((r) => [r.email, r.status, r.lists])).toEqual([
      ['ana@diario.test', 'active', ['Medio ambiente', 'Obras públicas']],
      ['baja@medios.test', 'unsubscribed', ['Obras públicas']],
      ['marco@radio.test', 'active', ['Obras públicas']],
      ['pedro@tv.test', 'active', null],
    ])
    const marco = rows.find((r) => r.email === 'marco@radio.test')!
    expect(marco.consent_at?.toISOString().slice(0, 10)).toBe('2026-10-01')
    expect(marco.consent_source).toBe('Registro en la sala de prensa')
    expect(rows.find((r) => r.email === 'ana@diario.test')!.consent_at?.toISOString().slice(0, 10)).toBe('2026-09-15')
    expect(rows.find((r) => r.email === 'pedro@tv.test')!.consent_source).toMatch(/^Importación CSV \(directorio\.csv\)/)

    // Importing the same file again creates nobody new.
    const again = await (await upload(CSV, editorToken)).json()
    expect(again).toMatchObject({ created: 0, updated: 4 })
  })

  it('refuses a file without the email column, an empty upload and anyone not signed in, with stable codes', async () => {
    const noEmail = await upload('nombre,medio\nMarco,Radio\n', editorToken)
    expect(noEmail.status).toBe(422)
    expect((await noEmail.json()).errors[0].code).toBe('IMPORT_NO_EMAIL_COLUMN')
    const empty = await upload('', editorToken)
    expect(empty.status).toBe(422)
    expect((await empty.json()).errors[0].code).toBe('IMPORT_NO_FILE')
    const anonymous = await upload(CSV, null)
    expect(anonymous.status).toBe(401)
    expect((await anonymous.json()).errors[0].code).toBe('IMPORT_NOT_SIGNED_IN')
  })
})

describe('export and ARCO requests', () => {
  it('exports the directory as CSV in the columns the import reads, to staff only', async () => {
    const response = await api.request('GET', 'press-contacts/export', { token: editorToken })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/)
    const csv = await response.text()
    const [header, ...lines] = csv.replace(/^\uFEFF/, '').trim().split('\n')
    expect(header).toBe('nombre,correo,medio,telefono,listas,fuentes,estado,consentimiento_fecha,consentimiento_origen,baja_fecha')
    expect(lines.find((l) => l.includes('ana@diario.test'))).toMatch(/^Ana Ruiz,ana@diario.test,Diario del Valle,,Medio ambiente; Obras públicas,,active,2026-09-15/)
    expect((await api.request('GET', 'press-contacts/export')).status).toBe(401)
  })

  it('gives one contact everything held about them, and lets only an admin delete them', async () => {
    const [marco] = (await t.payload.find({ collection: 'press-contacts', where: { email: { equals: 'marco@radio.test' } } })).docs as PressContact[]
    const anonymous = await api.request('GET', `press-contacts/${marco!.id}/arco`)
    expect(anonymous.status).toBe(401)
    const response = await api.request('GET', `press-contacts/${marco!.id}/arco`, { token: editorToken })
    expect(response.status).toBe(200)
    const arco = await response.json()
    expect(arco.contact).toMatchObject({ email: 'marco@radio.test', phone: '555 100 2000', consent: { source: 'Registro en la sala de prensa' } })
    expect(arco.messages).toEqual([])

    // An editor may not delete (the cancellation right is exercised by an admin).
    expect((await api.rest('DELETE', `press-contacts/${marco!.id}`, { token: editorToken })).status).toBe(403)
    expect((await api.rest('DELETE', `press-contacts/${marco!.id}`, { token: adminToken })).status).toBe(200)
    expect(await t.query('SELECT id FROM press_contacts WHERE id = $1', [marco!.id])).toEqual([])
  })
})

describe('access to contacts’ personal data', () => {
  it('is refused to the public on REST, GraphQL and the Local API, for contacts and deliveries alike', async () => {
    expect((await api.rest('GET', 'press-contacts')).status).toBe(403)
    expect((await api.rest('GET', 'deliveries')).status).toBe(403)
    const graphql = await api.graphql('{ PressContacts { docs { email } } Deliveries { docs { email } } }')
    expect(graphql.errors?.length).toBeGreaterThan(0)
    expect(JSON.stringify(graphql.data ?? {})).not.toContain('@')
    await expect(t.payload.find({ collection: 'press-contacts', overrideAccess: false })).rejects.toMatchObject({ status: 403 })
    await expect(t.payload.find({ collection: 'deliveries', overrideAccess: false })).rejects.toMatchObject({ status: 403 })
    // Nobody writes the delivery ledger through the API, staff included.
    expect((await api.rest('POST', 'deliveries', { token: adminToken, body: { status: 'sent' } })).status).toBe(403)
  })
})
