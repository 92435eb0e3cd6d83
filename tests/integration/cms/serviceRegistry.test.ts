import { spawn } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { reapOrphans, recordService } from '@pregon/launcher/serviceRegistry'
import { waitFor } from '../../helpers/waitFor'

const dirs: string[] = []
afterEach(async () => {
  for (const dir of dirs.splice(0)) await fs.rm(dir, { recursive: true, force: true })
})

it('stops, at the next start, a service left running by a killed run, even one that ignores SIGTERM', async () => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-run-'))
  dirs.push(dataDir)
  // A stuck service: ignores SIGTERM, as a process blocked in a write would never act on it.
  const stuck = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { detached: true, stdio: 'ignore' })
  await recordService(dataDir, 'worker', stuck.pid!)
  const exited = new Promise((resolve) => stuck.once('exit', resolve))

  expect(await reapOrphans(dataDir)).toEqual(['worker'])
  await exited
  expect(await fs.readdir(path.join(dataDir, 'run'))).toEqual([])
})

it('leaves alone a process that merely reuses a recorded pid', async () => {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-run-'))
  dirs.push(dataDir)
  const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
  await waitFor(() => other.pid !== undefined)
  await fs.mkdir(path.join(dataDir, 'run'), { recursive: true })
  await fs.writeFile(path.join(dataDir, 'run', 'worker.pid'), `${other.pid} 1\n`)

  expect(await reapOrphans(dataDir)).toEqual([])
  expect(other.exitCode).toBeNull()
  other.kill('SIGKILL')
})
