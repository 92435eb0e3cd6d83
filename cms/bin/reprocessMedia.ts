/**
 * `npm run media:reprocess`: every stored image through the media pipeline again (see lib/reprocessMedia).
 * Needs the database: run it while `npm start` runs, or with DATABASE_URL set.
 */
import { loadConfig } from '@pregon/core/loadConfig'
import { bootPayload } from '../bootPayload'
import { reprocessMedia } from '../collections/Media/reprocessMedia'

const config = loadConfig()
const payload = await bootPayload(config)
const report = await reprocessMedia({ payload, staticDir: config.mediaDir })
console.log(`Imágenes procesadas de nuevo: ${report.processed}. Con problemas: ${report.failed.length}.`)
for (const { id, filename, reason } of report.failed) console.log(`  #${id} ${filename}: ${reason}`)
await payload.destroy()
process.exit(report.failed.length > 0 ? 1 : 0)
