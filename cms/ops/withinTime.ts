/** Thrown when a check did not answer in time: a dependency that hangs is as down as one that refuses. */
export class TimedOutError extends Error {
  readonly code = 'OPS_CHECK_TIMED_OUT'
  constructor(what: string, ms: number) {
    super(`${what} did not answer within ${ms} ms`)
    this.name = 'TimedOutError'
  }
}

/** `work`, or a TimedOutError after `ms`; the timer never keeps the process alive. */
export function withinTime<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new TimedOutError(what, ms)), ms)
    timer.unref()
  })
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer))
}
