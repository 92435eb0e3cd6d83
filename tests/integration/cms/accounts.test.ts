/**
 * Accounts against hostile people, over REST on a real Payload: the password policy, sign-in throttling per
 * client (never a lock anyone can put on an account), the same answer in about the same time whether an
 * account exists or not, the optional second step (TOTP), and the session cookie's flags.
 */
import { generate } from 'otplib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { User } from '@pregon/cms/payload-types'
import { apiClients } from '../../helpers/apiClients'
import { buildUser } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

const PASSWORD = 'contraseña-de-prueba'
let t: TestPayload
let api: ReturnType<typeof apiClients>
let admin: User
let adminToken: string
let clients = 0
/** A client address of its own (TEST-NET-3), so one test's failures do not throttle another's. */
const newClient = () => `203.0.113.${++clients}`

type Refusal = { errors: Array<{ code?: string; message: string; data?: { errors?: Array<{ path: string; message: string }> } }> }

beforeAll(async () => {
  // https: the session cookie must then be Secure.
  t = await startTestPayload({ env: { CMS_URL: 'https://comunicacion.municipio.test' } })
  api = apiClients(t.payload)
  admin = await buildUser(t.payload, 'admin', { email: 'admin-cuentas@pregon.test' })
  adminToken = (await t.payload.login({ collection: 'users', data: { email: admin.email, password: PASSWORD } })).token!
})
afterAll(async () => t?.close())

async function login({ email, password, client, totp }: { email: string; password: string; client: string; totp?: string }) {
  const response = await api.request('POST', 'users/login', {
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': client },
    body: JSON.stringify({ email, password, ...(totp === undefined ? {} : { totp }) }),
  })
  return { status: response.status, headers: response.headers, body: (await response.json()) as Refusal & { token?: string } }
}

const firstCode = (body: Refusal) => body.errors[0]?.code

describe('the password policy', () => {
  it('refuses 12345678 and abc for a new user with a Spanish message under the password field', async () => {
    for (const password of ['12345678', 'abc']) {
      const created = await api.rest('POST', 'users', {
        token: adminToken,
        body: { name: 'Nueva Persona', email: `nueva-${password}@pregon.test`, password, role: 'editor' },
      })
      expect(created.status).toBe(422)
      const error = (created.body as Refusal).errors[0]!
      expect(error.code).toBe('PASSWORD_TOO_SHORT')
      expect(error.data?.errors).toEqual([{ path: 'password', message: expect.stringContaining('al menos 12 caracteres') }])
    }
    expect(await t.query(`SELECT 1 FROM users WHERE email LIKE 'nueva-%'`)).toEqual([])
  })

  it('refuses a common password on a change of one\'s own password, and the email on a change by an admin', async () => {
    const editor = await buildUser(t.payload, 'editor', { name: 'Rosa Paredes', email: 'rosa.paredes@pregon.test' })
    const token = (await t.payload.login({ collection: 'users', data: { email: editor.email, password: PASSWORD } })).token!

    const own = await api.rest('PATCH', `users/${editor.id}`, { token, body: { password: '123456789012' } })
    expect(own.status).toBe(422)
    expect(firstCode(own.body as Refusal)).toBe('PASSWORD_TOO_COMMON')

    const byAdmin = await api.rest('PATCH', `users/${editor.id}`, { token: adminToken, body: { password: 'rosa.paredes@pregon.test' } })
    expect(byAdmin.status).toBe(422)
    expect(firstCode(byAdmin.body as Refusal)).toBe('PASSWORD_PERSONAL')

    // The old password still works: nothing was saved.
    expect((await login({ email: editor.email, password: PASSWORD, client: newClient() })).status).toBe(200)
    const good = await api.rest('PATCH', `users/${editor.id}`, { token, body: { password: 'tortillas de maiz con frijol' } })
    expect(good.status).toBe(200)
    expect((await login({ email: editor.email, password: 'tortillas de maiz con frijol', client: newClient() })).status).toBe(200)
  })

  it('refuses a weak password when resetting a forgotten one', async () => {
    const editor = await buildUser(t.payload, 'editor')
    const token = await t.payload.forgotPassword({ collection: 'users', data: { email: editor.email }, disableEmail: true })
    const weak = await api.rest('POST', 'users/reset-password', { body: { token, password: 'qwertyuiop12' } })
    expect(weak.status).toBe(422)
    expect(firstCode(weak.body as Refusal)).toBe('PASSWORD_TOO_COMMON')
    const strong = await api.rest('POST', 'users/reset-password', { body: { token, password: 'sol de tarde en el zócalo' } })
    expect(strong.status).toBe(200)
  })
})

