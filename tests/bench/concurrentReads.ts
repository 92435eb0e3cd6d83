/** Latency of one kind of read under concurrent clients: each client repeats it, one request at a time. */
export interface Latency {
  p50: number
  p95: number
  requests: number
}

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!

/**
 * `clients` loops, each running `read(i)` `perClient` times back to back (after `warmup` untimed reads spread over
 * the same clients); returns p50/p95 in milliseconds. `read` throws on a wrong answer, which stops the bench.
 */
export async function concurrentReads(read: (i: number) => Promise<void>, { clients = 20, perClient = 15, warmup = 20 } = {}): Promise<Latency> {
  let next = 0
  const loop = async (count: number, times: number[] | null) => {
    for (let k = 0; k < count; k++) {
      const started = performance.now()
      await read(next++)
      times?.push(performance.now() - started)
    }
  }
  await Promise.all(Array.from({ length: clients }, () => loop(Math.ceil(warmup / clients), null)))
  const times: number[] = []
  await Promise.all(Array.from({ length: clients }, () => loop(perClient, times)))
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p95: percentile(times, 95), requests: times.length }
}
