/**
 * The local mail catcher (maildev) used when SMTP_URL is unset, as a supervised service of `npm start`:
 * SMTP on 127.0.0.1:MAILDEV_SMTP_PORT, its web inbox on BIND_HOST:MAILDEV_WEB_PORT.
 */
import { loadConfig } from '@pregon/core/loadConfig'
import { MailDev } from 'maildev'
import { stopWhenTold } from './stopWhenTold'

const config = loadConfig()
const catcher = new MailDev({
  smtp: config.mail.catcherSmtpPort,
  ip: '127.0.0.1',
  web: config.mail.catcherWebPort,
  webIp: config.bindHost,
  silent: true,
})
await catcher.start()

stopWhenTold(() => catcher.stop())
process.send?.({ type: 'ready' })
