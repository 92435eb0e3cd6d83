import type { Config } from '@pregon/cms/config'
import type { Payload } from 'payload'
import type { Logger } from 'pino'
import type { XProvider } from '../providers/x/XProvider'
import type { Mailer } from '../providers/smtp/createMailer'

/** What every task receives: the Local API, the parsed configuration, a logger and the providers. */
export interface TaskContext {
  payload: Payload
  config: Readonly<Config>
  log: Logger
  x: XProvider
  mailer: Mailer
}
