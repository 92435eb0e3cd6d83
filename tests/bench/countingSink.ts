/** A counting SMTP sink in its own process (started by the mail benchmark), so it does not share an event loop with the sender being measured. */
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

let received = 0
const server = new SMTPServer({
  disabledCommands: ['STARTTLS', 'AUTH'],
  authOptional: true,
  logger: false,
  closeTimeout: 500,
  onData(stream, _session, callback) {
    stream.on('data', () => {})
    stream.on('end', () => {
      received++
      callback()
    })
  },
})
server.on('error', () => {})
server.listen(Number(process.env.SINK_PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.server.address() as AddressInfo
  process.send?.({ type: 'ready', url: `smtp://127.0.0.1:${port}` })
})
process.on('message', () => process.send?.({ type: 'count', received }))
process.on('disconnect', () => process.exit(0))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