describe('sign-in throttling', () => {
  it('answers 429 with Retry-After to a client that failed 20 sign-ins across accounts', async () => {
    const client = newClient()
    const accounts = await Promise.all([1, 2, 3, 4].map(() => buildUser(t.payload, 'editor')))
    const statuses: number[] = []
    let last: Awaited<ReturnType<typeof login>> | undefined
    for (let i = 0; i < 20; i++) {
      const email = i % 5 === 4 ? `nadie-${i}@pregon.test` : accounts[i % 5]!.email
      last = await login({ email, password: `intento equivocado ${i}`, client })
      statuses.push(last.status)
    }
    expect(statuses.slice(0, 15).every((status) => status === 401)).toBe(true)
    expect(statuses.slice(15)).toEqual([429, 429, 429, 429, 429])
    expect(firstCode(last!.body)).toBe('AUTH_TOO_MANY_ATTEMPTS')
    expect(last!.body.errors[0]!.message).toContain('Espera')
    expect(Number(last!.headers.get('Retry-After'))).toBeGreaterThan(0)

    // Another client is not held back, and the accounts are not locked.
    expect((await login({ email: accounts[0]!.email, password: PASSWORD, client: newClient() })).status).toBe(200)
  })

  it('holds back one client guessing one account without locking the account for anyone else', async () => {
    const attacker = newClient()
    for (let i = 0; i < 5; i++) expect((await login({ email: admin.email, password: `adivinanza ${i}`, client: attacker })).status).toBe(401)
    const sixth = await login({ email: admin.email, password: PASSWORD, client: attacker })
    expect(sixth.status).toBe(429)
    expect(firstCode(sixth.body)).toBe('AUTH_TOO_MANY_ATTEMPTS')

    const fromTheOffice = await login({ email: admin.email, password: PASSWORD, client: newClient() })
    expect(fromTheOffice.status).toBe(200)
    expect(fromTheOffice.body.token).toEqual(expect.any(String))
  })

  it('starts a client and account afresh after a successful sign-in', async () => {
    const editor = await buildUser(t.payload, 'editor')
    const client = newClient()
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 4; i++) expect((await login({ email: editor.email, password: `casi ${i}`, client })).status).toBe(401)
      expect((await login({ email: editor.email, password: PASSWORD, client })).status).toBe(200)
    }
    // From zero again: five failures are let through, the sixth attempt waits.
    for (let i = 0; i < 5; i++) expect((await login({ email: editor.email, password: `otra vez ${i}`, client })).status).toBe(401)
    expect((await login({ email: editor.email, password: PASSWORD, client })).status).toBe(429)
  })

  it('counts a client by the address its proxy saw, not by what it wrote in X-Forwarded-For', async () => {
    const client = newClient()
    const statuses: number[] = []
    for (let i = 0; i < 16; i++) {
      const response = await login({ email: `rotando-${i}@pregon.test`, password: `intento ${i} otra vez`, client: `10.9.${i}.1, ${client}` })
      statuses.push(response.status)
    }
    expect(statuses.at(-1)).toBe(429)
  })
})

