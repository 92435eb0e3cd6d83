/**
 * `npm run bench:media`: a 24-megapixel phone photo (EXIF, GPS, "rotate 90°") through Pregón's whole image
 * pipeline (intake by bytes and limits, clean original, every rendition and network crop), against bare sharp
 * doing the identical image operations, in the same run. Each variant runs in its own process, in alternating
 * rounds, so its peak RSS is its own and a noisy neighbour slows both alike.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import { IMAGE_PROCESS_ENV } from '@pregon/media'
import type { VariantResult } from './mediaPipeline.variant'

const ROUNDS = 3
const VARIANTS = ['bare', 'pregon', 'perOutput'] as const
const LABELS: Record<(typeof VARIANTS)[number], string> = {
  bare: 'bare sharp, identical operations (baseline)',
  pregon: 'Pregón pipeline (intake + original + renditions)',
  perOutput: 'reference: each output decoded from the upload (Payload imageSizes style)',
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const here = path.dirname(fileURLToPath(import.meta.url))
const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-bench-media-'))
const photoPath = path.join(directory, 'IMG_0001.jpg')

// Photo-like texture (blurred noise, not flat colour, which encoders would skip through) with a phone's EXIF.
await fs.writeFile(
  photoPath,
  await sharp({ create: { width: 6000, height: 4000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 120, sigma: 40 } } })
    .blur(1.2)
    .jpeg({ quality: 92 })
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { Make: 'TelefonoMarca' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '19/1 25/1 0/1' } })
    .toBuffer(),
)
const photoMegabytes = (await fs.stat(photoPath)).size / 1024 / 1024

const results = new Map<string, VariantResult[]>(VARIANTS.map((variant) => [variant, []]))
for (let round = 0; round < ROUNDS; round++) {
  for (const variant of VARIANTS) {
    const output = execFileSync(process.execPath, ['--import', 'tsx', path.join(here, 'mediaPipeline.variant.ts'), variant, photoPath], {
      encoding: 'utf8',
      env: { ...process.env, ...IMAGE_PROCESS_ENV },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    results.get(variant)!.push(JSON.parse(output.trim().split('\n').at(-1)!) as VariantResult)
  }
}
await fs.rm(directory, { recursive: true, force: true })

const summary = VARIANTS.map((variant) => {
  const runs = results.get(variant)!
  return {
    variant,
    ms: median(runs.map((run) => run.ms)),
    cores: median(runs.map((run) => run.cpuMs / run.ms)),
    rssMb: Math.max(...runs.map((run) => run.peakRssMb)),
    files: runs[0]!.files,
    loopDelayP99Ms: Math.max(...runs.map((run) => run.eventLoopDelayP99Ms)),
  }
})
const baseline = summary.find((row) => row.variant === 'bare')!
console.log(`Media pipeline, 24 MP JPEG (${photoMegabytes.toFixed(1)} MB), median of ${ROUNDS} rounds, ${os.availableParallelism()} cores, sharp concurrency ${sharp.concurrency()}`)
console.table(
  summary.map((row) => ({
    step: LABELS[row.variant],
    'median ms': Math.round(row.ms),
    ratio: `${(row.ms / baseline.ms).toFixed(2)}×`,
    'cores used': row.cores.toFixed(2),
    'peak RSS MB': Math.round(row.rssMb),
    'files made': row.files,
    'event-loop delay p99 ms': row.loopDelayP99Ms.toFixed(1),
  })),
)
const pregon = summary.find((row) => row.variant === 'pregon')!
console.log(
  `ratio pipeline / bare sharp: ${(pregon.ms / baseline.ms).toFixed(2)}× (target ≤ 1.10) · peak RSS ${Math.round(pregon.rssMb)} MB (target ≤ 300) · cores used ${pregon.cores.toFixed(2)}`,
)
