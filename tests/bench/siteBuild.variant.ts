/**
 * One full portal build in its own process, so the bench can measure its process tree: `<content.json> <outDir>
 * <mediaDir>`. Prints where the time went (ms by phase) as JSON.
 */
import { buildPortal } from '@pregon/site/publish'

const [contentFile, outDir, mediaDir] = process.argv.slice(2)
if (!contentFile || !outDir || !mediaDir) throw new Error('usage: siteBuild.variant.ts <content.json> <outDir> <mediaDir>')
const { phases } = await buildPortal({ contentFile, outDir, mediaDir })
console.log(JSON.stringify(phases))
