/**
 * The access matrix: anonymous / editor / approver / admin × each workflow state × read / create / update /
 * approve / publish / delete, on the Local API (overrideAccess: false), REST and GraphQL. Every cell acts on
 * an item of its own, built through the real workflow, and asserts what was allowed.
 */
import type { Where } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { slugify } from '@pregon/core/slugify'
import type { User } from '@pregon/cms/payload-types'
import type { WorkflowVerb } from '@pregon/cms/workflow'
import { apiClients, outcomeOfStatus, type Outcome } from '../../helpers/apiClients'
import { buildBulletin, buildMedia, buildUser, team } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

const ACTORS = ['anonymous', 'editor', 'approver', 'admin'] as const
const STATES = ['draft', 'in_review', 'approved', 'scheduled', 'published'] as const
const APIS = ['local', 'rest', 'graphql'] as const
type Actor = (typeof ACTORS)[number]
type State = (typeof STATES)[number]
type Api = (typeof APIS)[number]
type Operation = 'read' | 'update' | 'save-as-published' | 'approve' | 'publish' | 'delete' | 'change-hero' | 'move-schedule' | 'set-publication-date'

const PASSWORD = 'contraseña-de-prueba'
let t: TestPayload
let api: ReturnType<typeof apiClients>
const users = {} as Record<Exclude<Actor, 'anonymous'>, User>
const tokens = {} as Record<Actor, string | null>
let sequence = 0

beforeAll(async () => {
  t = await startTestPayload()
  api = apiClients(t.payload)
  tokens.anonymous = null
  for (const role of ['editor', 'approver', 'admin'] as const) {
    users[role] = await buildUser(t.payload, role, { email: `matriz-${role}@pregon.test`, password: PASSWORD })
    tokens[role] = (await t.payload.login({ collection: 'users', data: { email: users[role].email, password: PASSWORD } })).token ?? null
  }
})
afterAll(async () => t?.close())

async function itemIn(state: State, { heroImage }: { heroImage?: number } = {}): Promise<number> {
  const title = `Matriz ${++sequence} ${state}`
  const bulletin = await buildBulletin(t.payload, { title, heroImage, status: state === 'scheduled' ? 'approved' : state, skipDistribution: true })
  if (state === 'scheduled') {
    const { approver } = await team(t.payload)
    const publishAt = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString()
    await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'schedule', user: approver, publishAt })
  }
  return bulletin.id
}

const isApprover = (actor: Actor) => actor === 'approver' || actor === 'admin'

function expected(operation: Operation | 'create', actor: Actor, state: State): Outcome {
  switch (operation) {
    case 'read':
      return actor !== 'anonymous' || state === 'published' ? 'ok' : 'denied'
    case 'create':
    case 'update':
      return actor === 'anonymous' ? 'denied' : 'ok'
    case 'save-as-published':
      return 'denied'
    case 'approve':
      return !isApprover(actor) ? 'denied' : state === 'in_review' ? 'ok' : 'conflict'
    case 'publish':
      return !isApprover(actor) ? 'denied' : state === 'approved' || state === 'scheduled' ? 'ok' : 'conflict'
    case 'delete':
      return actor === 'admin' && state !== 'published' ? 'ok' : 'denied'
    // The photo an approver signed off (or the public has) does not change under the item.
    case 'change-hero':
      return actor === 'anonymous' ? 'denied' : state === 'draft' || state === 'in_review' ? 'ok' : 'conflict'
    // Dates only the workflow sets: refused to every save, whoever makes it.
    case 'move-schedule':
    case 'set-publication-date':
      return 'denied'
  }
}

async function localOutcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run()
    return 'ok'
  } catch (error) {
    const status = (error as { status?: number }).status
    if (status === undefined) throw error
    return outcomeOfStatus(status)
  }
}

const content = (title: string) => ({
  title,
  slug: slugify(title),
  summary: 'Entrada de la matriz.',
  classification: 'informativo' as const,
  body: { root: { type: 'root', version: 1, format: '' as const, indent: 0, direction: 'ltr' as const, children: [] } },
})

