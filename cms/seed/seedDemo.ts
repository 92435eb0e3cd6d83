import type { Payload } from 'payload'
import { applyWorkflowAction } from '../lib/applyWorkflowAction'
import { paragraphsToLexical } from '../lib/paragraphsToLexical'
import type { User } from '../payload-types'
import type { WorkflowVerb } from '../workflow'
import { slugify } from '../lib/slugify'
import {
  DEMO_BULLETINS,
  DEMO_DEPARTMENTS,
  DEMO_PASSWORD,
  DEMO_PRESS_CONTACTS,
  DEMO_SETTINGS,
  DEMO_USERS,
} from './demoContent'
import { demoImage } from './demoImage'

const DAY = 24 * 60 * 60 * 1000
// How far along the workflow each demo bulletin goes.
const STEPS_TO = { draft: 0, in_review: 1, approved: 2, published: 3 } as const

/**
 * Fills an empty database with the demo municipality, once: if any user exists, it does nothing.
 * Only `npm start` in demo mode calls it; production never gets demo accounts.
 */
export async function seedDemo(payload: Payload, { now = new Date() } = {}): Promise<{ seeded: boolean }> {
  const { totalDocs } = await payload.count({ collection: 'users' })
  if (totalDocs > 0) return { seeded: false }

  await payload.updateGlobal({ slug: 'site-settings', data: DEMO_SETTINGS })
  const users = new Map<string, User>()
  for (const user of DEMO_USERS) {
    users.set(user.role, await payload.create({ collection: 'users', data: { ...user, password: DEMO_PASSWORD } }))
  }
  const editor = users.get('editor')!
  const approver = users.get('approver')!
  const departmentIds = new Map<string, number>()
  for (const name of DEMO_DEPARTMENTS) {
    const department = await payload.create({ collection: 'departments', data: { name, slug: slugify(name) } })
    departmentIds.set(name, department.id)
  }
  for (const contact of DEMO_PRESS_CONTACTS) {
    await payload.create({ collection: 'press-contacts', data: { ...contact, status: 'active' } })
  }
  // Oldest first, so the newest bulletin also has the highest id.
  for (const bulletin of [...DEMO_BULLETINS].reverse()) {
    const image = await demoImage(bulletin.color)
    const media = await payload.create({
      collection: 'media',
      data: { alt: bulletin.alt },
      file: { data: image, mimetype: 'image/jpeg', name: `${slugify(bulletin.title).slice(0, 40)}.jpg`, size: image.length },
    })
    // Through the workflow, as the office works: the editor drafts and submits, the head approves and
    // publishes; the record shows every step. The seed's history is not distributed again.
    const draft = await payload.create({
      collection: 'bulletins',
      draft: true,
      user: editor,
      overrideAccess: false,
      data: {
        title: bulletin.title,
        slug: slugify(bulletin.title),
        summary: bulletin.summary,
        body: paragraphsToLexical(bulletin.paragraphs),
        heroImage: media.id,
        department: departmentIds.get(bulletin.department),
        publishedAt: bulletin.daysAgo === null ? undefined : new Date(now.getTime() - bulletin.daysAgo * DAY - 3 * 60 * 60 * 1000).toISOString(),
      },
    })
    const steps: Array<[WorkflowVerb, User]> = [
      ['submit', editor],
      ['approve', approver],
      ['publish', approver],
    ]
    for (const [verb, user] of steps.slice(0, STEPS_TO[bulletin.state])) {
      await applyWorkflowAction({ payload, id: draft.id, verb, user, context: { skipDistribution: true } })
    }
  }
  return { seeded: true }
}
