/** `npm run build:site`: a full portal build from the database, switched live atomically. */
import { loadConfig } from '@pregon/core/loadConfig'
import { bootPayload } from '@pregon/cms/worker'
import { createLogger } from '@pregon/core/createLogger'
import { rebuildPortal } from '../src/tasks/rebuildPortal'
import { createMailer } from '../src/providers/smtp/createMailer'
import { createSocialProviders } from '../src/providers/socialProviders'

const config = loadConfig()
const log = createLogger({ name: 'build-site', level: config.logLevel, format: config.logFormat })
const payload = await bootPayload(config)
const result = await rebuildPortal({
  payload,
  config,
  log,
  networks: createSocialProviders(config, { dryRun: true }),
  mailer: createMailer({ smtpUrl: 'smtp://127.0.0.1:1', from: config.mail.from }),
})
console.log(`Portal built: ${result.bulletins} bulletins in ${result.durationMs} ms → ${config.portalDir}/current`)
await payload.destroy()
process.exit(0)
