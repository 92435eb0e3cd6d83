// `npm run audit:deps`: checks every package in package-lock.json against the advisory sources that can be had
// (npm audit's endpoints answer 405 here). How to run it and where its data comes from: README.md, "Dependency audit".
import { parseArgs } from 'node:util'
import { auditDependencies, EXIT } from './audit/auditDependencies'
import { SEVERITIES, type Severity } from './audit/matchAdvisory'

const USAGE = `usage: npm run audit:deps -- [--level low|moderate|high|critical] [--db osv-npm.zip|folder|file.json]... [--lockfile package-lock.json] [--registry URL | --no-registry]`

async function main(): Promise<number> {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        level: { type: 'string', default: 'high' },
        db: { type: 'string', multiple: true, default: [] },
        lockfile: { type: 'string', default: 'package-lock.json' },
        registry: { type: 'string', default: 'https://registry.npmjs.org' },
        'no-registry': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }))
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`)
    return EXIT.usage
  }
  if (values.help) {
    console.log(USAGE)
    return EXIT.clean
  }
  if (!SEVERITIES.includes(values.level as Severity)) {
    console.error(`--level: "${values.level}" is not a severity (use one of ${SEVERITIES.join(', ')})`)
    return EXIT.usage
  }
  try {
    return await auditDependencies({
      lockfile: values.lockfile,
      databases: values.db,
      level: values.level as Severity,
      registry: values['no-registry'] ? undefined : values.registry,
      log: (line) => console.log(line),
    })
  } catch (error) {
    // A database or lockfile that cannot be read is the operator's to fix, never a pass.
    console.error(`audit:deps: ${(error as Error).message}`)
    return EXIT.usage
  }
}

process.exitCode = await main()
