import { ConfigError, type Config, loadConfig } from '@pregon/core/loadConfig'

/**
 * The configuration, or the list of invalid variables (`NAME: what is wrong (how to fix)`) after `refusal`
 * and exit 78 (EX_CONFIG): the systemd unit does not restart on it (RestartPreventExitStatus), since a restart
 * would not help.
 */
export function configOrExit(refusal: string, write: (text: string) => void = (text) => console.error(text)): Readonly<Config> {
  try {
    return loadConfig()
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error
    write(`${refusal}: hay variables de entorno inválidas.\n${error.problems.map((p) => `  - ${p}`).join('\n')}`)
    process.exit(78)
  }
}
