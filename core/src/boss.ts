import { PgBoss } from 'pg-boss'
import { QUEUE_OPTIONS, type QueueName } from './queues'

/** Creates or upgrades pg-boss's schema and every queue (idempotent), as the database's owner. Run once before anything enqueues. */
export async function prepareQueues(connectionString: string): Promise<void> {
  const boss = new PgBoss({ connectionString, supervise: false, schedule: false, max: 2 })
  boss.on('error', () => {})
  await boss.start()
  try {
    for (const [name, options] of Object.entries(QUEUE_OPTIONS) as [QueueName, (typeof QUEUE_OPTIONS)[QueueName]][]) {
      const existing = await boss.getQueue(name)
      if (existing) {
        // Policy and heartbeat are fixed at creation; the rest follows the declaration.
        const { policy: _policy, heartbeatSeconds: _heartbeat, retryDelayMax: _max, ...mutable } = options
        await boss.updateQueue(name, mutable)
      } else {
        await boss.createQueue(name, options)
      }
    }
    // A pg-boss upgrade may leave index builds for later ("bam"). They run here, as the owner: the worker
    // connects as the application's role, which may not build indexes, and does not run them.
    while ((await boss.getBamStatus()).some(({ status }) => status === 'pending' || status === 'in_progress')) {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  } finally {
    await boss.stop({ graceful: false })
  }
}

const producers = new Map<string, Promise<PgBoss>>()

/**
 * A send-only pg-boss per process (no maintenance, no workers): the CMS only enqueues, inside its own
 * transactions, and the worker process does the rest.
 */
export function getProducer(connectionString: string): Promise<PgBoss> {
  let producer = producers.get(connectionString)
  if (!producer) {
    producer = (async () => {
      const boss = new PgBoss({ connectionString, supervise: false, schedule: false, migrate: false, createSchema: false, max: 2 })
      boss.on('error', (error) => console.error('[pg-boss producer]', error))
      await boss.start()
      return boss
    })()
    producer.catch(() => producers.delete(connectionString))
    producers.set(connectionString, producer)
  }
  return producer
}

export async function stopProducers(): Promise<void> {
  const all = [...producers.values()]
  producers.clear()
  await Promise.allSettled(all.map(async (p) => (await p).stop({ graceful: false })))
}
