/**
 * One-shot start-up step run by `npm start` before the servers: applies the committed migrations,
 * creates the job queues, in demo mode seeds the demo municipality once, and asks for a portal rebuild if needed.
 */
import { isPortalCurrent } from '@pregon/site/publish'
import { loadConfig } from '../config/loadConfig'
import { getProducer, prepareQueues, stopProducers } from '../jobs/boss'
import { QUEUES } from '../jobs/queues'
import { bootPayload } from '../lib/bootPayload'
import { seedDemo } from '../seed/seedDemo'

const config = loadConfig()
const databaseUrl = config.database.url
if (!databaseUrl) throw new Error('DATABASE_URL: not set (npm start sets it for the embedded database)')

await prepareQueues(databaseUrl)
const payload = await bootPayload(config)
const { seeded } = config.isDemo ? await seedDemo(payload) : { seeded: false }
// Content changes rebuild the portal through the queue; at start only a missing build or newer templates
// (an upgrade) need one. The queue's 'stately' policy folds it into the seed's own rebuild.
if (!(await isPortalCurrent(config.portalDir))) {
  await (await getProducer(databaseUrl)).send(QUEUES.rebuildPortal, { reason: 'startup' })
}
process.send?.({ type: 'prepared', seeded })
if (!process.send) console.log(seeded ? 'Demo content seeded.' : 'Database up to date.')
await stopProducers()
await payload.destroy()
process.exit(0)