describe('the same answer whether the account exists or not', () => {
  it('answers a wrong password and an unknown email with the same status and body', async () => {
    const wrong = await login({ email: admin.email, password: 'no es la contraseña', client: newClient() })
    const unknown = await login({ email: 'no-existe@pregon.test', password: 'no es la contraseña', client: newClient() })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(wrong.status)
    expect(unknown.body).toEqual(wrong.body)
    expect(wrong.body.errors[0]!.message).toBe('El correo o la contraseña son incorrectos.')
  })

  it('gives a held-back existing account and a held-back unknown one the same answer', async () => {
    const client = newClient()
    const answers = []
    for (const email of [admin.email, 'tampoco-existe@pregon.test']) {
      for (let i = 0; i < 5; i++) await login({ email, password: `adivinanza ${i}`, client })
      const held = await login({ email, password: 'adivinanza final', client })
      answers.push({ status: held.status, code: firstCode(held.body), message: held.body.errors[0]!.message.replace(/\d+ minutos?/, 'N minutos') })
    }
    expect(answers[0]).toEqual({ status: 429, code: 'AUTH_TOO_MANY_ATTEMPTS', message: expect.stringContaining('Espera') })
    expect(answers[1]).toEqual(answers[0])
  })

  it('takes about as long for an unknown email as for a wrong password (median of 20 each)', async () => {
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
    const timed = async (email: string) => {
      const start = performance.now()
      const { status } = await login({ email, password: 'una contraseña equivocada', client: newClient() })
      expect(status).toBe(401)
      return performance.now() - start
    }
    await timed(admin.email)
    await timed('calentando@pregon.test')
    const existing: number[] = []
    const unknown: number[] = []
    for (let i = 0; i < 20; i++) {
      existing.push(await timed(admin.email))
      unknown.push(await timed(`desconocida-${i}@pregon.test`))
    }
    const ratio = median(unknown) / median(existing)
    console.info(`sign-in timing: existing account median ${median(existing).toFixed(1)} ms, unknown email median ${median(unknown).toFixed(1)} ms, ratio ${ratio.toFixed(2)}`)
    expect(ratio).toBeGreaterThan(0.8)
    expect(ratio).toBeLessThan(1.25)
    // The hash Pregón imitates is the one Payload stores (cms/auth/spendPasswordHashTime.ts).
    const [row] = await t.query<{ hash: string }>('SELECT hash FROM users WHERE id = $1', [admin.id])
    expect(row!.hash).toMatch(/^pbkdf2-sha256-v1:[0-9a-f]{64}$/)
  })
})

