import { describe, expect, it } from 'vitest'
import { CROPS, RENDITIONS, RESPONSIVE_WIDTHS, cropRegion, planRenditions, responsiveName } from '@pregon/media'

const stepNamed = (plan: ReturnType<typeof planRenditions>, name: string) => plan.steps.find((step) => step.rendition.name === name)

describe('planning renditions', () => {
  it('makes every width and crop of a 24-megapixel photo from one master no larger than needed', () => {
    const plan = planRenditions({ width: 6000, height: 4000 })
    expect(plan.steps).toHaveLength(RENDITIONS.length)
    // The vertical crop (1080 × 1350 out of a 3200 × 4000 region) needs the most: 1350 / 4000 of the photo.
    expect(plan.master).toEqual({ width: 2025, height: 1350 })
    for (const step of plan.steps) {
      const source = step.region ?? plan.master
      expect(step.width, step.rendition.name).toBeLessThanOrEqual(source.width)
      expect(step.height, step.rendition.name).toBeLessThanOrEqual(source.height)
      if (step.region) {
        expect(step.region.left + step.region.width).toBeLessThanOrEqual(plan.master.width)
        expect(step.region.top + step.region.height).toBeLessThanOrEqual(plan.master.height)
      }
    }
    for (const [name, { width, height }] of Object.entries(CROPS)) {
      expect([stepNamed(plan, name)?.width, stepNamed(plan, name)?.height], name).toEqual([width, height])
    }
  })

  it('never upscales: a 1200-pixel photo gets 480 and 960, then one file at its own width, in every format', () => {
    const plan = planRenditions({ width: 1200, height: 900 })
    for (const format of ['avif', 'webp', 'jpeg'] as const) {
      expect(RESPONSIVE_WIDTHS.map((width) => stepNamed(plan, responsiveName(width, format))?.width)).toEqual([480, 960, 1200])
    }
    expect(plan.master).toEqual({ width: 1200, height: 900 })
  })

  it('gives a tiny image crops of each network’s shape at its own scale, never enlarged', () => {
    const plan = planRenditions({ width: 300, height: 200 })
    const og = stepNamed(plan, 'og')!
    expect(og.width).toBe(300)
    expect(og.width / og.height).toBeCloseTo(1200 / 630, 1)
    expect(stepNamed(plan, 'square')).toMatchObject({ width: 200, height: 200 })
    expect(stepNamed(plan, responsiveName(960, 'webp'))).toBeUndefined()
    expect(stepNamed(plan, responsiveName(480, 'webp'))).toMatchObject({ width: 300, height: 200 })
  })

  it('centres a crop on the focal point and stops at the edges', () => {
    expect(cropRegion({ width: 2000, height: 1000, focal: { x: 50, y: 50 }, aspect: 1 })).toEqual({ left: 500, top: 0, width: 1000, height: 1000 })
    expect(cropRegion({ width: 2000, height: 1000, focal: { x: 90, y: 50 }, aspect: 1 })).toMatchObject({ left: 1000 })
    expect(cropRegion({ width: 2000, height: 1000, focal: { x: 0, y: 0 }, aspect: 1 })).toMatchObject({ left: 0, top: 0 })
    expect(cropRegion({ width: 2000, height: 1000, focal: { x: Number.NaN, y: 200 }, aspect: 1 })).toMatchObject({ left: 500, top: 0 })
  })
})
