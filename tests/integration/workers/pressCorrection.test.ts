import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MailingList, PressContact } from '@pregon/cms/payload-types'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { sendPressMailing } from '@pregon/workers/tasks/sendPressMailing'
import { buildBulletin, team } from '../../helpers/builders'
import { startTaskHarness, type TaskHarness } from '../../helpers/startTaskHarness'

let harness: TaskHarness
let t: TaskHarness['t']
let sink: TaskHarness['sink']
let ctx: TaskHarness['ctx']
let list: MailingList

beforeAll(async () => {
  harness = await startTaskHarness()
  ;({ t, sink, ctx } = harness)
  await t.payload.updateGlobal({ slug: 'site-settings', data: { municipalityName: 'Municipio de Prueba', officeName: 'Comunicación Social', spokespersonEmail: 'vocera@municipio.test' } })
  list = await t.payload.create({ collection: 'mailing-lists', data: { name: 'Obras', slug: 'obras', audience: 'press' } })
})
afterAll(async () => harness?.close())

const contact = (email: string): Promise<PressContact> =>
  t.payload.create({ collection: 'press-contacts', data: { name: email.split('@')[0]!, email, status: 'active', lists: [list.id] } })
const pressMailingsOf = (bulletinId: number) =>
  t.query<{ id: number; purpose: string; status: string }>(`SELECT id, purpose, status FROM distributions WHERE bulletin_id = $1 AND channel = 'press-mailing' ORDER BY id`, [bulletinId])
const header = (raw: Buffer, name: string) => new RegExp(`^${name}: (.*)$`, 'mi').exec(raw.toString('utf8').split(/\r\n\r\n/)[0]!.replace(/\r\n[ \t]+/g, ' '))?.[1]

describe('the «Corrección» mailing', () => {
  it('goes once, only to the journalists who received the earlier version and are still subscribed', async () => {
    const { editor, approver } = await team(t.payload)
    const [ana, beto, carla, gina] = [await contact('ana@medios.test'), await contact('beto@medios.test'), await contact('carla@medios.test'), await contact('gina@medios.test')]
    const act = (id: number, verb: Parameters<typeof applyWorkflowAction>[0]['verb'], user = approver) => applyWorkflowAction({ payload: t.payload, id, verb, user })

    const draft = await buildBulletin(t.payload, { title: 'Cierre del puente Juárez', summary: 'El puente cierra del lunes al viernes.' })
    await t.payload.update({ collection: 'bulletins', id: draft.id, draft: true, data: { pressLists: [list.id], distributeTo: ['press-mailing'] }, overrideAccess: false, user: editor })
    for (const [verb, user] of [['submit', editor], ['approve', approver], ['publish', approver]] as const) await act(draft.id, verb, user)
    const [first] = await pressMailingsOf(draft.id)
    expect(await sendPressMailing(ctx, first!.id)).toMatchObject({ outcome: 'sent', sent: 4 })

    // Later: one of them unsubscribes, and a journalist who never got it joins the list.
    await t.payload.update({ collection: 'press-contacts', id: gina.id, data: { status: 'unsubscribed' } })
    await contact('dario@medios.test')

    await act(draft.id, 'correct', editor)
    const note = 'El puente cierra del lunes al jueves, no al viernes.'
    await t.payload.update({
      collection: 'bulletins',
      id: draft.id,
      draft: true,
      data: { summary: 'El puente cierra del lunes al jueves.', correction: { note, isMinor: false } },
      overrideAccess: false,
      user: editor,
    })
    for (const [verb, user] of [['submit', editor], ['approve', approver], ['publish', approver]] as const) await act(draft.id, verb, user)

    const mailings = await pressMailingsOf(draft.id)
    expect(mailings.map((m) => [m.purpose, m.status])).toEqual([
      ['publication', 'sent'],
      ['correction', 'pending'],
    ])
    const correction = mailings[1]!
    expect(await sendPressMailing(ctx, correction.id)).toMatchObject({ outcome: 'sent', sent: 3, failed: 0 })
    const received = sink.messages.filter((m) => m.subject === 'Corrección: Cierre del puente Juárez')
    expect(received.flatMap((m) => m.envelope.to).sort()).toEqual([ana.email, beto.email, carla.email])
    const [message] = received
    for (const part of [message!.text!, message!.html!]) {
      expect(part).toContain(note)
      expect(part).toContain('El puente cierra del lunes al jueves.')
      expect(part).toContain(`${t.config.portal.url}/boletines/${draft.slug}/`)
      expect(part).toContain('/api/press-contacts/unsubscribe?t=')
    }
    expect(header(message!.raw, 'List-Unsubscribe')).toMatch(/^<http[^>]+\/api\/press-contacts\/unsubscribe\?t=\d+\.[\w-]{22}>, <mailto:/)
    expect(header(message!.raw, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click')
    const rows = await t.query<{ email: string; status: string }>('SELECT email, status FROM deliveries WHERE distribution_id = $1 ORDER BY email', [correction.id])
    expect(rows).toEqual([
      { email: ana.email, status: 'sent' },
      { email: beto.email, status: 'sent' },
      { email: carla.email, status: 'sent' },
    ])

    // A second run of the job (a retried job) sends nothing more.
    expect(await sendPressMailing(ctx, correction.id)).toMatchObject({ outcome: 'already-done' })
    expect(sink.messages.filter((m) => m.subject === 'Corrección: Cierre del puente Juárez')).toHaveLength(3)
  })

  it('is not written when no earlier mailing reached anybody', async () => {
    const { editor, approver } = await team(t.payload)
    const bulletin = await buildBulletin(t.payload, { title: 'Horario de la biblioteca', status: 'published', skipDistribution: true })
    await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb: 'correct', user: editor })
    await t.payload.update({ collection: 'bulletins', id: bulletin.id, draft: true, data: { summary: 'La biblioteca abre de 9 a 18 h.', correction: { note: 'El horario es de 9 a 18 h.', isMinor: false } }, overrideAccess: false, user: editor })
    for (const [verb, user] of [['submit', editor], ['approve', approver], ['publish', approver]] as const) await applyWorkflowAction({ payload: t.payload, id: bulletin.id, verb, user })
    expect((await pressMailingsOf(bulletin.id)).filter((m) => m.purpose === 'correction')).toEqual([])
  })
})
