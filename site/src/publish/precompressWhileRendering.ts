import { readdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { AstroIntegration, AstroPrerenderer, PrerenderResult } from 'astro'
import type { CompressReply, CompressRequest } from './compressWorker'
import { isCompressible, precompressFiles } from './precompress'

// Pages handed to the worker and not yet compressed; past this the renderer waits (the bytes wait in memory).
const MAX_PENDING = 64

/**
 * Compresses each page as Astro renders it: Astro renders on one core and the .br/.gz are written by a worker
 * thread on the other, so precompression adds next to nothing to a build's time (it was a fifth of a full
 * build at 10,000 bulletins done afterwards). Hooks into Astro's prerenderer (`setPrerenderer`, the extension
 * point adapters use), passing every response through unchanged. When the build is done, any text file the
 * worker did not get (the sitemap, written last) is compressed from the file.
 */
export function precompressWhileRendering(): AstroIntegration {
  let outDir = ''
  let compressor: Compressor | null = null
  return {
    name: 'pregon:precompress',
    hooks: {
      'astro:config:done': ({ config }) => {
        outDir = fileURLToPath(config.outDir)
      },
      'astro:build:start': ({ setPrerenderer }) => {
        setPrerenderer((base) => {
          compressor = startCompressor()
          return passThrough(base, compressor, outDir)
        })
      },
      'astro:build:done': async ({ dir, logger }) => {
        const done = compressor ? await compressor.finish() : new Set<string>()
        compressor = null
        const late = compressTheRest(fileURLToPath(dir), done)
        logger.info(`precompressed ${done.size} files while rendering and ${late} afterwards`)
      },
    },
  }
}

interface Compressor {
  /** Queues the page's bytes (the worker gets them; the caller must not use them again). */
  add(file: string, bytes: Uint8Array): Promise<void>
  /** Waits for every queued page; the files it compressed. Stops the worker. */
  finish(): Promise<Set<string>>
}

function startCompressor(): Compressor {
  const worker = new Worker(new URL('./compressWorker.ts', import.meta.url))
  const done = new Set<string>()
  let pending = 0
  let failure: Error | null = null
  let waiters: Array<() => void> = []
  const wake = () => {
    const woken = waiters
    waiters = []
    for (const resolve of woken) resolve()
  }
  worker.on('message', (reply: CompressReply) => {
    pending--
    if ('error' in reply) failure ??= new Error(`could not precompress ${reply.file}: ${reply.error}`)
    else if (reply.compressed) done.add(reply.file)
    wake()
  })
  worker.on('error', (error) => {
    failure ??= error
    wake()
  })
  const settle = async (limit: number) => {
    while (pending > limit && !failure) await new Promise<void>((resolve) => waiters.push(resolve))
    if (failure) throw failure
  }
  return {
    async add(file, bytes) {
      await settle(MAX_PENDING - 1)
      pending++
      const request: CompressRequest = { file, bytes }
      worker.postMessage(request, [bytes.buffer as ArrayBuffer])
    },
    async finish() {
      try {
        await settle(0)
        return done
      } finally {
        await worker.terminate()
      }
    },
  }
}

function passThrough(base: AstroPrerenderer, compressor: Compressor, outDir: string): AstroPrerenderer {
  return {
    name: `${base.name}+pregon:precompress`,
    setup: base.setup && (() => base.setup!()),
    getStaticPaths: () => base.getStaticPaths(),
    collectStaticImages: base.collectStaticImages && (() => base.collectStaticImages!()),
    teardown: base.teardown && (() => base.teardown!()),
    async render(request, options) {
      const result = await base.render(request, options)
      const response = result instanceof Response ? result : result.response
      const file = outputFile(outDir, new URL(request.url).pathname, options.routeData.type)
      if (response.status !== 200 || !response.body || !isCompressible(file)) return result
      const bytes = new Uint8Array(await response.arrayBuffer())
      await compressor.add(file, bytes.slice())
      const copy = new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers })
      return result instanceof Response ? copy : ({ ...result, response: copy } satisfies PrerenderResult)
    },
  }
}

/**
 * Where Astro writes a route's output with `build.format: 'directory'`: endpoints (feeds, robots.txt) at their
 * own path, the 404 page as 404.html, any other page as <path>/index.html. A page this misses is compressed after
 * the build instead, so a mistake costs time, not correctness.
 */
function outputFile(outDir: string, pathname: string, type: string): string {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent)
  if (type === 'endpoint') return path.join(outDir, ...parts)
  if (parts.length === 1 && (parts[0] === '404' || parts[0] === '500')) return path.join(outDir, `${parts[0]}.html`)
  return path.join(outDir, ...parts, 'index.html')
}

/**
 * Compresses the text files the worker did not (written after rendering, like the sitemap), and removes siblings
 * of pages Astro did not write after all. Returns how many files were compressed. The worker's copies are of the
 * very response Astro writes; the tests check each one against its file.
 */
function compressTheRest(dir: string, done: Set<string>): number {
  const files = new Set(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name)))
  for (const file of files) if (/\.(br|gz)$/.test(file) && done.has(file.slice(0, -3)) && !files.has(file.slice(0, -3))) rmSync(file)
  return precompressFiles([...files].filter((file) => isCompressible(file) && !done.has(file)))
}
