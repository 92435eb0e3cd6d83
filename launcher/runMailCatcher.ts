/**
 * The local mail catcher (maildev) used when SMTP_URL is unset, as a supervised service of `npm start`:
 * SMTP on 127.0.0.1:MAILDEV_SMTP_PORT, its web inbox on BIND_HOST:MAILDEV_WEB_PORT.
 */
import { loadConfig } from '@pregon/core/loadConfig'
import { MailDev } from 'maildev'

const config = loadConfig()
const catcher = new MailDev({
  smtp: config.mail.catcherSmtpPort,
  ip: '127.0.0.1',
  web: config.mail.catcherWebPort,
  webIp: config.bindHost,
  silent: true,
})
await catcher.start()

let stopping = false
async function shutdown(): Promise<void> {
  if (stopping) return
  stopping = true
  setTimeout(() => process.exit(0), 5_000).unref()
  await catcher.stop().catch(() => {})
  process.exit(0)
}
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
process.on('disconnect', shutdown)
process.send?.({ type: 'ready' })
