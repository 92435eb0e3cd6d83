/**
 * One-shot start-up step run by `npm start` before the servers, as the database's owner: applies the
 * committed migrations, creates the job queues, seeds the demo municipality once (demo mode), and prepares
 * the application's own role (core/src/appRole.ts). Tells the launcher the URL the services connect with.
 */
import { loadConfig } from '@pregon/core/loadConfig'
import { prepareQueues, stopProducers } from '@pregon/core/boss'
import { prepareAppRole } from '@pregon/core/appRole'
import { bootPayload } from '../bootPayload'
import { seedDemo } from '../seed/seedDemo'

const config = loadConfig()
const databaseUrl = config.database.url
if (!databaseUrl) throw new Error('DATABASE_URL: not set (npm start sets it for the embedded database)')

await prepareQueues(databaseUrl)
const payload = await bootPayload(config, { migrate: true })
const { seeded } = config.isDemo ? await seedDemo(payload) : { seeded: false }
await stopProducers()
await payload.destroy()
// After the migrations and the queues: the grants cover every table they made.
const appUrl = await prepareAppRole({ ownerUrl: databaseUrl, appUrl: config.database.appUrl, dataDir: config.dataDir })
process.send?.({ type: 'prepared', seeded, appUrl })
if (!process.send) console.log(seeded ? 'Demo content seeded.' : 'Database up to date.')
process.exit(0)
