import sharp, { type Sharp } from 'sharp'
import { corrupt } from './inspectUpload'
import { CENTRE, planRenditions, type FocalPoint, type RenditionStep } from './planRenditions'
import { RENDITIONS, type Rendition } from './renditions'
import { runImageJob } from './runImageJob'

export interface RenderedFile {
  name: string
  /** A network crop (cut around the focal point) rather than a whole-image width. */
  isCrop: boolean
  data: Buffer
  width: number
  height: number
  mime: string
  ext: string
}

const MIME: Record<Rendition['format'], { mime: string; ext: string }> = {
  avif: { mime: 'image/avif', ext: 'avif' },
  webp: { mime: 'image/webp', ext: 'webp' },
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
}

/**
 * Makes every rendition and network crop of one image, decoding it once: a downscaled master (raw pixels) is
 * cut and encoded per rendition, two encodes at a time so both cores work (see runImageJob).
 *
 * `source` may be the raw upload: it is turned upright and into sRGB on the way, and no metadata is written to
 * any output. Animated images give still renditions of their first frame; the original keeps the animation.
 */
export async function renderRenditions({
  source,
  width,
  height,
  focal = CENTRE,
  renditions = RENDITIONS,
}: {
  source: Buffer
  /** Upright size of the image. */
  width: number
  height: number
  focal?: FocalPoint
  renditions?: readonly Rendition[]
}): Promise<RenderedFile[]> {
  const plan = planRenditions({ width, height, focal, renditions })
  const master = await runImageJob(() =>
    sharp(source, { failOn: 'truncated', limitInputPixels: false })
      .rotate()
      .toColourspace('srgb')
      .resize(plan.master.width, plan.master.height, { fit: 'fill' })
      .raw()
      .toBuffer({ resolveWithObject: true }),
  ).catch((cause: unknown) => {
    throw corrupt(cause)
  })
  const raw = { width: master.info.width, height: master.info.height, channels: master.info.channels }
  // Cheapest first, so the heaviest encode (AVIF at the widest size: about 40 bytes per pixel) starts last,
  // once the full-size original beside it is written: the two never hold their memory at once.
  const steps = [...plan.steps].sort((a, b) => encodeCost(a) - encodeCost(b))
  const files = await Promise.all(
    steps.map((step) =>
      runImageJob(async () => {
        let image = sharp(master.data, { raw })
        if (step.region) image = image.extract(step.region)
        image = encode(image.resize(step.width, step.height, { fit: 'fill' }), step.rendition)
        const { data, info } = await image.toBuffer({ resolveWithObject: true })
        return { name: step.rendition.name, isCrop: Boolean(step.rendition.height), data, width: info.width, height: info.height, ...MIME[step.rendition.format] }
      }),
    ),
  )
  return plan.steps.map((step) => files[steps.indexOf(step)]!)
}

const encodeCost = ({ width, height, rendition }: RenditionStep) => width * height * (rendition.format === 'avif' ? 4 : 1)

/** The encoder settings of a rendition, shared with the benchmark's bare-sharp baseline. */
export function encode(image: Sharp, { format, quality }: Rendition): Sharp {
  switch (format) {
    case 'avif':
      return image.avif({ quality, effort: 2 })
    case 'webp':
      return image.webp({ quality })
    case 'jpeg':
      // JPEG goes where transparency cannot (mail clients, networks): flatten on white.
      return image.flatten({ background: '#ffffff' }).jpeg({ quality, mozjpeg: true })
  }
}
