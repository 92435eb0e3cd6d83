import zlib from 'node:zlib'
import sharp from 'sharp'

/** Images the media tests need, generated on the spot (no binary fixtures in the repository). */

const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 40, g: 120, b: 90 } } })

/** A phone photo: EXIF with camera, GPS position and an orientation that says "rotate 90°". */
export function gpsTaggedJpeg(): Promise<Buffer> {
  return solid(400, 300)
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Make: 'TelefonoMarca', Model: 'Modelo X', Artist: 'Lucía Méndez' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '19/1 25/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '99/1 8/1 0/1' },
    })
    .toBuffer()
}

/** Only the header of a 20,000 × 20,000 PNG (a "pixel bomb"): what matters is what it claims. */
export function pixelBombPng(size = 20_000): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(body.length)
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), body])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(zlib.crc32(typed))
    return Buffer.concat([length, typed, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8-bit RGB
  const row = Buffer.alloc(1 + size * 3) // one black row, repeated by deflate into a small IDAT
  const idat = zlib.deflateSync(Buffer.concat(Array.from({ length: 64 }, () => row)))
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))])
}

export const hostileSvg = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>',
)

export async function truncatedJpeg(): Promise<Buffer> {
  const whole = await solid(1200, 800).jpeg({ quality: 95 }).toBuffer()
  return whole.subarray(0, Math.floor(whole.length * 0.6))
}

export function png(width = 300, height = 200): Promise<Buffer> {
  return solid(width, height).png().toBuffer()
}

export function cmykJpeg(): Promise<Buffer> {
  return solid(320, 240).toColourspace('cmyk').jpeg().toBuffer()
}

/** A three-frame animated GIF (frames stacked vertically, then split by pageHeight). */
export async function animatedGif(): Promise<Buffer> {
  const frames = await Promise.all(
    [[255, 0, 0], [0, 255, 0], [0, 0, 255]].map(([r, g, b]) =>
      sharp({ create: { width: 40, height: 30, channels: 3, background: { r: r!, g: g!, b: b! } } }).raw().toBuffer(),
    ),
  )
  return sharp(Buffer.concat(frames), { raw: { width: 40, height: 90, channels: 3, pageHeight: 30 } })
    .gif({ loop: 0, delay: [200, 200, 200] })
    .toBuffer()
}
