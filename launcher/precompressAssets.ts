import fs from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import zlib from 'node:zlib'

const brotli = promisify(zlib.brotliCompress)
const gzip = promisify(zlib.gzip)

/** Text assets a browser fetches; source maps are for developers. */
const COMPRESSIBLE = /\.(js|mjs|css|svg|json|txt|html)$/
/** Below this a compressed copy saves less than its own headers cost. */
const MIN_BYTES = 1024

export interface PrecompressReport {
  files: number
  bytes: number
  brotliBytes: number
  gzipBytes: number
}

/**
 * Writes `<file>.br` (Brotli, best quality) and `<file>.gz` beside every compressible build asset under `dir`, once
 * per build, so the admin server sends them as they are (cms/http/nextStaticAssets.ts) instead of gzipping each
 * request again.
 */
export async function precompressAssets(dir: string): Promise<PrecompressReport> {
  const report: PrecompressReport = { files: 0, bytes: 0, brotliBytes: 0, gzipBytes: 0 }
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !COMPRESSIBLE.test(entry.name)) continue
    const file = path.join(entry.parentPath, entry.name)
    const content = await fs.readFile(file)
    if (content.length < MIN_BYTES) continue
    const [br, gz] = await Promise.all([
      brotli(content, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: content.length } }),
      gzip(content, { level: zlib.constants.Z_BEST_COMPRESSION }),
    ])
    await Promise.all([fs.writeFile(`${file}.br`, br), fs.writeFile(`${file}.gz`, gz)])
    report.files++
    report.bytes += content.length
    report.brotliBytes += br.length
    report.gzipBytes += gz.length
  }
  return report
}
