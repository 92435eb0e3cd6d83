/**
 * Runs tasks one at a time in call order; a failed task does not stop the ones queued after it.
 * In-process only: across processes the job queue guarantees a single portal build at a time.
 */
export function serialQueue() {
  let tail: Promise<unknown> = Promise.resolve()
  return function run<T>(task: () => Promise<T>): Promise<T> {
    const result = tail.then(task)
    tail = result.catch(() => undefined)
    return result
  }
}