async function attempt(operation: Operation, actor: Actor, state: State, via: Api): Promise<Outcome> {
  const hero = operation === 'change-hero' ? await buildMedia(t.payload, 'Foto aprobada de la matriz') : null
  const id = await itemIn(state, { heroImage: hero?.id })
  const user = actor === 'anonymous' ? null : users[actor]
  const token = tokens[actor]
  const local = { overrideAccess: false, user } as const
  switch (operation) {
    case 'read':
      if (via === 'local') return localOutcome(() => t.payload.findByID({ collection: 'bulletins', id, draft: true, ...local }))
      if (via === 'rest') return outcomeOfStatus((await api.rest('GET', `bulletins/${id}?draft=true`, { token })).status)
      return api.graphqlOutcome(await api.graphql(`{ Bulletin(id: ${id}, draft: true) { title } }`, { token }), 'Bulletin')
    case 'update':
    case 'save-as-published': {
      const data = operation === 'update' ? { summary: 'Entrada corregida.' } : { _status: 'published' as const }
      const draft = operation === 'update'
      if (via === 'local') return localOutcome(() => t.payload.update({ collection: 'bulletins', id, data, draft, ...local }))
      if (via === 'rest') return outcomeOfStatus((await api.rest('PATCH', `bulletins/${id}${draft ? '?draft=true' : ''}`, { token, body: data })).status)
      const mutation = `mutation ($data: mutationBulletinUpdateInput!) { updateBulletin(id: ${id}, data: $data, draft: ${draft}) { id } }`
      return api.graphqlOutcome(await api.graphql(mutation, { token, variables: { data } }), 'updateBulletin')
    }
    case 'approve':
    case 'publish': {
      // The workflow's verbs are REST actions (and Local API calls); GraphQL has no route around them.
      if (via === 'local') return localOutcome(() => applyWorkflowAction({ payload: t.payload, id, verb: operation as WorkflowVerb, user }))
      return outcomeOfStatus((await api.rest('POST', `bulletins/${id}/workflow/${operation}`, { token })).status)
    }
    case 'change-hero': {
      const alt = 'Otra foto, sin aprobar'
      const outcome =
        via === 'local'
          ? await localOutcome(() => t.payload.update({ collection: 'media', id: hero!.id, data: { alt }, ...local }))
          : via === 'rest'
            ? outcomeOfStatus((await api.rest('PATCH', `media/${hero!.id}`, { token, body: { alt } })).status)
            : api.graphqlOutcome(await api.graphql(`mutation { updateMedia(id: ${hero!.id}, data: { alt: "${alt}" }) { id } }`, { token }), 'updateMedia')
      const [row] = await t.query<{ alt: string }>('SELECT alt FROM media WHERE id = $1', [hero!.id])
      expect(row!.alt).toBe(outcome === 'ok' ? alt : 'Foto aprobada de la matriz')
      return outcome
    }
    case 'move-schedule':
    case 'set-publication-date': {
      const field = operation === 'move-schedule' ? 'publishAt' : 'publishedAt'
      const data = { [field]: '2001-01-01T00:00:00.000Z' }
      const [before] = await t.query(`SELECT publish_at, published_at FROM bulletins WHERE id = $1`, [id])
      const outcome =
        via === 'local'
          ? await localOutcome(() => t.payload.update({ collection: 'bulletins', id, data, draft: true, ...local }))
          : via === 'rest'
            ? outcomeOfStatus((await api.rest('PATCH', `bulletins/${id}?draft=true`, { token, body: data })).status)
            : api.graphqlOutcome(
                await api.graphql(`mutation ($data: mutationBulletinUpdateInput!) { updateBulletin(id: ${id}, data: $data, draft: true) { id } }`, { token, variables: { data } }),
                'updateBulletin',
              )
      expect(await t.query(`SELECT publish_at, published_at FROM bulletins WHERE id = $1`, [id])).toEqual([before])
      const [latest] = await t.query<{ at: Date | null }>(`SELECT version_${field === 'publishAt' ? 'publish_at' : 'published_at'} AS at FROM _bulletins_v WHERE parent_id = $1 ORDER BY id DESC LIMIT 1`, [id])
      expect(latest!.at?.toISOString()).not.toBe('2001-01-01T00:00:00.000Z')
      return outcome
    }
    case 'delete':
      if (via === 'local') return localOutcome(() => t.payload.delete({ collection: 'bulletins', id, ...local }))
      if (via === 'rest') return outcomeOfStatus((await api.rest('DELETE', `bulletins/${id}`, { token })).status)
      return api.graphqlOutcome(await api.graphql(`mutation { deleteBulletin(id: ${id}) { id } }`, { token }), 'deleteBulletin')
  }
}

async function publicTitleOf(id: number) {
  return (await t.payload.find({ collection: 'bulletins', where: { id: { equals: id } }, overrideAccess: false })).docs[0]?.title
}

