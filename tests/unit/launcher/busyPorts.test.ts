import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { busyPorts, busyPortsMessage } from '../../../launcher/busyPorts'
import { freePort } from '../../helpers/freePort'

const held: net.Server[] = []
afterEach(async () => {
  await Promise.all(held.splice(0).map((server) => new Promise<void>((resolve) => server.close(() => resolve()))))
})

async function hold(port: number): Promise<void> {
  const server = net.createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', resolve)
  })
  held.push(server)
}

describe('busyPorts', () => {
  it('names exactly the ports another program holds, and the message says which variable moves each', async () => {
    const [taken, free] = [await freePort(), await freePort()]
    await hold(taken)
    const busy = await busyPorts(
      [
        { variable: 'CMS_PORT', port: taken },
        { variable: 'PORTAL_PORT', port: free },
      ],
      '127.0.0.1',
    )
    expect(busy).toEqual([{ variable: 'CMS_PORT', port: taken }])
    expect(busyPortsMessage(busy)).toBe(
      `El puerto ${taken} (CMS_PORT) ya está en uso por otro programa. Detenga ese programa (\`ss -ltnp\` muestra cuál es) o elija otro puerto con CMS_PORT.`,
    )
    // The probe released the free port: a server can take it right after.
    await hold(free)
  })
})
