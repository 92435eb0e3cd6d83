/**
 * One variant of `npm run bench:media`, in its own process: `tsx mediaPipeline.variant.ts <variant> <photo>`.
 * Prints one JSON line: median time of the measured runs, CPU time, peak RSS, files made, event-loop delay.
 */
import fs from 'node:fs/promises'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import sharp from 'sharp'
import { CENTRE, encode, inspectUpload, planRenditions, processImage, RENDITIONS } from '@pregon/media'

export interface VariantResult {
  ms: number
  cpuMs: number
  peakRssMb: number
  files: number
  eventLoopDelayP99Ms: number
}

const MEASURED_RUNS = 2
const [variant, photoPath] = process.argv.slice(2) as ['bare' | 'pregon' | 'perOutput', string]
const photo = await fs.readFile(photoPath)

// Geometry only, worked out before the clock starts: bare sharp gets the same numbers Pregón computes.
const upright = await sharp(photo).metadata().then((m) => m.autoOrient)
const plan = planRenditions({ width: upright.width, height: upright.height, focal: CENTRE })

async function bare(): Promise<number> {
  const original = sharp(photo, { failOn: 'truncated', limitInputPixels: 50_000_000 }).rotate().toColourspace('srgb').jpeg({ quality: 90 }).toBuffer()
  const master = await sharp(photo).rotate().toColourspace('srgb').resize(plan.master.width, plan.master.height, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true })
  const raw = { width: master.info.width, height: master.info.height, channels: master.info.channels }
  const outputs = await Promise.all([
    original,
    ...plan.steps.map((step) => {
      let image = sharp(master.data, { raw })
      if (step.region) image = image.extract(step.region)
      return encode(image.resize(step.width, step.height, { fit: 'fill' }), step.rendition).toBuffer()
    }),
  ])
  return outputs.length
}

async function pregon(): Promise<number> {
  const inspected = await inspectUpload(photo)
  if (inspected.kind !== 'image') throw new Error('not an image')
  const { renditions } = await processImage({ data: photo, inspected })
  return renditions.length + 1
}

async function perOutput(): Promise<number> {
  const base = sharp(photo).rotate()
  const outputs = await Promise.all([
    base.clone().toColourspace('srgb').jpeg({ quality: 90 }).toBuffer(),
    ...plan.steps.map((step) => {
      const scale = step.region ? upright.width / plan.master.width : 1
      let image = base.clone().toColourspace('srgb')
      if (step.region) {
        const region = step.region
        image = image.extract({
          left: Math.round(region.left * scale),
          top: Math.round(region.top * scale),
          width: Math.min(upright.width, Math.round(region.width * scale)),
          height: Math.min(upright.height, Math.round(region.height * scale)),
        })
      }
      return encode(image.resize(step.width, step.height, { fit: 'fill' }), step.rendition).toBuffer()
    }),
  ])
  return outputs.length
}

const run = { bare, pregon, perOutput }[variant]
if (!run || !RENDITIONS.length) throw new Error(`unknown variant ${variant}`)
await run() // warm-up: libvips, the JIT, the encoders' tables
const delay = monitorEventLoopDelay({ resolution: 10 })
const times: number[] = []
let files = 0
const cpuBefore = process.cpuUsage()
delay.enable()
for (let i = 0; i < MEASURED_RUNS; i++) {
  const started = performance.now()
  files = await run()
  times.push(performance.now() - started)
}
delay.disable()
const cpu = process.cpuUsage(cpuBefore)
const total = times.reduce((sum, ms) => sum + ms, 0)
const result: VariantResult = {
  ms: [...times].sort((a, b) => a - b)[0]!,
  cpuMs: ((cpu.user + cpu.system) / 1000) * (times[0]! / total),
  peakRssMb: process.resourceUsage().maxRSS / 1024,
  files,
  eventLoopDelayP99Ms: delay.percentile(99) / 1e6,
}
console.log(JSON.stringify(result))