describe('bulletins', () => {
  for (const via of APIS) {
    for (const actor of ACTORS) {
      it(`${via} · ${actor} · create → ${expected('create', actor, 'draft')}`, async () => {
        const title = `Creado por ${actor} vía ${via} ${++sequence}`
        let outcome: Outcome
        if (via === 'local') {
          const user = actor === 'anonymous' ? null : users[actor]
          outcome = await localOutcome(() => t.payload.create({ collection: 'bulletins', draft: true, data: content(title), overrideAccess: false, user }))
        } else if (via === 'rest') {
          outcome = outcomeOfStatus((await api.rest('POST', 'bulletins?draft=true', { token: tokens[actor], body: content(title) })).status)
        } else {
          const mutation = 'mutation ($data: mutationBulletinInput!) { createBulletin(data: $data, draft: true) { id } }'
          outcome = api.graphqlOutcome(await api.graphql(mutation, { token: tokens[actor], variables: { data: content(title) } }), 'createBulletin')
        }
        expect(outcome).toBe(expected('create', actor, 'draft'))
        const [row] = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM bulletins WHERE title = $1', [title])
        expect(row!.n).toBe(outcome === 'ok' ? 1 : 0)
      })
    }
  }

  const operations: Operation[] = ['read', 'update', 'save-as-published', 'approve', 'publish', 'delete', 'change-hero', 'move-schedule', 'set-publication-date']
  for (const operation of operations) {
    for (const via of APIS) {
      if ((operation === 'approve' || operation === 'publish') && via === 'graphql') continue
      for (const actor of ACTORS) {
        for (const state of STATES) {
          const want = expected(operation, actor, state)
          it(`${via} · ${actor} · ${operation} · ${state} → ${want}`, async () => {
            expect(await attempt(operation, actor, state, via)).toBe(want)
          })
        }
      }
    }
  }

  it('leaves nothing public that was not published through the workflow', async () => {
    const { docs } = await t.payload.find({ collection: 'bulletins', overrideAccess: false, pagination: false })
    const record = await t.query<{ item_id: string }>("SELECT DISTINCT item_id FROM audit_log WHERE action = 'publish'")
    const published = new Set(record.map((row) => Number(row.item_id)))
    expect(docs.filter((doc) => !published.has(doc.id)).map((doc) => doc.title)).toEqual([])
    expect(await publicTitleOf(-1)).toBeUndefined()
  })
})

/** Fields of a published bulletin only the office reads: who edited and approved, where and when it goes out. */
const INTERNAL_FIELDS = ['workflowState', 'publishAt', 'approval', 'editedBy', 'needsReview', 'withdrawal', 'distributeTo', 'pressLists', 'xText', 'embargoUntil', 'correction'] as const

