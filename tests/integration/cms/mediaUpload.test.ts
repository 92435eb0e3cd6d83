import fs from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CROPS, RESPONSIVE_WIDTHS, responsiveName } from '@pregon/media'
import { reprocessMedia } from '@pregon/cms/collections/Media/reprocessMedia'
import type { User } from '@pregon/cms/payload-types'
import { buildUser } from '../../helpers/builders'
import { animatedGif, gpsTaggedJpeg, hostileSvg, pixelBombPng, png, truncatedJpeg } from '../../helpers/images'
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
    await expect(upload(await make(), name, mimetype)).rejects.toMatchObject({ status: 422, data: { code } })
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(await filesOnDisk()).toEqual(before)
    expect(await t.query('SELECT count(*)::int AS n FROM media')).toEqual([{ n: rowsBefore }])
  })

  it('demands alt text, in Spanish, and a refused save leaves no file, rendition or crop behind', async () => {
    const before = await filesOnDisk()
    await expect(upload(await png(1200, 800), 'sin-alt.png', 'image/png', '')).rejects.toMatchObject({
      status: 400,
      data: { errors: [expect.objectContaining({ message: expect.stringContaining('Escribe un texto que describa') })] },
    })
    expect(await filesOnDisk()).toEqual(before)
  })
})

describe('renditions and network crops', () => {
  /** 2000 × 1500: left half red, right half blue, so a crop shows which side it kept. */
  const halves = () =>
    sharp({ create: { width: 2000, height: 1500, channels: 3, background: { r: 220, g: 20, b: 20 } } })
      .composite([{ input: { create: { width: 1000, height: 1500, channels: 3, background: { r: 20, g: 20, b: 220 } } }, left: 1000, top: 0 }])
      .jpeg()
      .toBuffer()

  it('makes every responsive width in AVIF, WebP and JPEG, every crop at its exact size, and a placeholder', async () => {
    const media = await upload(await halves(), 'evento.jpg', 'image/jpeg')
    const sizes = media.sizes as Record<string, { filename?: string | null; width?: number | null; height?: number | null } | undefined>
    for (const width of RESPONSIVE_WIDTHS) {
      for (const format of ['avif', 'webp', 'jpeg'] as const) {
        const size = sizes[responsiveName(width, format)]
        expect(size?.width, `${width} ${format}`).toBe(width)
        const metadata = await sharp(path.join(t.config.mediaDir, size!.filename!)).metadata()
        expect(metadata.format === 'heif' ? 'avif' : metadata.format).toBe(format)
      }
    }
    for (const [name, { width, height }] of Object.entries(CROPS)) {
      expect([sizes[name]?.width, sizes[name]?.height], name).toEqual([width, height])
    }
    expect(sizes.placeholder?.width).toBe(24)
  })

  it('crops around the focal point the editor sets', async () => {
    const media = await t.payload.create({
      collection: 'media',
      data: { alt: 'Mitad roja, mitad azul', focalX: 90, focalY: 50 },
      file: { data: await halves(), name: 'foco.jpg', mimetype: 'image/jpeg', size: 0 },
      overrideAccess: false,
      user: editor,
    })
    const square = (media.sizes as Record<string, { filename?: string | null }>).square!.filename!
    const { channels } = await sharp(path.join(t.config.mediaDir, square)).stats()
    // Focus on the right (blue) half: the square crop is mostly blue.
    expect(channels[2]!.mean).toBeGreaterThan(channels[0]!.mean)
  })

  it('re-cuts every crop when the editor moves the focal point, and removes the old crop files', async () => {
    const media = await upload(await halves(), 'mover.jpg', 'image/jpeg')
    const oldSquare = (media.sizes as Record<string, { filename?: string | null }>).square!.filename!
    const moved = await t.payload.update({ collection: 'media', id: media.id, data: { focalX: 5, focalY: 50 }, overrideAccess: false, user: editor })
    const newSquare = (moved.sizes as Record<string, { filename?: string | null }>).square!.filename!
    expect(newSquare).not.toBe(oldSquare)
    const onDisk = await filesOnDisk()
    expect(onDisk).not.toContain(oldSquare)
    const [row] = await t.query<{ sizes_square_filename: string; focal_x: number }>('SELECT sizes_square_filename, focal_x::int AS focal_x FROM media WHERE id = $1', [media.id])
    expect(row).toEqual({ sizes_square_filename: newSquare, focal_x: 5 })
    const { channels } = await sharp(path.join(t.config.mediaDir, newSquare)).stats()
    // Focus now on the left (red) half.
    expect(channels[0]!.mean).toBeGreaterThan(channels[2]!.mean)
    for (const size of Object.values(moved.sizes ?? {})) if (size?.filename) expect(onDisk).toContain(size.filename)
  })

  it('keeps an animated GIF animated and gives it still renditions of its first frame', async () => {
    const media = await upload(await animatedGif(), 'saludo.gif', 'image/gif')
    expect([media.width, media.height]).toEqual([40, 30])
    expect((await sharp(path.join(t.config.mediaDir, media.filename!)).metadata()).pages).toBe(3)
    const webp = media.sizes?.['w480-webp']
    expect([webp?.width, webp?.height]).toEqual([40, 30])
    const { channels } = await sharp(path.join(t.config.mediaDir, webp!.filename!)).stats()
    expect(channels[0]!.mean).toBeGreaterThan(200) // the first frame is red
    expect(channels[1]!.mean).toBeLessThan(60)
  })

  it('leaves the files alone when only the alt text or credit changes', async () => {
    const media = await upload(await halves(), 'intacta.jpg', 'image/jpeg')
    const squarePath = path.join(t.config.mediaDir, media.sizes!.square!.filename!)
    const before = (await fs.stat(squarePath)).mtimeMs
    const edited = await t.payload.update({ collection: 'media', id: media.id, data: { alt: 'Otra descripción de la imagen', credit: 'Foto: Comunicación Social' }, overrideAccess: false, user: editor })
    expect(edited.sizes).toEqual(media.sizes)
    expect((await fs.stat(squarePath)).mtimeMs).toBe(before)
  })

  it('makes size files again when a save finds them gone (as after the admin re-reads the original)', async () => {
    const media = await upload(await halves(), 'reparada.jpg', 'image/jpeg')
    await fs.rm(path.join(t.config.mediaDir, media.sizes!['w480-avif']!.filename!))
    const saved = await t.payload.update({ collection: 'media', id: media.id, data: { credit: 'Foto: Comunicación Social' }, overrideAccess: false, user: editor })
    const onDisk = await filesOnDisk()
    for (const size of Object.values(saved.sizes ?? {})) if (size?.filename) expect(onDisk).toContain(size.filename)
    expect(saved.sizes?.['w480-avif']?.filename).toBe(media.sizes!['w480-avif']!.filename)
  })

  it('never upscales: a small image gets no size larger than itself', async () => {
    const media = await upload(await png(300, 200), 'miniatura.png', 'image/png')
    const sizes = Object.entries((media.sizes ?? {}) as Record<string, { width?: number | null; height?: number | null } | undefined>)
    expect(sizes.length).toBeGreaterThan(10)
    for (const [name, size] of sizes) {
      expect(size?.width ?? 0, name).toBeLessThanOrEqual(300)
      expect(size?.height ?? 0, name).toBeLessThanOrEqual(200)
    }
  })
})

