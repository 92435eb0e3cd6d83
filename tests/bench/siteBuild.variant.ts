/** One full portal build in its own process, so the bench can measure its process tree: `<content.json> <outDir> <mediaDir>`. */
import { buildPortal } from '@pregon/site/publish'

const [contentFile, outDir, mediaDir] = process.argv.slice(2)
if (!contentFile || !outDir || !mediaDir) throw new Error('usage: siteBuild.variant.ts <content.json> <outDir> <mediaDir>')
await buildPortal({ contentFile, outDir, mediaDir })
