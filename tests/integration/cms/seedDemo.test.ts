import { afterAll, beforeAll, expect, it } from 'vitest'
import { seedDemo } from '@pregon/cms/seed/seedDemo'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

let t: TestPayload
beforeAll(async () => {
  t = await startTestPayload()
})
afterAll(async () => t?.close())

it('seeds the demo municipality once, with bulletins in every workflow state, through the workflow', async () => {
  expect(await seedDemo(t.payload)).toEqual({ seeded: true })
  expect(await seedDemo(t.payload)).toEqual({ seeded: false })

  const states = await t.query<{ workflow_state: string; n: number }>(
    'SELECT workflow_state, count(*)::int AS n FROM bulletins GROUP BY workflow_state ORDER BY workflow_state',
  )
  // The main document holds the public state; drafts and reviews live in the versions.
  const latest = await t.query<{ state: string; n: number }>(
    'SELECT version_workflow_state AS state, count(*)::int AS n FROM _bulletins_v WHERE latest GROUP BY 1 ORDER BY 1',
  )
  expect(Object.fromEntries(latest.map((r) => [r.state, r.n]))).toEqual({ draft: 1, in_review: 1, approved: 1, scheduled: 1, published: 12, withdrawn: 1 })
  expect(states.find((r) => r.workflow_state === 'published')?.n).toBe(12)

  const users = await t.query<{ email: string; role: string }>('SELECT email, role FROM users ORDER BY email')
  expect(users).toEqual([
    { email: 'admin@pregon.test', role: 'admin' },
    { email: 'aprobador@pregon.test', role: 'approver' },
    { email: 'editor@pregon.test', role: 'editor' },
  ])
  const [{ n: steps } = { n: 0 }] = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')
  // Bulletins: draft 0, in review 1, approved 2, scheduled 3, 12 published × 3, withdrawn 4; programs: 1 + 2 × 3.
  expect(steps).toBe(1 * 0 + 1 * 1 + 1 * 2 + 1 * 3 + 12 * 3 + 1 * 4 + (1 + 2 * 3))
  const programs = await t.payload.find({ collection: 'programs', overrideAccess: false, sort: 'title' })
  expect(programs.docs.map((p) => [p.title, p.applicationStatus])).toEqual([
    ['Apoyo para fertilizante 2027', 'cierra-pronto'],
    ['Becas municipales de transporte para estudiantes', 'proximamente'],
  ])
  const contacts = await t.query<{ n: number }>('SELECT count(*)::int AS n FROM press_contacts_rels WHERE mailing_lists_id IS NOT NULL')
  expect(contacts[0]!.n).toBe(4)
  // Departments' own accounts, without credentials (dry runs), named on their department.
  const owned = await t.query<{ department: string; label: string; channel: string; sealed: boolean }>(
    `SELECT d.name AS department, a.label, a.channel, a.sealed_credentials IS NOT NULL AS sealed
       FROM departments_rels r JOIN departments d ON d.id = r.parent_id JOIN social_accounts a ON a.id = r.social_accounts_id
      ORDER BY d.name, a.label`,
  )
  expect(owned).toEqual([
    { department: 'Protección Civil', label: 'Alertas de Protección Civil', channel: 'telegram', sealed: false },
    { department: 'Protección Civil', label: 'Protección Civil Santa Lucía', channel: 'facebook', sealed: false },
    { department: 'Salud Municipal', label: 'Salud Municipal', channel: 'facebook', sealed: false },
  ])
  // History is not distributed again.
  expect(await t.query('SELECT id FROM distributions')).toEqual([])
})
