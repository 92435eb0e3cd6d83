/** The services listen on BIND_HOST; this machine reaches a wildcard bind on the loopback address. */
export function localBase(bindHost: string, port: number): string {
  const host = ['0.0.0.0', '::', ''].includes(bindHost) ? '127.0.0.1' : bindHost
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`
}
