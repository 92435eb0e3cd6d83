import type { PayloadRequest } from 'payload'
import { postTextField, SOCIAL_CHANNELS, CHANNEL_LABELS } from '@pregon/core/channels'
import { idOf } from '@pregon/core/versionHash'
import { compileWatchList, findPromotionHits, richTextToPlain, type CompiledWatchList, type TextPart } from '@pregon/core/law/personalPromotion'
import type { Media, SiteSetting } from '../payload-types'
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

let compiled: { source: string; list: CompiledWatchList } | null = null

/** The office's watch list, compiled again only when the settings change. */
function watchListOf(settings: SiteSetting): CompiledWatchList {
  const people = (settings.publicServants ?? []).map((person) => ({ name: person.name, aliases: person.aliases ?? [], titles: person.titles ?? [] }))
  const words = settings.watchWords ?? []
  const source = JSON.stringify([people, words])
  if (compiled?.source !== source) compiled = { source, list: compileWatchList({ people, words }) }
  return compiled.list
}

/**
 * Reads an item as the Art. 134 check does: every text the public gets (title, lead, body, the posts' texts,
 * photo descriptions) against the office's watch list, and every photo's declaration of whether a public
 * servant appears. Read as the system: the watch list and the declarations are the office's, not the person's.
 */
export async function promotionReview({ req, collection, item }: { req: PayloadRequest; collection: WorkflowCollection; item: WorkflowDoc }): Promise<PromotionReview> {
  const settings = await req.payload.findGlobal({ slug: 'site-settings', depth: 0, overrideAccess: true, req })
  const parts: TextPart[] = []
  const record = item as unknown as Record<string, unknown>
  for (const [field, label] of TEXT_FIELDS[collection]) {
    const value = record[field]
    const text = field === 'body' ? richTextToPlain(value) : typeof value === 'string' ? value : ''
    if (text.trim()) parts.push({ field, label, text })
  }
  const findings: PromotionFinding[] = []
  const undeclaredPhotos: string[] = []
  for (const [field, label] of PHOTO_FIELDS[collection]) {
    const ids = ([] as unknown[]).concat(idOf(record[field]) ?? []).filter((id) => id !== null && id !== undefined)
    for (const id of ids) {
      const photo = (await req.payload.findByID({ collection: 'media', id: id as number, depth: 0, overrideAccess: true, disableErrors: true, req })) as Media | null
      if (!photo || !photo.mimeType?.startsWith('image/')) continue
      parts.push({ field: `${field}.${photo.id}.alt`, label: `${label}: descripción`, text: photo.alt })
      if (photo.credit?.trim()) parts.push({ field: `${field}.${photo.id}.credit`, label: `${label}: crédito`, text: photo.credit })
      if (!photo.showsPublicServant) undeclaredPhotos.push(`«${photo.alt}» (${label.toLowerCase()})`)
      if (photo.showsPublicServant === 'si') {
        findings.push({ key: `photo-${photo.id}`, label, found: photo.filename ?? `foto ${photo.id}`, subject: 'Foto con servidor público', context: photo.alt })
      }
    }
  }
  for (const hit of findPromotionHits(parts, watchListOf(settings))) {
    findings.push({ key: hit.key, label: hit.label, found: hit.found, subject: hit.subject, context: hit.context })
  }
  return { findings, undeclaredPhotos }
}
