import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

const COMPRESSIBLE = new Set(['.html', '.xml', '.css', '.js', '.svg', '.json', '.txt'])
const MIN_BYTES = 1_024
// Measured on 1,000 pages: quality 7 takes ~0.1 s, 11 takes ~4.6 s for 10 % fewer bytes; a bulletin going
// live sooner matters more. Still ~13 % smaller than gzip -9.
const BROTLI_QUALITY = 7

/** Whether a file of this name gets .br and .gz siblings (text formats only). */
export function isCompressible(file: string): boolean {
  return COMPRESSIBLE.has(path.extname(file))
}

/**
 * Writes `<file>.br` and `<file>.gz` holding `bytes` (the file's content), unless it is too small to gain.
 * Synchronous on purpose: zlib's asynchronous calls each set up a compressor on the thread pool, which cost
 * 2–3× the CPU of these calls at 10,000 pages (mostly allocating brotli's window). The brotli window is sized to
 * the file for the same reason. Returns whether the siblings were written.
 */
export function compressInto(file: string, bytes: Uint8Array): boolean {
  if (bytes.length < MIN_BYTES) return false
  const window = Math.max(zlib.constants.BROTLI_MIN_WINDOW_BITS, Math.min(zlib.constants.BROTLI_DEFAULT_WINDOW, Math.ceil(Math.log2(bytes.length))))
  writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: zlib.constants.Z_BEST_COMPRESSION }))
  writeFileSync(
    `${file}.br`,
    zlib.brotliCompressSync(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        [zlib.constants.BROTLI_PARAM_LGWIN]: window,
      },
    }),
  )
  return true
}

/**
 * Writes .br and .gz next to every text file under dir so the server sends them as they are (sirv picks them
 * by Accept-Encoding): pages shrink to about a third on slow mobile links at no cost per request. For the few
 * files a build did not compress while rendering (see precompressWhileRendering.ts) and the search index's.
 */
export function precompress(dir: string): number {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true })
  return precompressFiles(entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)))
}

/** The same for the named files (those that are not text are skipped). Returns how many got siblings. */
export function precompressFiles(paths: string[]): number {
  let written = 0
  for (const file of paths) if (isCompressible(file) && compressInto(file, readFileSync(file))) written++
  return written
}
