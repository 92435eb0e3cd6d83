import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { inspectUpload, MediaError, sanitizeImage, type InspectedUpload } from '@pregon/media'
import { buildPdf } from '../../helpers/builders'
import { animatedGif, cmykJpeg, gpsTaggedJpeg, hostileSvg, pixelBombPng, png, truncatedJpeg } from '../../helpers/images'

async function refusalOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(MediaError)
  expect((error as MediaError).message).toMatch(/^[A-ZÁÉÍÓÚÑ].+[.:].*$/)
  return (error as MediaError).code
}

const asImage = (inspected: InspectedUpload) => {
  if (inspected.kind !== 'image') throw new Error(`expected an image, got ${inspected.kind}`)
  return inspected
}

describe('upload intake', () => {
  it('strips EXIF and GPS from a phone photo and applies its orientation', async () => {
    const original = await gpsTaggedJpeg()
    const before = await sharp(original).metadata()
    expect(before.exif).toBeDefined()
    expect(before.orientation).toBe(6)
    expect(original.includes(Buffer.from('TelefonoMarca'))).toBe(true)
    expect(before.exif!.includes(Buffer.from('N\0'))).toBe(true) // GPSLatitudeRef
    const inspected = asImage(await inspectUpload(original))
    const stored = await sanitizeImage(original, inspected)

    const metadata = await sharp(stored.data).metadata()
    expect(metadata.exif).toBeUndefined()
    expect(metadata.xmp).toBeUndefined()
    expect(metadata.iptc).toBeUndefined()
    expect(metadata.orientation).toBeUndefined()
    // Orientation 6 (rotate 90°): the stored photo is upright, portrait.
    expect([stored.width, stored.height]).toEqual([300, 400])
    for (const marker of ['Exif', 'GPS', 'TelefonoMarca', 'Lucía']) expect(stored.data.includes(Buffer.from(marker))).toBe(false)
  })

  it('refuses a 20,000 × 20,000 image from its header, in well under a second', async () => {
    const started = performance.now()
    expect(await refusalOf(inspectUpload(pixelBombPng()))).toBe('MEDIA_TOO_MANY_PIXELS')
    expect(performance.now() - started).toBeLessThan(1_000)
  })

  it('refuses SVG, which can carry scripts', async () => {
    expect(await refusalOf(inspectUpload(hostileSvg))).toBe('MEDIA_SVG_REJECTED')
  })

  it('refuses a truncated JPEG instead of storing half a photo', async () => {
    const data = await truncatedJpeg()
    const inspected = await inspectUpload(data).catch((e: unknown) => e)
    if (inspected instanceof MediaError) expect(inspected.code).toBe('MEDIA_CORRUPT')
    else expect(await refusalOf(sanitizeImage(data, asImage(inspected as InspectedUpload)))).toBe('MEDIA_CORRUPT')
  })

  it('goes by the bytes, not the name: a PNG called foto.jpg is a PNG', async () => {
    const inspected = asImage(await inspectUpload(await png()))
    expect(inspected).toMatchObject({ mime: 'image/png', ext: 'png', width: 300, height: 200 })
  })

  it('stores a CMYK JPEG in sRGB', async () => {
    const original = await cmykJpeg()
    expect((await sharp(original).metadata()).space).toBe('cmyk')
    const stored = await sanitizeImage(original, asImage(await inspectUpload(original)))
    expect((await sharp(stored.data).metadata()).space).toBe('srgb')
  })

  it('keeps every frame of an animated GIF', async () => {
    const original = await animatedGif()
    const inspected = asImage(await inspectUpload(original))
    expect(inspected.frames).toBe(3)
    const stored = await sanitizeImage(original, inspected)
    expect((await sharp(stored.data, { animated: true }).metadata()).pages).toBe(3)
  })

  it('accepts a complete PDF and refuses a cut one, other types and oversized files', async () => {
    const pdf = buildPdf()
    expect(await inspectUpload(pdf)).toEqual({ kind: 'document', mime: 'application/pdf', ext: 'pdf' })
    expect(await refusalOf(inspectUpload(pdf.subarray(0, pdf.length - 80)))).toBe('MEDIA_CORRUPT')
    expect(await refusalOf(inspectUpload(Buffer.from('PK\u0003\u0004 un zip cualquiera')))).toBe('MEDIA_UNSUPPORTED_TYPE')
    expect(await refusalOf(inspectUpload(await png(), { maxBytes: 100, maxPixels: 50_000_000 }))).toBe('MEDIA_TOO_LARGE')
  })
})
