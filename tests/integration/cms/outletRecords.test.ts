import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { User } from '@pregon/cms/payload-types'
import { buildUser } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

let t: TestPayload
let editor: User

beforeAll(async () => {
  t = await startTestPayload()
  editor = await buildUser(t.payload, 'editor')
})
afterAll(async () => t?.close())

describe('the press directory’s outlets are the monitoring’s outlets', () => {
  it('links a journalist to the outlet of that name, making it once whatever the case, and the outlet lists its journalists', async () => {
    const contact = (name: string, email: string, outlet?: string) => t.payload.create({ collection: 'press-contacts', overrideAccess: false, user: editor, data: { name, email, outlet, status: 'active' } })
    const marco = await contact('Marco Ibarra', 'marco@debate.test', 'El Debate')
    const andrea = await contact('Andrea Rosales', 'andrea@debate.test', ' el debate ')
    const jorge = await contact('Jorge Castañeda', 'jorge@noroeste.test', 'Noroeste')
    const sin = await contact('Sin Medio', 'libre@correo.test')
    const outlets = await t.query<{ id: number; name: string }>('SELECT id, name FROM outlets ORDER BY name')
    expect(outlets.map((o) => o.name)).toEqual(['El Debate', 'Noroeste'])
    expect(marco.outletRecord).toEqual(expect.objectContaining({ id: outlets[0]!.id }))
    expect(andrea.outletRecord).toEqual(expect.objectContaining({ id: outlets[0]!.id }))
    expect(jorge.outletRecord).toEqual(expect.objectContaining({ id: outlets[1]!.id }))
    expect(sin.outletRecord ?? null).toBeNull()

    const debate = await t.payload.findByID({ collection: 'outlets', id: outlets[0]!.id, overrideAccess: false, user: editor, depth: 1 })
    expect((debate.contacts?.docs ?? []).map((c) => (typeof c === 'object' ? c.name : c)).sort()).toEqual(['Andrea Rosales', 'Marco Ibarra'])

    // A journalist who moves to another outlet follows it; clearing it unlinks.
    const moved = await t.payload.update({ collection: 'press-contacts', id: andrea.id, overrideAccess: false, user: editor, data: { outlet: 'Línea Directa' } })
    expect(typeof moved.outletRecord === 'object' ? moved.outletRecord?.name : null).toBe('Línea Directa')
    const cleared = await t.payload.update({ collection: 'press-contacts', id: marco.id, overrideAccess: false, user: editor, data: { outlet: '' } })
    expect(cleared.outletRecord ?? null).toBeNull()
  })
})
