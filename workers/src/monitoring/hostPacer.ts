/**
 * Politeness towards each outlet's server: one request at a time per host (host and port), at least
 * `minIntervalMs` between the end of one and the start of the next, however many of its feeds are due.
 */
export function createHostPacer(minIntervalMs: number) {
  const tails = new Map<string, Promise<void>>()
  return {
    run<T>(url: string, task: () => Promise<T>): Promise<T> {
      const host = new URL(url).host.toLowerCase()
      const before = tails.get(host) ?? Promise.resolve()
      const result = before.then(task)
      const settled = result.then(
        () => undefined,
        () => undefined,
      )
      const tail = settled.then(() => new Promise<void>((resolve) => setTimeout(resolve, minIntervalMs)))
      tails.set(host, tail)
      // Forget a host once its queue is empty, so a long-running worker holds no map of every host it ever read.
      void tail.then(() => {
        if (tails.get(host) === tail) tails.delete(host)
      })
      return result
    },
  }
}
