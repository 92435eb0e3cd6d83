import type { Payload } from 'payload'
import sharp from 'sharp'
import type { Bulletin, Department, Media, User } from '@pregon/cms/payload-types'
import { paragraphsToLexical } from '@pregon/cms/lib/paragraphsToLexical'
import { slugify } from '@pregon/cms/lib/slugify'

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

export async function buildMedia(payload: Payload, alt = 'Fotografía de prueba'): Promise<Media> {
  const data = await buildJpeg()
  return payload.create({
    collection: 'media',
    data: { alt },
    file: { data, mimetype: 'image/jpeg', name: `foto-${next()}.jpg`, size: data.length },
  })
}

export interface BulletinInput {
  title?: string
  summary?: string
  paragraphs?: string[]
  status?: 'draft' | 'published'
  heroImage?: number
  department?: number
  skipDistribution?: boolean
}

export async function buildBulletin(payload: Payload, input: BulletinInput = {}): Promise<Bulletin> {
  const title = input.title ?? `Boletín de prueba ${next()}`
  return payload.create({
    collection: 'bulletins',
    draft: input.status !== 'published',
    context: { skipDistribution: input.skipDistribution ?? false },
    data: {
      title,
      slug: slugify(title),
      summary: input.summary ?? 'Resumen del boletín de prueba.',
      body: paragraphsToLexical(input.paragraphs ?? ['Primer párrafo del boletín.']),
      heroImage: input.heroImage,
      department: input.department,
      _status: input.status ?? 'draft',
    },
  })
}
