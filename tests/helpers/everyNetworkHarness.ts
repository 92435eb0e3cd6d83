import { channelSpec, SOCIAL_CHANNELS } from '@pregon/core/channels'
import { createInstagramProvider } from '@pregon/workers/providers/meta/createInstagramProvider'
import { createThreadsProvider } from '@pregon/workers/providers/meta/createThreadsProvider'
import { createSocialProviders } from '@pregon/workers/providers/socialProviders'
import { startWorker, type RunningWorker } from '@pregon/workers/startWorker'
import type { TaskContext } from '@pregon/workers/tasks/TaskContext'
import { startFakeNetworks, type FakeNetworks, type FakeNetworksOptions } from './fakeNetworks'
import { startTaskHarness, type TaskHarness } from './startTaskHarness'

export interface EveryNetworkHarness {
  harness: TaskHarness
  fakes: FakeNetworks
  /** The task context with a live provider for each of the seven stand-ins (Meta's containers polled every 10 ms). */
  ctx: TaskContext
  /** A worker taking the seven networks' queues. */
  worker: RunningWorker
  close(): Promise<void>
}

/** Pregón's tasks pointed at the seven networks' stand-ins, with a worker on their queues: for end-to-end posting tests. */
export async function startEveryNetworkHarness({ siteUrl, networks }: { siteUrl: string; networks?: FakeNetworksOptions }): Promise<EveryNetworkHarness> {
  const fakes = await startFakeNetworks(networks)
  const harness = await startTaskHarness({ env: { SITE_URL: siteUrl, ...fakes.env } })
  const { config } = harness.t
  const ctx: TaskContext = {
    ...harness.ctx,
    networks: {
      ...createSocialProviders(config, { timeoutMs: 5_000 }),
      instagram: createInstagramProvider({ credentials: config.instagram.credentials, apiUrl: config.instagram.apiUrl, containerPollMs: 10 }),
      threads: createThreadsProvider({ credentials: config.threads.credentials, apiUrl: config.threads.apiUrl, containerPollMs: 10 }),
    },
  }
  const worker = await startWorker(ctx, { databaseUrl: harness.t.databaseUrl, queues: SOCIAL_CHANNELS.map((channel) => channelSpec(channel).queue!) })
  return {
    harness,
    fakes,
    ctx,
    worker,
    async close() {
      await worker.stop()
      await harness.close()
      await fakes.close()
    },
  }
}
