/**
 * `BENCH_PROFILE=<dir>`: a CPU profile of one measured span of a bench (not its set-up, not its baseline), written
 * as `<dir>/<name>.cpuprofile` for Chrome DevTools or `speedscope`. Without the variable it only runs `work`.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { Session } from 'node:inspector/promises'

export async function profileSpan<T>(name: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE
  if (!dir) return work()
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 500 })
  await session.post('Profiler.start')
  try {
    return await work()
  } finally {
    const { profile } = await session.post('Profiler.stop')
    session.disconnect()
    await fs.mkdir(dir, { recursive: true })
    const file = path.join(dir, `${name.replace(/[^\w.-]+/g, '-')}.cpuprofile`)
    await fs.writeFile(file, JSON.stringify(profile))
    console.log(`CPU profile of «${name}»: ${file}`)
  }
}