describe('the session cookie', () => {
  it('is Secure and SameSite=Lax when the admin is served over https', async () => {
    const signedIn = await login({ email: admin.email, password: PASSWORD, client: newClient() })
    const cookie = signedIn.headers.get('set-cookie') ?? ''
    expect(cookie).toMatch(/payload-token=/)
    expect(cookie).toMatch(/;\s*Secure/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
  })
})

describe('the second step (TOTP)', () => {
  const codeAt = (secret: string, offsetSeconds = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSeconds })

  it('is offered to approvers and admins, not to editors', async () => {
    const editor = await buildUser(t.payload, 'editor')
    const token = (await t.payload.login({ collection: 'users', data: { email: editor.email, password: PASSWORD } })).token!
    const setup = await api.rest('POST', 'users/totp/setup', { token })
    expect(setup.status).toBe(403)
    expect(firstCode(setup.body as Refusal)).toBe('AUTH_TOTP_NOT_OFFERED')
  })

  it('asks an approver who turned it on for a valid, unused code at sign-in, and never shows the secret', async () => {
    const approver = await buildUser(t.payload, 'approver')
    const token = (await t.payload.login({ collection: 'users', data: { email: approver.email, password: PASSWORD } })).token!

    const setup = await api.rest('POST', 'users/totp/setup', { token })
    expect(setup.status).toBe(200)
    const { uri, qrCode, secret } = setup.body as { uri: string; qrCode: string; secret: string }
    expect(uri).toMatch(/^otpauth:\/\/totp\/Preg/)
    expect(uri).toContain(`secret=${secret}`)
    expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/)
    expect(Buffer.from(qrCode.split(',')[1]!, 'base64').toString()).toContain('<svg')

    const wrongConfirm = await api.rest('POST', 'users/totp/confirm', { token, body: { code: '000000' === (await codeAt(secret)) ? '111111' : '000000' } })
    expect(wrongConfirm.status).toBe(422)
    expect(firstCode(wrongConfirm.body as Refusal)).toBe('AUTH_TOTP_INVALID')
    const confirmed = await api.rest('POST', 'users/totp/confirm', { token, body: { code: await codeAt(secret) } })
    expect(confirmed.status).toBe(200)

    // The secret is stored sealed, and no API gives it back: not REST, not GraphQL, not a query on it.
    const [row] = await t.query<{ totp_secret: string; totp_enabled: boolean }>('SELECT totp_secret, totp_enabled FROM users WHERE id = $1', [approver.id])
    expect(row!.totp_enabled).toBe(true)
    expect(row!.totp_secret).not.toContain(secret)
    for (const reader of [token, adminToken]) {
      const read = await api.rest('GET', `users/${approver.id}`, { token: reader })
      expect(read.status).toBe(200)
      expect(read.body).toMatchObject({ totpEnabled: true })
      expect(JSON.stringify(read.body)).not.toMatch(/totpSecret|totpLastStep/)
    }
    const probed = await api.rest('GET', `users?where[totpSecret][exists]=true`, { token: adminToken })
    expect(probed.status).toBe(400)
    expect(JSON.stringify(probed.body)).toContain('cannot be queried: totpSecret')
    const graphql = await api.graphql(`{ User(id: ${approver.id}) { totpSecret } }`, { token: adminToken })
    expect(graphql).toEqual({ data: { User: { totpSecret: null } } })
    // Nor can a save turn it off.
    await api.rest('PATCH', `users/${approver.id}`, { token, body: { totpEnabled: false, totpSecret: null } })
    expect((await t.query('SELECT totp_enabled FROM users WHERE id = $1', [approver.id]))[0]).toEqual({ totp_enabled: true })

    const client = newClient()
    const wrongPassword = await login({ email: approver.email, password: 'no es la contraseña', client })
    expect(wrongPassword.status).toBe(401)
    expect(firstCode(wrongPassword.body)).toBeUndefined()
    const withoutCode = await login({ email: approver.email, password: PASSWORD, client })
    expect(withoutCode.status).toBe(401)
    expect(firstCode(withoutCode.body)).toBe('AUTH_TOTP_REQUIRED')
    expect(withoutCode.headers.get('set-cookie')).toBeNull()
    const wrongCode = await login({ email: approver.email, password: PASSWORD, client, totp: '12345' })
    expect(firstCode(wrongCode.body)).toBe('AUTH_TOTP_INVALID')
    // The confirmation used this step's code: the next step's code signs in, once.
    const next = await codeAt(secret, 30)
    const signedIn = await login({ email: approver.email, password: PASSWORD, client: newClient(), totp: next })
    expect(signedIn.status).toBe(200)
    const replayed = await login({ email: approver.email, password: PASSWORD, client: newClient(), totp: next })
    expect(replayed.status).toBe(401)
    expect(firstCode(replayed.body)).toBe('AUTH_TOTP_INVALID')

    // Off: by its owner only with a valid code, by nobody else but an admin.
    const ownWithoutCode = await api.rest('POST', `users/${approver.id}/totp/disable`, { token, body: {} })
    expect(firstCode(ownWithoutCode.body as Refusal)).toBe('AUTH_TOTP_REQUIRED')
    const other = await buildUser(t.payload, 'approver')
    const otherToken = (await t.payload.login({ collection: 'users', data: { email: other.email, password: PASSWORD } })).token!
    const byOther = await api.rest('POST', `users/${approver.id}/totp/disable`, { token: otherToken, body: {} })
    expect(byOther.status).toBe(403)
    const byAdmin = await api.rest('POST', `users/${approver.id}/totp/disable`, { token: adminToken, body: {} })
    expect(byAdmin.status).toBe(200)
    expect((await login({ email: approver.email, password: PASSWORD, client: newClient() })).status).toBe(200)
  })
})
