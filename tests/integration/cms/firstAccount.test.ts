/**
 * A production installation starts with no accounts: the admin's «crear primer usuario» form makes the first
 * one. It must be the administrator (only an admin grants roles), whatever the form sent, and the form must
 * not make a second one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiClients } from '../../helpers/apiClients'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

let t: TestPayload
let api: ReturnType<typeof apiClients>

beforeAll(async () => {
  t = await startTestPayload()
  api = apiClients(t.payload)
})
afterAll(async () => t?.close())

const account = (email: string, role: string) => ({ name: 'Titular de sistemas', email, password: 'una frase larga de sistemas 2026', role })

describe('the first account', () => {
  it('is the administrator even when the form asks for an editor, and a second first account is refused', async () => {
    const first = await api.rest('POST', 'users/first-register', { body: account('sistemas@municipio.test', 'editor') })
    expect(first.status).toBe(200)
    expect(await t.query(`SELECT email, role FROM users`)).toEqual([{ email: 'sistemas@municipio.test', role: 'admin' }])

    const second = await api.rest('POST', 'users/first-register', { body: account('otra@municipio.test', 'admin') })
    expect(second.status).toBeGreaterThanOrEqual(400)
    const anonymous = await api.rest('POST', 'users', { body: account('anonima@municipio.test', 'admin') })
    expect(anonymous.status).toBe(403)
    expect(await t.query(`SELECT email FROM users ORDER BY id`)).toEqual([{ email: 'sistemas@municipio.test' }])
  })
})
