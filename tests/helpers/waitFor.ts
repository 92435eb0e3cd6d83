import { inspect } from 'node:util'

export interface WaitForOptions {
  timeoutMs?: number
  intervalMs?: number
  /** Says what was awaited, for the failure message. */
  message?: string
}

/**
 * Polls `probe` until it returns a truthy value and resolves with it; tests wait on conditions, never on
 * sleeps. On timeout it throws with the message, the last value and the last error the probe threw.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  { timeoutMs = 10_000, intervalMs = 100, message = 'condition' }: WaitForOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastValue: unknown
  let lastError: unknown
  for (;;) {
    try {
      const value = await probe()
      if (value) return value
      lastValue = value
      lastError = undefined
    } catch (error) {
      lastError = error
    }
    if (Date.now() >= deadline) break
    await new Promise((resolve) => setTimeout(resolve, Math.min(intervalMs, Math.max(0, deadline - Date.now()))))
  }
  const detail = lastError === undefined ? `last value: ${inspect(lastValue, { depth: 3 })}` : `last error: ${inspect(lastError)}`
  throw new Error(`waitFor timed out after ${timeoutMs} ms waiting for ${message} (${detail})`, { cause: lastError })
}
