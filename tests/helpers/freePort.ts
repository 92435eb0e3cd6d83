import { readFileSync } from 'node:fs'
import net from 'node:net'
import { isPortFree } from '../../launcher/busyPorts'

/**
 * Ports the kernel hands to outgoing connections (and to `listen(0)`). A port chosen there can be taken by
 * any client socket between the moment we pick it and the moment a server binds it: Pregón's admin compiles
 * for minutes before it listens, and one CI run lost its port that way (EADDRINUSE). So tests pick below it.
 */
function ephemeralRange(): [number, number] {
  try {
    const [low = NaN, high = NaN] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number)
    if (Number.isInteger(low) && Number.isInteger(high) && low > 0 && high >= low) return [low, high]
  } catch {
    // Not Linux: fall back to IANA's dynamic range.
  }
  return [49152, 65535]
}

const handedOut = new Set<number>()


/** Where to pick: below the ephemeral range when there is room, else above it, else anywhere the OS likes. */
function pickingRange(): [number, number] | undefined {
  const [ephemeralLow, ephemeralHigh] = ephemeralRange()
  if (ephemeralLow - 20_000 >= 2_000) return [20_000, ephemeralLow - 1]
  if (65_535 - ephemeralHigh >= 2_000) return [ephemeralHigh + 1, 65_535]
  return undefined
}

async function osChosenPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/**
 * A TCP port free on 127.0.0.1 right now, for servers that cannot listen on port 0. It lies outside the
 * kernel's ephemeral range, so no outgoing connection can take it before the server binds; it is picked at
 * random so that test files running side by side rarely try the same one, and never twice in one process.
 */
export async function freePort(): Promise<number> {
  const range = pickingRange()
  if (!range) return osChosenPort()
  const [low, high] = range
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low + 1))
    if (handedOut.has(port)) continue
    handedOut.add(port)
    if (await isPortFree(port, '127.0.0.1')) return port
    handedOut.delete(port)
  }
  throw new Error(`no free TCP port found between ${low} and ${high} after 200 attempts`)
}
