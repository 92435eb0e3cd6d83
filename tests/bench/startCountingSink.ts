import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawnService } from '@pregon/launcher/spawnService'

const here = path.dirname(fileURLToPath(import.meta.url))

/** The counting SMTP sink (countingSink.ts) in its own process: it must not share an event loop with, nor be, what is measured. */
/** `port` 0: the OS picks one. */
export async function startCountingSink(port = 0): Promise<{ url: string; count(): Promise<number>; close(): Promise<void> }> {
  const service = await spawnService({ name: 'bench-smtp-sink', script: path.join(here, 'countingSink.ts'), env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', SINK_PORT: String(port) } })
  const child = service.child
  return {
    url: String(service.ready.url),
    count: () =>
      new Promise<number>((resolve) => {
        child.once('message', (message: { received: number }) => resolve(message.received))
        child.send('count')
      }),
    close: () => service.stop(),
  }
}
