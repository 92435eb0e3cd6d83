import { RENDITIONS, type Rendition } from './renditions'

/** Where the editor wants every crop centred, in percent of the image (Payload's focalX / focalY). */
export interface FocalPoint {
  x: number
  y: number
}

export const CENTRE: FocalPoint = { x: 50, y: 50 }

export interface Region {
  left: number
  top: number
  width: number
  height: number
}

/** How one rendition is cut from the master: an optional region of it, then a resize to exactly width × height. */
export interface RenditionStep {
  rendition: Rendition
  region?: Region
  width: number
  height: number
}

export interface RenditionPlan {
  /** The one downscaled copy every rendition is cut from, so the full-size upload is decoded once. */
  master: { width: number; height: number }
  steps: RenditionStep[]
}

/**
 * Plans every rendition of a `width × height` image without touching a pixel.
 *
 * - Nothing is upscaled. A responsive width larger than the image is not made, except the first one at or above
 *   it, which is made at the image's own width: every format then has a full-resolution file for the srcset.
 * - A crop keeps its network's aspect ratio around the focal point; on an image too small for it, the crop is
 *   the largest one of that shape the image holds, never enlarged.
 * - The master is the smallest downscale from which every step only shrinks, so quality equals cutting each
 *   rendition from the original while decoding it once.
 */
export function planRenditions({
  width,
  height,
  focal = CENTRE,
  renditions = RENDITIONS,
}: {
  width: number
  height: number
  focal?: FocalPoint
  renditions?: readonly Rendition[]
}): RenditionPlan {
  const fullSize: Array<{ rendition: Rendition; region?: Region; width: number; height: number }> = []
  for (const rendition of renditions) {
    if (rendition.height) {
      const region = cropRegion({ width, height, focal, aspect: rendition.width / rendition.height })
      const scale = Math.min(1, rendition.width / region.width)
      fullSize.push({ rendition, region, width: Math.round(region.width * scale), height: Math.round(region.height * scale) })
    } else if (rendition.width < width || isFirstWidthAtOrAbove(rendition, width, renditions)) {
      const outWidth = Math.min(rendition.width, width)
      fullSize.push({ rendition, width: outWidth, height: Math.max(1, Math.round((height * outWidth) / width)) })
    }
  }
  // The largest fraction of the original any step keeps decides the master's size.
  const scale = Math.min(1, Math.max(0, ...fullSize.map((step) => step.width / (step.region?.width ?? width))))
  const master = { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
  const toMaster = (value: number, limit: number) => Math.min(limit, Math.max(0, Math.round(value * scale)))
  const steps = fullSize.map(({ rendition, region, width: outWidth, height: outHeight }) => {
    if (!region) return { rendition, width: outWidth, height: outHeight }
    const left = toMaster(region.left, master.width - 1)
    const top = toMaster(region.top, master.height - 1)
    return {
      rendition,
      region: {
        left,
        top,
        width: Math.max(1, toMaster(region.width, master.width - left)),
        height: Math.max(1, toMaster(region.height, master.height - top)),
      },
      width: outWidth,
      height: outHeight,
    }
  })
  return { master, steps }
}

/** The largest region of the given aspect ratio inside the image, centred on the focal point as far as the edges allow. */
export function cropRegion({ width, height, focal, aspect }: { width: number; height: number; focal: FocalPoint; aspect: number }): Region {
  const regionWidth = Math.min(width, height * aspect)
  const regionHeight = Math.min(height, width / aspect)
  const centreX = (clampPercent(focal.x) / 100) * width
  const centreY = (clampPercent(focal.y) / 100) * height
  const left = Math.min(width - regionWidth, Math.max(0, centreX - regionWidth / 2))
  const top = Math.min(height - regionHeight, Math.max(0, centreY - regionHeight / 2))
  return { left, top, width: regionWidth, height: regionHeight }
}

function isFirstWidthAtOrAbove(rendition: Rendition, width: number, renditions: readonly Rendition[]): boolean {
  const widths = renditions.filter((other) => !other.height && other.format === rendition.format && other.width >= width)
  return rendition.width === Math.min(...widths.map((other) => other.width))
}

const clampPercent = (value: number) => (Number.isFinite(value) ? Math.min(100, Math.max(0, value)) : 50)
