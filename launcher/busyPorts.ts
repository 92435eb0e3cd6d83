import net from 'node:net'

export interface NamedPort {
  /** The variable that sets it, named in the message (CMS_PORT, PORTAL_PORT…). */
  variable: string
  port: number
}

/** Whether a server could listen on `port` at `host` right now (the probe is closed again). */
export function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, host, () => probe.close(() => resolve(true)))
  })
}

/**
 * The ports another program already holds. Checked before anything starts: the admin binds its port only after
 * minutes of compiling, and an operator should hear at once, not then, that a port is taken.
 */
export async function busyPorts(ports: readonly NamedPort[], host: string): Promise<NamedPort[]> {
  const busy: NamedPort[] = []
  for (const entry of ports) if (!(await isPortFree(entry.port, host))) busy.push(entry)
  return busy
}

/** What an operator reads when ports are taken: which, and what to do. */
export function busyPortsMessage(busy: readonly NamedPort[]): string {
  const list = busy.map(({ variable, port }) => `${port} (${variable})`).join(', ')
  return (
    `${busy.length === 1 ? 'El puerto' : 'Los puertos'} ${list} ya ${busy.length === 1 ? 'está' : 'están'} en uso por otro programa. ` +
    `Detenga ese programa (\`ss -ltnp\` muestra cuál es) o elija otro puerto con ${busy.map(({ variable }) => variable).join(', ')}.`
  )
}