describe('reprocessing stored images (npm run media:reprocess)', () => {
  it('strips metadata and remakes missing renditions of images stored before, and reports a missing file without touching it', async () => {
    const old = await upload(await png(1200, 900), 'antigua.png', 'image/png')
    const lost = await upload(await png(800, 600), 'perdida.png', 'image/png')
    // As stored before the pipeline existed: an original with EXIF and GPS, and no Open Graph crop.
    await fs.writeFile(path.join(t.config.mediaDir, old.filename!), await gpsTaggedJpeg())
    await fs.rm(path.join(t.config.mediaDir, old.sizes!.og!.filename!))
    await t.query('UPDATE media SET sizes_og_filename = NULL, sizes_og_width = NULL WHERE id = $1', [old.id])
    await fs.rm(path.join(t.config.mediaDir, lost.filename!))

    const report = await reprocessMedia({ payload: t.payload, staticDir: t.config.mediaDir })

    expect(report.failed).toEqual([{ id: lost.id, filename: lost.filename, reason: expect.stringContaining('ENOENT') }])
    const [row] = await t.query<{ filename: string; sizes_og_filename: string | null; alt: string; focal_x: number }>(
      'SELECT filename, sizes_og_filename, alt, focal_x::int AS focal_x FROM media WHERE id = $1',
      [old.id],
    )
    expect(row).toMatchObject({ alt: old.alt, focal_x: 50, sizes_og_filename: expect.stringMatching(/-og-50-50\.jpg$/) })
    const original = await fs.readFile(path.join(t.config.mediaDir, row!.filename))
    expect((await sharp(original).metadata()).exif).toBeUndefined()
    expect(original.includes(Buffer.from('TelefonoMarca'))).toBe(false)
    expect((await sharp(path.join(t.config.mediaDir, row!.sizes_og_filename!)).metadata()).width).toBe(300)
    const [untouched] = await t.query<{ filename: string }>('SELECT filename FROM media WHERE id = $1', [lost.id])
    expect(untouched).toEqual({ filename: lost.filename })
    expect(report.processed).toBeGreaterThan(0)
  })
})
