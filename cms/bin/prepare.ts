/**
 * One-shot start-up step run by `npm start` before the servers: applies the committed migrations,
 * creates the job queues and, in demo mode, seeds the demo municipality once.
 */
import { loadConfig } from '@pregon/core/loadConfig'
import { prepareQueues, stopProducers } from '@pregon/core/boss'
import { bootPayload } from '../bootPayload'
import { seedDemo } from '../seed/seedDemo'

const config = loadConfig()
const databaseUrl = config.database.url
if (!databaseUrl) throw new Error('DATABASE_URL: not set (npm start sets it for the embedded database)')

await prepareQueues(databaseUrl)
const payload = await bootPayload(config)
const { seeded } = config.isDemo ? await seedDemo(payload) : { seeded: false }
process.send?.({ type: 'prepared', seeded })
if (!process.send) console.log(seeded ? 'Demo content seeded.' : 'Database up to date.')
await stopProducers()
await payload.destroy()
process.exit(0)
