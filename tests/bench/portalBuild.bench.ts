/**
 * `npm run bench:portal`: how the full portal build scales with the number of published bulletins.
 * Baseline: a 10-bulletin build measured in the same run, so the ratio holds on a shared, noisy machine.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { PortalContent } from '@pregon/site/content'
import { buildPortal } from '@pregon/site/publish'

const SIZES = [10, 100, 1000]
const RUNS = 3

function content(count: number): PortalContent {
  const day = 24 * 60 * 60 * 1000
  return {
    generatedAt: new Date(Date.UTC(2026, 10, 23)).toISOString(),
    site: { name: 'Municipio de Prueba', url: 'http://localhost:4321', timeZone: 'America/Mexico_City', description: 'Banco de pruebas' },
    bulletins: Array.from({ length: count }, (_, i) => ({
      id: String(count - i),
      slug: `boletin-${count - i}`,
      title: `Boletín número ${count - i}: obra pública en la colonia ${i % 40}`,
      summary: 'El Ayuntamiento informa a la ciudadanía sobre los avances de la obra y las rutas alternas.',
      bodyHtml: '<p>Párrafo del boletín con información para la ciudadanía.</p>'.repeat(8),
      publishedAt: new Date(Date.UTC(2026, 10, 23) - i * day).toISOString(),
      department: { name: 'Obras Públicas', slug: 'obras-publicas' },
      hero: null,
    })),
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

const work = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-bench-portal-'))
const mediaDir = path.join(work, 'media')
await fs.mkdir(mediaDir)
const results: Array<{ bulletins: number; medianMs: number; pages: number }> = []
try {
  for (const count of SIZES) {
    const contentFile = path.join(work, `content-${count}.json`)
    await fs.writeFile(contentFile, JSON.stringify(content(count)))
    const times: number[] = []
    let pages = 0
    for (let run = 0; run < RUNS; run++) {
      const result = await buildPortal({ contentFile, outDir: path.join(work, `out-${count}-${run}`), mediaDir })
      times.push(result.durationMs)
      pages = result.pages
    }
    results.push({ bulletins: count, medianMs: median(times), pages })
  }
} finally {
  await fs.rm(work, { recursive: true, force: true })
}

const baseline = results[0]!
console.log(`Portal build, median of ${RUNS} runs (baseline: ${baseline.bulletins} bulletins in the same run)`)
console.table(
  results.map((r) => ({
    bulletins: r.bulletins,
    pages: r.pages,
    'median ms': r.medianMs,
    'ms per extra page': r === baseline ? '-' : ((r.medianMs - baseline.medianMs) / (r.pages - baseline.pages)).toFixed(2),
    'ratio to baseline': (r.medianMs / baseline.medianMs).toFixed(2),
  })),
)
