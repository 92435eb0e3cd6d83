import { EventEmitter } from 'node:events'
import type { ChildProcess } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import type { LauncherStatus } from '@pregon/core/ops/serviceStatus'
import type { Service } from '@pregon/launcher/spawnService'
import { Supervisor } from '@pregon/launcher/supervisor'

/** A service whose process can be made to exit, as a kill -9 would. */
function fakeService(name: string, pid: number): Service & { crash(): void; stopped: boolean } {
  const child = Object.assign(new EventEmitter(), { pid }) as unknown as ChildProcess
  const service = {
    name,
    child,
    ready: {},
    stopped: false,
    tail: () => [`${name} line 1`, `${name} line 2`],
    stop: async () => {
      service.stopped = true
    },
    crash: () => child.emit('exit', null, 'SIGKILL'),
  }
  return service
}

const until = async (check: () => boolean, timeoutMs = 2_000) => {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

function harness(overrides: Partial<ConstructorParameters<typeof Supervisor>[0]> = {}) {
  const said: string[] = []
  let status: LauncherStatus | null = null
  const supervisor = new Supervisor({
    say: (message) => said.push(message),
    onChange: (next) => (status = next),
    initialBackoffMs: 10,
    maxBackoffMs: 40,
    crashLoopExits: 4,
    crashLoopWindowMs: 60_000,
    ...overrides,
  })
  return { supervisor, said, status: () => status! }
}

describe('the launcher supervisor', () => {
  it('restarts a service that exits unexpectedly, telling its last lines, and counts the restart', async () => {
    const { supervisor, said, status } = harness()
    const started: ReturnType<typeof fakeService>[] = []
    await supervisor.add({ name: 'worker', start: async () => started[started.push(fakeService('worker', 100 + started.length)) - 1]! })
    started[0]!.crash()
    await until(() => started.length === 2 && status().services[0]!.state === 'running')
    expect(status().services[0]).toMatchObject({ name: 'worker', state: 'running', pid: 101, restarts: 1, lastExit: 'señal SIGKILL' })
    expect(status().services[0]!.lastOutput).toEqual(['worker line 1', 'worker line 2'])
    expect(said.join('\n')).toContain('worker terminó inesperadamente (señal SIGKILL)')
    expect(said.join('\n')).toContain('worker line 2')
  })

  it('waits longer after each exit, up to the ceiling', async () => {
    const { supervisor, said } = harness({ crashLoopExits: 10 })
    const started: ReturnType<typeof fakeService>[] = []
    await supervisor.add({ name: 'admin', start: async () => started[started.push(fakeService('admin', started.length)) - 1]! })
    for (let crash = 0; crash < 4; crash++) {
      const count = started.length
      started.at(-1)!.crash()
      await until(() => started.length === count + 1)
    }
    const waits = said.filter((line) => line.includes('se reinicia en')).map((line) => Number(/en ([\d.]+) s/.exec(line)![1]) * 1000)
    expect(waits).toEqual([10, 20, 40, 40])
  })

  it('gives up on a crash loop, keeps the other services up, and says so on the status', async () => {
    const { supervisor, said, status } = harness()
    const workers: ReturnType<typeof fakeService>[] = []
    const portal = fakeService('portal', 7)
    await supervisor.add({ name: 'portal', start: async () => portal })
    await supervisor.add({ name: 'worker', start: async () => workers[workers.push(fakeService('worker', workers.length)) - 1]! })
    for (let crash = 0; crash < 4; crash++) {
      const count = workers.length
      workers.at(-1)!.crash()
      if (crash < 3) await until(() => workers.length === count + 1)
    }
    await until(() => status().services[1]!.state === 'failed')
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(workers).toHaveLength(4)
    expect(status().services.map((s) => [s.name, s.state])).toEqual([['portal', 'running'], ['worker', 'failed']])
    expect(said.at(-1)).toContain('no se reinicia más')
    expect(portal.stopped).toBe(false)
  })

  it('restarts a service that needs the database only once the database runs again', async () => {
    const { supervisor, status } = harness()
    const databases: ReturnType<typeof fakeService>[] = []
    const workers: ReturnType<typeof fakeService>[] = []
    let releaseDatabase: () => void = () => {}
    // The database is slow to come back: the worker must not burn its retries meanwhile.
    const slowStart = new Promise<void>((resolve) => (releaseDatabase = resolve))
    await supervisor.add({
      name: 'postgres',
      start: async () => {
        if (databases.length > 0) await slowStart
        return databases[databases.push(fakeService('postgres', databases.length)) - 1]!
      },
    })
    await supervisor.add({ name: 'worker', needs: ['postgres'], start: async () => workers[workers.push(fakeService('worker', workers.length)) - 1]! })
    const original = databases.length
    databases[0]!.crash()
    workers[0]!.crash()
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(workers).toHaveLength(1)
    expect(status().services.find((s) => s.name === 'worker')!.state).toBe('restarting')
    releaseDatabase()
    await until(() => databases.length === original + 1 && workers.length === 2)
    await until(() => status().services.every((s) => s.state === 'running'))
  })

  it('stops services in reverse start order and stops restarting them', async () => {
    const { supervisor, status } = harness()
    const order: string[] = []
    for (const name of ['postgres', 'portal', 'admin'] as const) {
      const service = fakeService(name, 1)
      service.stop = async () => void order.push(name)
      await supervisor.add({ name, start: async () => service })
    }
    await supervisor.stopAll()
    expect(order).toEqual(['admin', 'portal', 'postgres'])
    expect(status().services.every((s) => s.state === 'stopped')).toBe(true)
  })
})
