/**
 * A service's way out: on SIGINT, SIGTERM or the launcher's IPC channel closing (the launcher is gone, even
 * after a kill -9), `close` runs once and the process exits; after `graceMs` it exits anyway.
 */
export function stopWhenTold(close: () => Promise<void>, { graceMs = 5_000 }: { graceMs?: number } = {}): void {
  let stopping = false
  const stop = async () => {
    if (stopping) return
    stopping = true
    setTimeout(() => process.exit(0), graceMs).unref()
    await close().catch(() => {})
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  process.on('disconnect', stop)
}
