// A worker thread of the Astro build process: writes the .br and .gz of each page the build renders, on the
// other core, while Astro renders the next ones (see precompressWhileRendering.ts). Loaded by Node itself
// (type stripping), hence the explicit extension.
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { parentPort } from 'node:worker_threads'
import { compressInto } from './precompress.ts'

export interface CompressRequest {
  file: string
  bytes: Uint8Array
}

export type CompressReply = { file: string; compressed: boolean } | { file: string; error: string }

const port = parentPort
if (!port) throw new Error('compressWorker.ts runs as a worker thread')
port.on('message', ({ file, bytes }: CompressRequest) => {
  let reply: CompressReply
  try {
    // Astro creates the page's folder when it writes the page, maybe after this.
    mkdirSync(path.dirname(file), { recursive: true })
    reply = { file, compressed: compressInto(file, bytes) }
  } catch (error) {
    reply = { file, error: error instanceof Error ? error.message : String(error) }
  }
  port.postMessage(reply)
})
