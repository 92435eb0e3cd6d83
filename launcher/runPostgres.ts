/**
 * Runs the embedded PostgreSQL as a child of `npm start` (or on its own: `tsx launcher/runPostgres.ts`).
 * Reports the connection URL to the parent over IPC, and stops the server when told to or when the
 * parent disappears (even after a kill -9 of the parent, the IPC channel closes).
 */
import { loadConfig } from '@pregon/core/loadConfig'
import { startEmbeddedPostgres } from './embeddedPostgres'
import { stopWhenTold } from './stopWhenTold'

const config = loadConfig()
const verbose = config.logLevel === 'debug' || config.logLevel === 'trace'
const handle = await startEmbeddedPostgres({
  dataDir: config.database.embeddedDir,
  port: config.database.embeddedPort,
  log: (message) => {
    if (verbose) process.stderr.write(`[postgres] ${message}\n`)
  },
  notice: (message) => console.log(message),
})
const url = handle.urlFor('pregon')
// Payload creates a missing database itself, but pg-boss and the seed connect first.
await handle.createDatabase('pregon').catch((error: { code?: string }) => {
  if (error.code !== '42P04') throw error // 42P04: database already exists
})

// A long grace: PostgreSQL's own fast shutdown decides (the launcher itself kills it after 15 s).
stopWhenTold(() => handle.stop(), { graceMs: 60_000 })
// The server died under us (a crash, a kill -9): exit too, so the launcher sees it and starts it again.
void handle.exited.then(({ code, signal }) => {
  console.error(`PostgreSQL terminó inesperadamente (${signal ? `señal ${signal}` : `código ${code}`}).`)
  process.exit(1)
})

if (process.send) process.send({ type: 'ready', url })
else console.log(`PostgreSQL ready: ${url}`)
