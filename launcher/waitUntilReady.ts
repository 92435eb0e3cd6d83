/**
 * After the services start, the launcher waits for `GET /api/ready` to answer 200 before it says «Pregón está
 * listo»: on a first start the worker is still building the portal and its scheduler has not swept yet, and a
 * person who opens the portal's address then would find nothing. Bounded: a problem that does not go away by
 * itself (a worker that cannot start, a portal that does not build) is reported, in Spanish, instead.
 */
export interface ReadyWait {
  isReady: boolean
  /** The readiness problems of the last answer (its Spanish messages), when not ready. */
  problems: string[]
}

export interface WaitUntilReadyOptions {
  url: string
  timeoutMs: number
  intervalMs?: number
  /** Called every `progressEveryMs` while waiting, with what readiness still reports. */
  onProgress?: (problems: string[]) => void
  progressEveryMs?: number
  signal?: AbortSignal
}

export async function waitUntilReady({ url, timeoutMs, intervalMs = 500, onProgress, progressEveryMs = 15_000, signal }: WaitUntilReadyOptions): Promise<ReadyWait> {
  const deadline = Date.now() + timeoutMs
  let nextProgress = Date.now() + progressEveryMs
  let problems: string[] = []
  for (;;) {
    const answer = await askReadiness(url)
    if (answer.isReady) return answer
    problems = answer.problems
    if (Date.now() >= deadline || signal?.aborted) return { isReady: false, problems }
    if (onProgress && Date.now() >= nextProgress) {
      onProgress(problems)
      nextProgress = Date.now() + progressEveryMs
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}

async function askReadiness(url: string): Promise<ReadyWait> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) })
    if (response.status === 200) {
      await response.body?.cancel()
      return { isReady: true, problems: [] }
    }
    const body = (await response.json().catch(() => null)) as { problems?: Array<{ message?: unknown }> } | null
    const problems = (body?.problems ?? []).map((problem) => String(problem.message))
    return { isReady: false, problems: problems.length > 0 ? problems : [`La administración responde HTTP ${response.status} en ${url}.`] }
  } catch (error) {
    return { isReady: false, problems: [`La administración no responde en ${url} (${(error as Error).message}).`] }
  }
}
