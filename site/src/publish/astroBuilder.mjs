// An Astro builder: a child process with Node and Astro loaded that runs one Astro build() when asked over IPC
// and exits. Started ahead of time, it saves an incremental publication the wait for them to start (about a
// second of its time at 10,000 bulletins). One build per process: Astro keeps module state between builds in one
// process (a second build there rendered the first one's pages). Errors only: a line per page costs a full build
// over half a second. See astroBuild.ts.
import { build } from 'astro'

process.on('disconnect', () => process.exit(0))
process.once('message', async ({ id, env, outDir }) => {
  for (const [name, value] of Object.entries(env)) process.env[name] = value
  try {
    await build({ root: process.cwd(), outDir, logLevel: 'error' })
    process.send({ id, ok: true }, () => process.exit(0))
  } catch (error) {
    process.send({ id, ok: false, message: String(error?.stack ?? error) }, () => process.exit(1))
  }
})
process.send({ ready: true })
