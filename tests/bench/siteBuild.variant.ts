/**
 * One full portal build in its own process, so the bench can measure its process tree: `<content.json> <outDir>
 * <mediaDir>`. Prints, as JSON, where the time went (ms by phase) and the peak RSS of this process tree during
 * each phase (MB), sampled every 50 ms: which phase holds the memory.
 */
import { buildPortal } from '@pregon/site/publish'
import { treeRss } from './treeRss'

const [contentFile, outDir, mediaDir] = process.argv.slice(2)
if (!contentFile || !outDir || !mediaDir) throw new Error('usage: siteBuild.variant.ts <content.json> <outDir> <mediaDir>')
const phasePeakMb: Record<string, number> = {}
let phase = 'start'
const sample = () => (phasePeakMb[phase] = Math.max(phasePeakMb[phase] ?? 0, treeRss(process.pid) / 1024 / 1024))
const sampler = setInterval(sample, 50)
const { phases } = await buildPortal({
  contentFile,
  outDir,
  mediaDir,
  onPhase: (next) => {
    sample()
    phase = next
  },
})
sample()
clearInterval(sampler)
console.log(JSON.stringify({ phases, phasePeakMb }))
