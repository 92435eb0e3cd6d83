/**
 * `npm run bench:media`: a 24-megapixel phone-like JPEG through Pregón's intake (type by bytes, limits,
 * orientation, sRGB, metadata stripped) against bare sharp doing the identical image operations, in the
 * same run. Renditions and network crops join this benchmark with the rest of the media issue.
 */
import sharp from 'sharp'
import { inspectUpload, sanitizeImage } from '@pregon/media'

const RUNS = 5
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

// Noise rather than a flat colour, so the encoder does real work, plus EXIF and GPS like a phone's.
const width = 6000
const height = 4000
const noise = Buffer.alloc(width * height * 3)
for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24
const photo = await sharp(noise, { raw: { width, height, channels: 3 } })
  .jpeg({ quality: 92 })
  .withMetadata({ orientation: 6 })
  .withExifMerge({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '19/1 25/1 0/1' } })
  .toBuffer()

async function pipeline(): Promise<void> {
  const inspected = await inspectUpload(photo)
  if (inspected.kind !== 'image') throw new Error('not an image')
  await sanitizeImage(photo, inspected)
}

async function bare(): Promise<void> {
  await sharp(photo, { failOn: 'truncated', limitInputPixels: 50_000_000 }).rotate().toColourspace('srgb').jpeg({ quality: 90, mozjpeg: true }).toBuffer()
}

async function time(run: () => Promise<void>): Promise<number> {
  const started = performance.now()
  await run()
  return performance.now() - started
}

await bare() // warm-up: libvips and the JIT
const bareTimes: number[] = []
const pipelineTimes: number[] = []
// Interleaved, so a noisy neighbour slows both alike.
for (let run = 0; run < RUNS; run++) {
  bareTimes.push(await time(bare))
  pipelineTimes.push(await time(pipeline))
}
const ratio = median(pipelineTimes) / median(bareTimes)
console.log(`Media intake, 24 MP JPEG (${(photo.length / 1024 / 1024).toFixed(1)} MB), median of ${RUNS}, sharp concurrency ${sharp.concurrency()}`)
console.table([
  { step: 'bare sharp (baseline)', 'median ms': Math.round(median(bareTimes)) },
  { step: 'Pregón intake', 'median ms': Math.round(median(pipelineTimes)) },
])
console.log(`ratio pipeline / bare: ${ratio.toFixed(2)}× · peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`)
