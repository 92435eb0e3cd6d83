import type { LauncherStatus, ServiceName, ServiceState } from '@pregon/core/ops/serviceStatus'
import type { Service } from './spawnService'

export interface SupervisedService {
  name: ServiceName
  /** Spawns the service and resolves once it is ready (rejects if it exits or times out first). */
  start(): Promise<Service>
  /** Services it needs: after a crash it is restarted only once these run again, and waiting is not a failure. */
  needs?: ServiceName[]
}

export interface SupervisorOptions {
  /** Called with every change, to persist it (DATA_DIR/run/services.json). */
  onChange?: (status: LauncherStatus) => void
  say: (message: string) => void
  /** First wait before a restart, doubled after each exit up to `maxBackoffMs`. */
  initialBackoffMs?: number
  maxBackoffMs?: number
  /** This many unexpected exits within `crashLoopWindowMs` stop the retries: the service is `failed`. */
  crashLoopExits?: number
  crashLoopWindowMs?: number
  /** A run at least this long resets the backoff to its first step. */
  stableAfterMs?: number
  now?: () => number
}

interface Entry {
  spec: SupervisedService
  service: Service | null
  state: ServiceState
  exits: number[]
  backoffMs: number
  startedAt: number
  timer: NodeJS.Timeout | null
}

/**
 * Watches the services `npm start` runs for their whole life. An unexpected exit is reported with the
 * service's last lines and restarted after a backoff (1 s doubling to 30 s); a crash loop (5 exits in 2
 * minutes) stops the retries for that service only, and shows on the status file. `stopAll` stops them in
 * reverse start order.
 */
export class Supervisor {
  private readonly entries: Entry[] = []
  private stopping = false
  private readonly startedAt = new Date().toISOString()
  private readonly options: Required<Omit<SupervisorOptions, 'onChange'>> & Pick<SupervisorOptions, 'onChange'>

  constructor(options: SupervisorOptions) {
    this.options = {
      initialBackoffMs: 1_000,
      maxBackoffMs: 30_000,
      crashLoopExits: 5,
      crashLoopWindowMs: 120_000,
      stableAfterMs: 120_000,
      now: Date.now,
      ...options,
    }
  }

  /** Starts a service for the first time; a failure here is the caller's (start-up fails as before). */
  async add(spec: SupervisedService): Promise<Service> {
    const entry: Entry = {
      spec,
      service: null,
      state: { name: spec.name, state: 'starting', pid: null, restarts: 0, lastExitAt: null, lastExit: null, lastOutput: [], since: this.isoNow() },
      exits: [],
      backoffMs: this.options.initialBackoffMs,
      startedAt: this.options.now(),
      timer: null,
    }
    this.entries.push(entry)
    this.changed()
    const service = await spec.start()
    this.running(entry, service)
    return service
  }

  status(): LauncherStatus {
    return { launcherPid: process.pid, startedAt: this.startedAt, updatedAt: this.isoNow(), services: this.entries.map((entry) => ({ ...entry.state })) }
  }

  /** Stops every service, last started first. */
  async stopAll(): Promise<void> {
    this.stopping = true
    for (const entry of [...this.entries].reverse()) {
      if (entry.timer) clearTimeout(entry.timer)
      await entry.service?.stop()
      entry.state = { ...entry.state, state: 'stopped', pid: null, since: this.isoNow() }
    }
    this.changed()
  }

  private running(entry: Entry, service: Service): void {
    entry.service = service
    entry.startedAt = this.options.now()
    entry.state = { ...entry.state, state: 'running', pid: service.child.pid ?? null, since: this.isoNow() }
    this.changed()
    service.child.once('exit', (code, signal) => {
      if (this.stopping || entry.service !== service) return
      this.exited(entry, signal ? `señal ${signal}` : `código ${code}`, service.tail())
    })
    // Services waiting for this one can go now.
    for (const other of this.entries) if (other.state.state === 'restarting' && other.spec.needs?.includes(entry.spec.name) && !other.timer) this.scheduleRestart(other)
  }

  private exited(entry: Entry, how: string, lastOutput: string[]): void {
    const now = this.options.now()
    entry.service = null
    if (now - entry.startedAt >= this.options.stableAfterMs) entry.backoffMs = this.options.initialBackoffMs
    entry.exits = [...entry.exits.filter((at) => now - at < this.options.crashLoopWindowMs), now]
    const inLoop = entry.exits.length >= this.options.crashLoopExits
    entry.state = {
      ...entry.state,
      state: inLoop ? 'failed' : 'restarting',
      pid: null,
      restarts: entry.state.restarts + 1,
      lastExitAt: new Date(now).toISOString(),
      lastExit: how,
      lastOutput: lastOutput.slice(-20),
      since: new Date(now).toISOString(),
    }
    this.changed()
    const tail = lastOutput.length > 0 ? `\n  Últimas líneas:\n${lastOutput.slice(-10).map((line) => `    ${line}`).join('\n')}` : ''
    if (inLoop) {
      const minutes = Math.round(this.options.crashLoopWindowMs / 60_000)
      this.options.say(
        `${entry.spec.name} terminó inesperadamente (${how}) ${entry.exits.length} veces en ${minutes} minutos: no se reinicia más. ` +
          `Los demás servicios siguen. Revise el error y reinicie Pregón.${tail}`,
      )
      return
    }
    this.options.say(`${entry.spec.name} terminó inesperadamente (${how}); se reinicia en ${entry.backoffMs / 1000} s.${tail}`)
    this.scheduleRestart(entry)
  }

  private scheduleRestart(entry: Entry): void {
    const waitsFor = entry.spec.needs?.filter((name) => this.entries.find((other) => other.spec.name === name)?.state.state !== 'running') ?? []
    if (waitsFor.length > 0) {
      // Restarted by `running` when what it needs is back; the wait counts as neither exit nor backoff.
      this.options.say(`${entry.spec.name} espera a ${waitsFor.join(', ')} para reiniciarse.`)
      return
    }
    const delay = entry.backoffMs
    entry.backoffMs = Math.min(entry.backoffMs * 2, this.options.maxBackoffMs)
    entry.timer = setTimeout(() => {
      entry.timer = null
      void this.restart(entry)
    }, delay)
  }

  private async restart(entry: Entry): Promise<void> {
    if (this.stopping) return
    entry.state = { ...entry.state, state: 'starting', since: this.isoNow() }
    this.changed()
    try {
      const service = await entry.spec.start()
      if (this.stopping) return void (await service.stop())
      this.running(entry, service)
      this.options.say(`${entry.spec.name} se reinició (reinicio ${entry.state.restarts}).`)
    } catch (error) {
      const lines = String((error as Error).message).split('\n')
      this.exited(entry, lines[0] ?? 'no arrancó', lines.slice(1))
    }
  }

  private changed(): void {
    this.options.onChange?.(this.status())
  }

  private isoNow(): string {
    return new Date(this.options.now()).toISOString()
  }
}
