import type { PayloadRequest } from 'payload'
import { postTextField, SOCIAL_CHANNELS, CHANNEL_LABELS } from '@pregon/core/channels'
import { idOf } from '@pregon/core/versionHash'
import { compileWatchList, findPromotionHits, richTextToPlain, type CompiledWatchList, type TextPart } from '@pregon/core/law/personalPromotion'
import type { SiteSetting } from '../payload-types'
import { poolOf } from '../db/poolOf'
import type { WorkflowCollection } from './workflowCollections'
import type { WorkflowDoc } from './planWorkflowStep'

/** One thing the approver must read and acknowledge: a watched name or word in the text, or a photo that shows a public servant. */
export interface PromotionFinding {
  key: string
  /** «Entrada», «Imagen principal». */
  label: string
  /** What was found: the words as written, or the photo's description. */
  found: string
  /** Who or what it is: the watched person or word, or «Foto con servidor público». */
  subject: string
  context: string
}

/** What a step's checks know of Art. 134 for an item: the findings, and its photos nobody has declared yet. */
export interface PromotionReview {
  findings: PromotionFinding[]
  undeclaredPhotos: string[]
}

const TEXT_FIELDS: Record<WorkflowCollection, Array<[field: string, label: string]>> = {
  bulletins: [
    ['title', 'Título'],
    ['summary', 'Entrada'],
    ['body', 'Cuerpo'],
    ['spokesperson', 'Vocería'],
    ['place', 'Lugar'],
    ...SOCIAL_CHANNELS.map((channel): [string, string] => [postTextField(channel), `Texto para ${CHANNEL_LABELS[channel]}`]),
  ],
  programs: [
    ['title', 'Nombre del programa'],
    ['summary', 'En qué consiste'],
    ['agency', 'Dependencia que lo ofrece'],
    ['eligibility', 'Quién puede solicitarlo'],
    ['howToApply', 'Cómo y dónde solicitarlo'],
    ['contact', 'Contacto para dudas'],
  ],
}
const PHOTO_FIELDS: Record<WorkflowCollection, Array<[field: string, label: string]>> = {
  bulletins: [
    ['heroImage', 'Imagen principal'],
    ['gallery', 'Galería'],
  ],
  programs: [],
}

/** The compiled watch list of each database, with the settings' `updated_at` it was read at. */
const compiled = new WeakMap<object, { stamp: string; list: CompiledWatchList }>()

/**
 * The office's watch list, read and compiled again only when the site settings were saved since: a cheap look at
 * their `updated_at` (every save sets it) instead of reading the global with its arrays at every step.
 */
async function watchListOf(req: PayloadRequest): Promise<CompiledWatchList> {
  const { rows } = await poolOf(req.payload).query<{ stamp: string }>('SELECT updated_at::text AS stamp FROM site_settings ORDER BY id LIMIT 1')
  const stamp = rows[0]?.stamp ?? 'none'
  const known = compiled.get(req.payload.db)
  if (known?.stamp === stamp) return known.list
  const settings: SiteSetting = await req.payload.findGlobal({ slug: 'site-settings', depth: 0, overrideAccess: true, req })
  const people = (settings.publicServants ?? []).map((person) => ({ name: person.name, aliases: person.aliases ?? [], titles: person.titles ?? [] }))
  const list = compileWatchList({ people, words: settings.watchWords ?? [] })
  compiled.set(req.payload.db, { stamp, list })
  return list
}

interface PhotoRow {
  id: number
  alt: string
  credit: string | null
  filename: string | null
  mime_type: string | null
  shows_public_servant: 'no' | 'si' | null
}

/**
 * Reads an item as the Art. 134 check does: every text the public gets (title, lead, body, the posts' texts,
 * photo descriptions) against the office's watch list, and every photo's declaration of whether a public
 * servant appears. Read as the system: the watch list and the declarations are the office's, not the person's.
 */
export async function promotionReview({ req, collection, item }: { req: PayloadRequest; collection: WorkflowCollection; item: WorkflowDoc }): Promise<PromotionReview> {
  const parts: TextPart[] = []
  const record = item as unknown as Record<string, unknown>
  for (const [field, label] of TEXT_FIELDS[collection]) {
    const value = record[field]
    const text = field === 'body' ? richTextToPlain(value) : typeof value === 'string' ? value : ''
    if (text.trim()) parts.push({ field, label, text })
  }
  const findings: PromotionFinding[] = []
  const undeclaredPhotos: string[] = []
  const photoIds = PHOTO_FIELDS[collection].map(([field]) => ([] as unknown[]).concat(idOf(record[field]) ?? []).filter((id) => id !== null && id !== undefined).map(Number))
  const photos = new Map<number, PhotoRow>()
  if (photoIds.flat().length > 0) {
    const { rows } = await poolOf(req.payload).query<PhotoRow>('SELECT id, alt, credit, filename, mime_type, shows_public_servant FROM media WHERE id = ANY($1::int[])', [photoIds.flat()])
    for (const row of rows) photos.set(row.id, row)
  }
  PHOTO_FIELDS[collection].forEach(([field, label], index) => {
    for (const id of photoIds[index]!) {
      const photo = photos.get(id)
      if (!photo || !photo.mime_type?.startsWith('image/')) continue
      parts.push({ field: `${field}.${photo.id}.alt`, label: `${label}: descripción`, text: photo.alt })
      if (photo.credit?.trim()) parts.push({ field: `${field}.${photo.id}.credit`, label: `${label}: crédito`, text: photo.credit })
      if (!photo.shows_public_servant) undeclaredPhotos.push(`«${photo.alt}» (${label.toLowerCase()})`)
      if (photo.shows_public_servant === 'si') {
        findings.push({ key: `photo-${photo.id}`, label, found: photo.filename ?? `foto ${photo.id}`, subject: 'Foto con servidor público', context: photo.alt })
      }
    }
  })
  for (const hit of findPromotionHits(parts, await watchListOf(req))) {
    findings.push({ key: hit.key, label: hit.label, found: hit.found, subject: hit.subject, context: hit.context })
  }
  return { findings, undeclaredPhotos }
}
