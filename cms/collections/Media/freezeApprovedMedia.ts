import { PregonError } from '@pregon/core/PregonError'
import type { CollectionBeforeChangeHook, CollectionBeforeDeleteHook, CollectionBeforeOperationHook, PayloadRequest, Where } from 'payload'
import { toApiError } from '../../http/errorReply'
import { STATE_LABELS, type WorkflowState } from '../../workflow'

/** What the public gets of a media item: a change to any of these is a change to every item showing it. */
const PUBLIC_FIELDS = ['alt', 'credit', 'focalX', 'focalY', 'filename', 'showsPublicServant'] as const

/** Working-copy states an approver has signed off: the version they approved shows the media as it is now. */
const SIGNED_OFF: readonly WorkflowState[] = ['approved', 'scheduled']

interface UsingItem {
  title: string
  state: string
}

const usesMedia = (id: number | string, fields: readonly string[]): Where => ({
  or: fields.map((field) => ({ [field]: { in: [id] } })),
})

const MEDIA_FIELDS = { bulletins: ['heroImage', 'gallery', 'attachments'], programs: ['attachments'] } as const

/**
 * The items an approval or a publication covers that show this media item: published versions (what the
 * public has) and working copies approved or scheduled (what is about to go out).
 */
export async function itemsShowingMedia(req: PayloadRequest, id: number | string): Promise<UsingItem[]> {
  const found: UsingItem[] = []
  for (const [collection, fields] of Object.entries(MEDIA_FIELDS) as Array<[keyof typeof MEDIA_FIELDS, readonly string[]]>) {
    const common = { collection, depth: 0, limit: 5, pagination: false, overrideAccess: true, req, select: { title: true, workflowState: true } } as const
    const published = await req.payload.find({ ...common, where: { and: [{ _status: { equals: 'published' } }, usesMedia(id, fields)] } })
    const signedOff = await req.payload.find({
      ...common,
      draft: true,
      where: { and: [{ workflowState: { in: [...SIGNED_OFF] } }, usesMedia(id, fields)] },
    })
    found.push(...published.docs.map((doc) => ({ title: doc.title, state: STATE_LABELS.published })))
    found.push(...signedOff.docs.map((doc) => ({ title: doc.title, state: STATE_LABELS[(doc.workflowState ?? 'approved') as WorkflowState] })))
  }
  const seen = new Set<string>()
  return found.filter((item) => !seen.has(item.title) && seen.add(item.title))
}

const named = (items: UsingItem[]) =>
  items
    .slice(0, 3)
    .map((item) => `«${item.title}» (${item.state.toLowerCase()})`)
    .join(', ') + (items.length > 3 ? ` y ${items.length - 3} más` : '')

const same = (a: unknown, b: unknown) => (a ?? null) === (b ?? null) || (typeof a === 'number' || typeof b === 'number' ? Number(a) === Number(b) : false)

const refusal = (items: UsingItem[]) =>
  toApiError(
    new PregonError({
      code: 'MEDIA_IN_APPROVED_USE',
      kind: 'conflict',
      message: `Este archivo se muestra en ${named(items)}: un cambio aquí llegaría al público sin aprobación. Sube la versión nueva como otro archivo, cámbiala en el contenido y envíalo a revisión.`,
    }),
  )

/** Set once the operation's media item was checked, so the per-document hook does not ask again. */
const CHECKED = 'mediaFreezeChecked'

/**
 * Nothing reaches the public without approval, images included: the photo, file, alt text, credit and focal
 * point of media shown by a published, approved or scheduled item cannot change under it. The person is
 * told to upload the new version as a new file and swap it in the item, which then needs a new approval.
 * Checked before the operation starts: Payload removes the old files of a replaced upload before the
 * per-document hooks run, so a refusal there would lose the approved file. Saves made by the system (no
 * person: reprocessing renditions) are not edits of what the public sees.
 */
export const freezeApprovedMedia: CollectionBeforeOperationHook = async ({ args, operation, req, context }) => {
  if (operation !== 'update' || !req.user) return args
  const { id, data = {} } = args as { id?: number | string; data?: Record<string, unknown> }
  if (id === undefined) return args // a bulk update: checked per document (freezeApprovedMediaChange)
  const query = (req.query ?? {}) as { uploadEdits?: unknown }
  const replacesFile = Boolean(req.file) || Boolean(query.uploadEdits)
  if (!replacesFile && !PUBLIC_FIELDS.some((field) => field in data)) return args
  const current = await req.payload.findByID({ collection: 'media', id, depth: 0, overrideAccess: true, req, disableErrors: true })
  if (!current) return args
  context[CHECKED] = true
  const changed = replacesFile || PUBLIC_FIELDS.some((field) => field in data && !same(data[field], current[field]))
  if (!changed) return args
  const items = await itemsShowingMedia(req, id)
  if (items.length > 0) throw refusal(items)
  return args
}

/** The same rule for each document of a bulk update (`PATCH /api/media?where=…`). */
export const freezeApprovedMediaChange: CollectionBeforeChangeHook = async ({ data, originalDoc, operation, req, context }) => {
  if (operation !== 'update' || !req.user || !originalDoc || context[CHECKED]) return data
  if (!PUBLIC_FIELDS.some((field) => field in data && !same(data[field], originalDoc[field]))) return data
  const items = await itemsShowingMedia(req, originalDoc.id)
  if (items.length > 0) throw refusal(items)
  return data
}

/** A file the public sees (or is about to) is not deleted from under it. */
export const refuseDeletingApprovedMedia: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const items = await itemsShowingMedia(req, id)
  if (items.length === 0) return
  throw toApiError(
    new PregonError({
      code: 'MEDIA_IN_APPROVED_USE',
      kind: 'conflict',
      message: `Este archivo se muestra en ${named(items)}; quítalo primero de ese contenido (con una nueva aprobación) o retira el contenido.`,
    }),
  )
}
