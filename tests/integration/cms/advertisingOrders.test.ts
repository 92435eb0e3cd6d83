import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { User } from '@pregon/cms/payload-types'
import { apiClients } from '../../helpers/apiClients'
import { buildUser } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

let t: TestPayload
let api: ReturnType<typeof apiClients>
let editor: User
let token: string

beforeAll(async () => {
  t = await startTestPayload()
  api = apiClients(t.payload)
  const password = 'contraseña-publicidad-1'
  editor = await buildUser(t.payload, 'editor', { email: 'pauta@pregon.test', password })
  token = (await t.payload.login({ collection: 'users', data: { email: editor.email, password } })).token!
  const outlet = async (name: string) => (await t.payload.create({ collection: 'outlets', overrideAccess: false, user: editor, data: { name, kind: 'newspaper' } })).id
  const [debate, noroeste, radio] = [await outlet('El Debate'), await outlet('Noroeste'), await outlet('=Radio Fórmula')]
  const order = (outlet: number, campaign: string, amount: number, periodStart: string, periodEnd: string, medium = 'impreso') =>
    t.payload.create({ collection: 'advertising-orders', overrideAccess: false, user: editor, data: { outlet, medium: medium as 'impreso', provider: 'Editorial del Pacífico, S.A. de C.V.', campaign, contract: `CS-${campaign.length}-2026`, amount, periodStart, periodEnd } })
  await order(debate, 'Predial 2026', 60_000, '2026-01-10T12:00:00.000Z', '2026-02-10T12:00:00.000Z')
  await order(debate, 'Vacunación invernal', 15_000, '2026-11-01T12:00:00.000Z', '2026-12-15T12:00:00.000Z')
  await order(noroeste, 'Predial 2026', 45_000, '2026-01-15T12:00:00.000Z', '2026-02-15T12:00:00.000Z', 'digital')
  await order(radio, 'Predial 2026', 30_000, '2026-01-05T12:00:00.000Z', '2026-01-31T12:00:00.000Z', 'radio')
  // Outside the period asked for below.
  await order(noroeste, 'Carnaval 2025', 99_000, '2025-02-01T12:00:00.000Z', '2025-02-28T12:00:00.000Z', 'digital')
})
afterAll(async () => t?.close())

describe('the register of official advertising', () => {
  it('shows each outlet’s share of a period', async () => {
    const response = await api.request('GET', 'advertising-orders/share?desde=2026-01-01&hasta=2026-06-30', { token })
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('3 órdenes')
    const rows = [...html.matchAll(/<tr><th scope="row">([^<]+)<\/th><td>(\d+)<\/td><td>([^<]+)<\/td><td>([^<]+)<\/td><\/tr>/g)].map((m) => [m[1], m[2], m[4]])
    expect(rows).toEqual([
      ['El Debate', '1', '44.4 %'],
      ['Noroeste', '1', '33.3 %'],
      ['=Radio Fórmula', '1', '22.2 %'],
    ])
  })

  it('exports the transparency layout as CSV, every cell safe from formulas', async () => {
    const response = await api.request('GET', 'advertising-orders/transparency.csv?desde=2026-01-01&hasta=2026-12-31', { token })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toContain('publicidad-oficial-2026-01-01-2026-12-31.csv')
    const rows = parse((await response.text()).replace(/^\uFEFF/, '')) as string[][]
    expect(rows[0]).toEqual(['Medio de comunicación', 'Tipo de medio', 'Proveedor (razón social)', 'Número de contrato', 'Campaña o aviso institucional', 'Monto total (MXN, con IVA)', 'Periodo: inicio', 'Periodo: fin'])
    expect(rows.slice(1)).toHaveLength(4)
    expect(rows.slice(1).map((row) => [row[0], row[1], row[5], row[6]])).toEqual([
      ["'=Radio Fórmula", 'Radio', '30000.00', '2026-01-05'],
      ['El Debate', 'Prensa impresa', '60000.00', '2026-01-10'],
      ['Noroeste', 'Medio digital', '45000.00', '2026-01-15'],
      ['El Debate', 'Prensa impresa', '15000.00', '2026-11-01'],
    ])
  })

  it('is for staff only, and refuses a period it cannot read', async () => {
    expect((await api.request('GET', 'advertising-orders/transparency.csv')).status).toBe(401)
    expect([401, 403]).toContain((await api.rest('GET', 'advertising-orders')).status)
    const bad = await api.request('GET', 'advertising-orders/share?desde=2026-06-30&hasta=2026-01-01', { token })
    expect(bad.status).toBe(422)
    expect(JSON.stringify(await bad.json())).toContain('AAAA-MM-DD')
    await expect(
      t.payload.create({ collection: 'advertising-orders', overrideAccess: false, user: editor, data: { outlet: 1, medium: 'radio', provider: 'X', campaign: 'Y', contract: 'Z', amount: 10, periodStart: '2026-03-10T12:00:00.000Z', periodEnd: '2026-03-01T12:00:00.000Z' } }),
    ).rejects.toMatchObject({ data: { errors: [expect.objectContaining({ path: 'periodEnd', message: 'La fecha final no puede ser anterior a la inicial.' })] } })
  })
})
