import { spawn } from 'node:child_process'
import fs from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../..', import.meta.url))

/** Processes whose process group is `group` (field 5 of /proc/<pid>/stat). */
async function processesInGroup(group: number): Promise<number[]> {
  const found: number[] = []
  for (const entry of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const stat = await fs.readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '')
    // The command name (field 2) is in parentheses and may hold spaces: count the fields after its closing one.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(fields[2]) === group) found.push(Number(entry))
  }
  return found
}

it('`npm run bench:site` prints its figures and exits by itself, leaving no process behind', async () => {
  // Its own process group, so whatever it started (Astro builders, the page renderer) is found after it ends.
  const bench = spawn('npm', ['run', 'bench:site'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BENCH_SITE_SIZES: '120', BENCH_SITE_PROGRAMS: '8', BENCH_SITE_ROUNDS: '1', BENCH_SITE_PUBLISHES: '2' },
  })
  let output = ''
  bench.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  bench.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const killer = setTimeout(() => process.kill(-bench.pid!, 'SIGKILL'), 400_000)
  const code = await new Promise<number | null>((resolve) => bench.on('close', resolve))
  clearTimeout(killer)
  expect(code, output).toBe(0)
  expect(output).toMatch(/publish-to-live at 120 bulletins over 2 publications: p50 \d+ ms, p95 \d+ ms/)
  expect(output).toMatch(/ratio Pregón \/ baseline/)
  // Helpers that end when their pipe to the bench closes (esbuild's service, Pagefind's) take a moment after it.
  let left = await processesInGroup(bench.pid!)
  for (let waited = 0; left.length > 0 && waited < 10_000; waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250))
    left = await processesInGroup(bench.pid!)
  }
  const commands = await Promise.all(left.map(async (pid) => (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replaceAll('\0', ' ')))
  expect(commands).toEqual([])
}, 420_000)
