import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { APIError, getPayload, type Migration, type Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { PregonError } from '@pregon/core/PregonError'
import { loadConfig } from '@pregon/core/loadConfig'
import { prepareQueues, stopProducers } from '@pregon/core/boss'
import { buildPayloadConfig } from '@pregon/cms/buildPayloadConfig'
import { endpoint, holdBackRefusalLog } from '@pregon/cms/http/errorReply'
import { migrations } from '@pregon/cms/migrations'
import type { User } from '@pregon/cms/payload-types'
import { apiClients } from '../../helpers/apiClients'
import { buildBulletin, buildUser } from '../../helpers/builders'
import { png } from '../../helpers/images'
import { createTestDatabase } from '../../helpers/testDatabase'

// A person's mistake is a warning with its code; Pregón's own failure is an error with its stack. Payload boots
// with the logger block of cms/buildPayloadConfig.ts as it is, writing into `lines` instead of standard output.
type Line = { level: number; msg?: string; code?: string; status?: number; path?: string; collection?: string; fields?: string[]; err?: { stack?: string } }
const WARN = 40
const ERROR = 50

let payload: Payload
let api: ReturnType<typeof apiClients>
let editor: User
let editorToken: string
let dataDir: string
const output: string[] = []
const lines = () => output.map((text) => JSON.parse(text) as Line)
/** Warnings about requests (Payload's own start-up warnings, such as the missing e-mail adapter, carry no code). */
const refusals = () => lines().filter((line) => line.level === WARN && line.code !== undefined)
/** Payload's held-back lines are settled a turn of the event loop after the answer. */
const settled = () => new Promise((resolve) => setImmediate(resolve))

beforeAll(async () => {
  const databaseUrl = await createTestDatabase(inject('postgresAdminUrl'))
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-test-'))
  const config = loadConfig({ DATABASE_URL: databaseUrl, PAYLOAD_SECRET: randomBytes(24).toString('hex'), DATA_DIR: dataDir, LOG_LEVEL: 'info', LOG_FORMAT: 'json' })
  await prepareQueues(databaseUrl)
  const built = await buildPayloadConfig(config)
  const { options } = built.logger as { options: NonNullable<Extract<typeof built.logger, { options: unknown }>['options']> }
  built.logger = { options, destination: { write: (text: string) => void output.push(text) } }
  built.endpoints.push(
    { path: '/test-internal-failure', method: 'get', handler: () => { throw new Error('Fallo interno de prueba') } },
    endpoint({ path: '/test-conflict', method: 'get', handler: () => { throw new PregonError({ code: 'TEST_WRONG_STATE', kind: 'conflict', message: 'No en este estado.' }) } }),
  )
  payload = await getPayload({ config: built, key: `refusal-logging-${databaseUrl}` })
  await payload.db.migrate({ migrations: migrations as unknown as Migration[] })
  api = apiClients(payload)
  editor = await buildUser(payload, 'editor')
  editorToken = (await payload.login({ collection: 'users', data: { email: editor.email, password: 'contraseña-de-prueba' } })).token!
})
afterAll(async () => {
  await stopProducers()
  await payload?.destroy()
  await fs.rm(dataDir, { recursive: true, force: true })
})
beforeEach(() => {
  output.length = 0
})

function expectNoStack() {
  const text = output.join('')
  expect(text).not.toMatch(/\\n\s+at /)
  expect(text).not.toContain('"stack"')
  expect(lines().filter((line) => line.level >= ERROR)).toEqual([])
}

describe('a refusal is one warning with its code, without a stack', () => {
  it('logs an upload without alt text as FIELD_INVALID naming the field', async () => {
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(await png())], { type: 'image/png' }), 'sin-alt.png')
    form.append('_payload', JSON.stringify({ alt: '' }))
    const response = await api.request('POST', 'media', { token: editorToken, body: form })
    expect(response.status).toBe(400)
    await settled()

    expect(refusals()).toEqual([
      expect.objectContaining({ code: 'FIELD_INVALID', status: 400, path: '/api/media', collection: 'media', fields: ['alt'] }),
    ])
    expectNoStack()
  })

  it('logs a hook refusal (Payload logs these as errors) once, as a warning with the hook code', async () => {
    const draft = await buildBulletin(payload, { title: 'Cierre de la calle Hidalgo', author: editor })
    output.length = 0
    const answer = await api.rest('PATCH', `bulletins/${draft.id}`, { token: editorToken, body: { _status: 'published' } })
    expect(answer.status).toBe(403)
    await settled()

    expect(refusals()).toEqual([
      expect.objectContaining({ code: 'WORKFLOW_DIRECT_PUBLISH', status: 403, path: `/api/bulletins/${draft.id}`, collection: 'bulletins' }),
    ])
    expectNoStack()
  })

  it('logs an endpoint refusal with its path but not its query, which may carry personal data', async () => {
    const answer = await api.request('GET', 'audit-log/export?from=ayer&email=persona@example.org', { token: editorToken })
    expect(answer.status).toBe(422)
    await api.request('GET', 'test-conflict', { token: editorToken })
    await settled()

    expect(refusals()).toEqual([
      expect.objectContaining({ code: 'AUDIT_BAD_DATE', status: 422, path: '/api/audit-log/export' }),
      expect.objectContaining({ code: 'TEST_WRONG_STATE', status: 409, path: '/api/test-conflict' }),
    ])
    expect(output.join('')).not.toContain('persona@example.org')
    expectNoStack()
  })

  it('logs a refusal that reaches no afterError hook as a warning all the same', async () => {
    const warnings: Array<{ fields: object; message: string }> = []
    const logger = { warn: (fields: object, message: string) => void warnings.push({ fields, message }) }
    const refusal = new APIError('No autorizado.', 401, { code: 'AUTH_STRATEGY_REFUSED' }, true)

    expect(holdBackRefusalLog(logger, [{ err: refusal }])).toBe(true)
    expect(holdBackRefusalLog(logger, [{ err: new Error('roto') }])).toBe(false)
    expect(holdBackRefusalLog(logger, [{ err: refusal, msg: 'with a message' }])).toBe(false)
    await settled()
    expect(warnings).toEqual([{ fields: { code: 'AUTH_STRATEGY_REFUSED', status: 401 }, message: 'No autorizado.' }])
  })
})

describe('a failure of the server stays an error with its stack', () => {
  it('logs an unexpected exception once, at error level, with the stack', async () => {
    const answer = await api.request('GET', 'test-internal-failure', { token: editorToken })
    expect(answer.status).toBe(500)
    await settled()

    const errors = lines().filter((line) => line.level >= ERROR)
    expect(errors).toHaveLength(1)
    expect(errors[0]!.err?.stack).toMatch(/Fallo interno de prueba\n\s+at /)
    expect(refusals()).toEqual([])
  })
})
