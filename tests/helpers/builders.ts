import type { Payload } from 'payload'
import sharp from 'sharp'
import type { Bulletin, Department, Media, User } from '@pregon/cms/payload-types'
import { applyWorkflowAction } from '@pregon/cms/workflow/applyWorkflowAction'
import { paragraphsToLexical } from '@pregon/cms/seed/paragraphsToLexical'
import type { WorkflowVerb } from '@pregon/cms/workflow'
import { slugify } from '@pregon/core/slugify'

/** Small builders for test data. They run as the system (overrideAccess): set-up, not the behaviour under test. */

let sequence = 0
const next = () => ++sequence

export async function buildUser(payload: Payload, role: User['role'], overrides: Partial<User> = {}): Promise<User> {
  const n = next()
  return payload.create({
    collection: 'users',
    data: { name: `Persona ${n}`, email: `${role}-${n}@pregon.test`, password: 'contraseña-de-prueba', role, ...overrides },
  })
}

export async function buildDepartment(payload: Payload, name = `Dependencia ${next()}`): Promise<Department> {
  return payload.create({ collection: 'departments', data: { name, slug: slugify(name) } })
}

/** A real JPEG made by sharp, so uploads go through the same pipeline as an editor's photo. */
export async function buildJpeg({ width = 640, height = 360 } = {}): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 20, g: 90, b: 140 } } }).jpeg().toBuffer()
}

/** A photo; its editor says whether a public servant appears in it (Art. 134), «no» unless told. */
export async function buildMedia(payload: Payload, alt = 'Fotografía de prueba', { showsPublicServant = 'no' }: { showsPublicServant?: Media['showsPublicServant'] } = {}): Promise<Media> {
  const data = await buildJpeg()
  return payload.create({
    collection: 'media',
    data: { alt, showsPublicServant },
    file: { data, mimetype: 'image/jpeg', name: `foto-${next()}.jpg`, size: data.length },
  })
}

export interface BulletinInput {
  title?: string
  summary?: string
  paragraphs?: string[]
  /** How far along the workflow to take it, through the real workflow actions. */
  status?: 'draft' | 'in_review' | 'approved' | 'published'
  heroImage?: number
  gallery?: number[]
  attachments?: number[]
  spokesperson?: string
  department?: number
  author?: User
  skipDistribution?: boolean
  classification?: Bulletin['classification']
  blackoutException?: Bulletin['blackoutException']
  blackoutJustification?: string
  /** «Alerta hasta», for an emergency. */
  alertUntil?: string
  /** The approver's Art. 134 justifications, by finding key (`photo-<id>` for a photo showing a public servant). */
  acknowledgements?: Record<string, string>
}

const teams = new WeakMap<Payload, Promise<{ editor: User; approver: User }>>()

/** An editor and an approver per Payload instance, who draft and approve what builders make. */
export function team(payload: Payload): Promise<{ editor: User; approver: User }> {
  let found = teams.get(payload)
  if (!found) {
    found = (async () => ({ editor: await buildUser(payload, 'editor'), approver: await buildUser(payload, 'approver') }))()
    teams.set(payload, found)
  }
  return found
}

const STEPS = { draft: 0, in_review: 1, approved: 2, published: 3 } as const

export async function buildBulletin(payload: Payload, input: BulletinInput = {}): Promise<Bulletin> {
  const title = input.title ?? `Boletín de prueba ${next()}`
  const { editor, approver } = await team(payload)
  const author = input.author ?? editor
  const draft = await payload.create({
    collection: 'bulletins',
    draft: true,
    user: author,
    overrideAccess: false,
    data: {
      title,
      slug: slugify(title),
      summary: input.summary ?? 'Resumen del boletín de prueba.',
      body: paragraphsToLexical(input.paragraphs ?? ['Primer párrafo del boletín.']),
      heroImage: input.heroImage,
      gallery: input.gallery,
      attachments: input.attachments,
      spokesperson: input.spokesperson,
      department: input.department,
      classification: input.classification === undefined ? 'informativo' : input.classification,
      blackoutException: input.blackoutException,
      blackoutJustification: input.blackoutJustification,
      alertUntil: input.alertUntil,
    },
  })
  const steps: Array<[WorkflowVerb, User]> = [
    ['submit', author],
    ['approve', approver],
    ['publish', approver],
  ]
  let doc = draft
  for (const [verb, user] of steps.slice(0, STEPS[input.status ?? 'draft'])) {
    const acknowledgements = verb === 'approve' ? input.acknowledgements : undefined
    doc = (await applyWorkflowAction({ payload, id: draft.id, verb, user, acknowledgements, context: { skipDistribution: input.skipDistribution ?? false } })).doc
  }
  return doc
}

/** A small but well-formed one-page PDF (real xref table), as an office's "requisitos.pdf" would be. */
export function buildPdf(text = 'Requisitos'): Buffer {
  const stream = `BT /F1 18 Tf 72 720 Td (${text.replace(/[()\\]/g, '')}) Tj ET`
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, index) => {
    offsets.push(Buffer.byteLength(body, 'latin1'))
    body += `${index + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = Buffer.byteLength(body, 'latin1')
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(body, 'latin1')
}

export interface ProgramInput {
  title?: string
  opensAt?: Date
  closesAt?: Date
  attachments?: number[]
  author?: User
  /** How far along the workflow to take it, through the real workflow actions. */
  status?: 'draft' | 'published'
}

/** A program (call) drafted by the team's editor, published through the workflow when asked. */
export async function buildProgram(payload: Payload, input: ProgramInput = {}) {
  const { editor, approver } = await team(payload)
  const author = input.author ?? editor
  const closesAt = input.closesAt ?? new Date(Date.now() + 5 * 24 * 60 * 60 * 1000)
  const draft = await payload.create({
    collection: 'programs',
    draft: true,
    overrideAccess: false,
    user: author,
    data: {
      title: input.title ?? `Programa de prueba ${next()}`,
      summary: 'Apoyo en especie para productores de maíz con hasta 5 hectáreas.',
      issuingLevel: 'estatal',
      agency: 'Secretaría de Desarrollo Rural',
      requirements: [{ item: 'Ser productor del municipio' }, { item: 'Tener hasta 5 hectáreas' }],
      documents: [{ item: 'INE' }, { item: 'CURP' }, { item: 'Comprobante de domicilio' }],
      opensAt: (input.opensAt ?? new Date(Date.now() - 24 * 60 * 60 * 1000)).toISOString(),
      closesAt: closesAt.toISOString(),
      attachments: input.attachments,
      classification: 'informativo',
    },
  })
  if (input.status !== 'published') return draft
  for (const [verb, user] of [['submit', author], ['approve', approver], ['publish', approver]] as const) {
    await applyWorkflowAction({ payload, collection: 'programs', id: draft.id, verb, user, context: { skipDistribution: true } })
  }
  return draft
}
