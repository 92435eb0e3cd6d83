import fs from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { User } from '@pregon/cms/payload-types'
import { buildUser } from '../../helpers/builders'
import { gpsTaggedJpeg, hostileSvg, pixelBombPng, png, truncatedJpeg } from '../../helpers/images'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

let t: TestPayload
let editor: User

beforeAll(async () => {
  t = await startTestPayload()
  editor = await buildUser(t.payload, 'editor')
})
afterAll(async () => t?.close())

const upload = (data: Buffer, name: string, mimetype: string, alt = 'Descripción de la imagen de prueba') =>
  t.payload.create({ collection: 'media', data: { alt }, file: { data, name, mimetype, size: data.length }, overrideAccess: false, user: editor })

const filesOnDisk = async () => (await fs.readdir(t.config.mediaDir).catch(() => [] as string[])).sort()

describe('uploading to the media library', () => {
  it('stores a phone photo upright with no EXIF or GPS in any file on disk, original included', async () => {
    const media = await upload(await gpsTaggedJpeg(), 'IMG_2041.JPG', 'image/jpeg')
    expect([media.width, media.height]).toEqual([300, 400])
    const stored = [media.filename!, ...Object.values(media.sizes ?? {}).flatMap((size) => (size?.filename ? [size.filename] : []))]
    expect(stored.length).toBeGreaterThanOrEqual(2)
    for (const name of stored) {
      const bytes = await fs.readFile(path.join(t.config.mediaDir, name))
      const metadata = await sharp(bytes).metadata()
      expect(metadata.exif, name).toBeUndefined()
      expect(bytes.includes(Buffer.from('TelefonoMarca')), name).toBe(false)
    }
  })

  it('names a file by what it is: a PNG uploaded as foto.jpg is stored as foto.png', async () => {
    const media = await upload(await png(), 'foto.jpg', 'image/jpeg')
    expect(media).toMatchObject({ mimeType: 'image/png', filename: expect.stringMatching(/^foto(-\d+)?\.png$/) })
  })

  it.each([
    ['a 20,000 × 20,000 pixel bomb', () => pixelBombPng(), 'bomba.png', 'image/png', 'MEDIA_TOO_MANY_PIXELS'],
    ['an SVG with a script', () => hostileSvg, 'logo.svg', 'image/svg+xml', 'MEDIA_SVG_REJECTED'],
    ['a truncated JPEG', () => truncatedJpeg(), 'cortada.jpg', 'image/jpeg', 'MEDIA_CORRUPT'],
  ])('refuses %s with a clear message and stores nothing', async (_label, make, name, mimetype, code) => {
    const before = await filesOnDisk()
    const [{ n: rowsBefore }] = (await t.query<{ n: number }>('SELECT count(*)::int AS n FROM media')) as [{ n: number }]
    const started = performance.now()
    await expect(upload(await make(), name, mimetype)).rejects.toMatchObject({ status: 400, data: { code } })
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(await filesOnDisk()).toEqual(before)
    expect(await t.query('SELECT count(*)::int AS n FROM media')).toEqual([{ n: rowsBefore }])
  })

  it('demands alt text, in Spanish', async () => {
    await expect(upload(await png(), 'sin-alt.png', 'image/png', '')).rejects.toMatchObject({ status: 400 })
  })
})