describe('the public shape of a published bulletin', () => {
  let id: number
  beforeAll(async () => {
    const { editor, approver } = await team(t.payload)
    const bulletin = await buildBulletin(t.payload, { title: 'Forma pública', status: 'published', skipDistribution: true })
    // A change to published work is a correction (here spelling-only: no public note), reviewed and approved again.
    await t.payload.update({ collection: 'bulletins', id: bulletin.id, draft: true, data: { xText: 'Texto interno para X', correction: { isMinor: true } }, overrideAccess: false, user: editor })
    await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'submit', user: editor })
    for (const verb of ['approve', 'publish'] as const) await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb, user: approver })
    id = bulletin.id
  })

  const shown = (doc: Record<string, unknown> | null | undefined) =>
    INTERNAL_FIELDS.filter((field) => doc?.[field] !== undefined && doc?.[field] !== null && !(typeof doc?.[field] === 'object' && Object.values(doc[field] as object).every((v) => v === null)))

  for (const via of APIS) {
    for (const actor of ACTORS) {
      const want = actor === 'anonymous' ? 'none' : 'the workflow and distribution fields'
      it(`${via} · ${actor} · reads ${want}`, async () => {
        const user = actor === 'anonymous' ? null : users[actor]
        let doc: Record<string, unknown> | null | undefined
        if (via === 'local') doc = (await t.payload.findByID({ collection: 'bulletins', id, overrideAccess: false, user })) as unknown as Record<string, unknown>
        else if (via === 'rest') doc = (await api.rest('GET', `bulletins/${id}`, { token: tokens[actor] })).body
        else {
          const answer = await api.graphql(
            `{ Bulletin(id: ${id}) { title workflowState publishAt approval { byId byName hash } editedBy needsReview distributeTo pressLists { id } xText embargoUntil } }`,
            { token: tokens[actor] },
          )
          expect(answer.errors ?? []).toEqual([])
          doc = answer.data?.Bulletin as Record<string, unknown>
        }
        expect(doc?.title).toBe('Forma pública')
        if (actor === 'anonymous') expect(shown(doc)).toEqual([])
        else expect(shown(doc)).toEqual(expect.arrayContaining(['workflowState', 'approval', 'xText', 'distributeTo']))
      })
    }
  }

  it('rest and local · anonymous cannot filter or sort published bulletins by an internal field (no oracle)', async () => {
    const approverId = String(users.approver.id)
    const answers = []
    for (const value of [approverId, 'nadie']) {
      const rest = await api.rest('GET', `bulletins?where[approval.byId][equals]=${value}&depth=0`)
      answers.push({ status: rest.status, ids: ((rest.body?.docs as Array<{ id: number }> | undefined) ?? []).map((doc) => doc.id) })
    }
    expect(answers[0]).toEqual(answers[1])
    const local = (where: Where) => localOutcome(() => t.payload.find({ collection: 'bulletins', where, overrideAccess: false, user: null }))
    expect(await local({ 'approval.byId': { equals: approverId } })).not.toBe('ok')
    expect(await local({ xText: { like: 'interno' } })).not.toBe('ok')
    for (const sort of ['publishAt', '-approval.byName', 'embargoUntil']) {
      expect(await localOutcome(() => t.payload.find({ collection: 'bulletins', sort, overrideAccess: false, user: null })), sort).not.toBe('ok')
    }
  })
})

describe('the record and personal data', () => {
  for (const via of APIS) {
    for (const actor of ACTORS) {
      it(`${via} · ${actor} · cannot change or delete the record, and only staff read press contacts`, async () => {
        const [entry] = await t.query<{ id: number }>('SELECT id FROM audit_log ORDER BY id LIMIT 1')
        const before = await t.query('SELECT * FROM audit_log WHERE id = $1', [entry!.id])
        const user = actor === 'anonymous' ? null : users[actor]
        const token = tokens[actor]
        let outcomes: Outcome[]
        let contacts: Outcome
        if (via === 'local') {
          outcomes = [
            await localOutcome(() => t.payload.update({ collection: 'audit-log', id: entry!.id, data: { reason: 'alterado' }, overrideAccess: false, user })),
            await localOutcome(() => t.payload.delete({ collection: 'audit-log', id: entry!.id, overrideAccess: false, user })),
            await localOutcome(() => t.payload.create({ collection: 'audit-log', data: { at: new Date().toISOString(), summary: 'x', action: 'x', itemCollection: 'x', itemId: '1' }, overrideAccess: false, user })),
          ]
          contacts = await localOutcome(() => t.payload.find({ collection: 'press-contacts', overrideAccess: false, user }))
        } else if (via === 'rest') {
          outcomes = [
            outcomeOfStatus((await api.rest('PATCH', `audit-log/${entry!.id}`, { token, body: { reason: 'alterado' } })).status),
            outcomeOfStatus((await api.rest('DELETE', `audit-log/${entry!.id}`, { token })).status),
            outcomeOfStatus((await api.rest('POST', 'audit-log', { token, body: { at: new Date().toISOString(), summary: 'x', action: 'x', itemCollection: 'x', itemId: '1' } })).status),
          ]
          contacts = outcomeOfStatus((await api.rest('GET', 'press-contacts', { token })).status)
        } else {
          outcomes = [
            api.graphqlOutcome(await api.graphql(`mutation { updateAuditLog(id: ${entry!.id}, data: { reason: "alterado" }) { id } }`, { token }), 'updateAuditLog'),
            api.graphqlOutcome(await api.graphql(`mutation { deleteAuditLog(id: ${entry!.id}) { id } }`, { token }), 'deleteAuditLog'),
          ]
          contacts = api.graphqlOutcome(await api.graphql('{ PressContacts { docs { email } } }', { token }), 'PressContacts')
        }
        expect(outcomes.every((outcome) => outcome === 'denied')).toBe(true)
        expect(contacts).toBe(actor === 'anonymous' ? 'denied' : 'ok')
        expect(await t.query('SELECT * FROM audit_log WHERE id = $1', [entry!.id])).toEqual(before)
      })
    }
  }
})
