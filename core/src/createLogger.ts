import pino, { type DestinationStream, type Logger } from 'pino'
import { build, isColorSupported, type PrettyOptions } from 'pino-pretty'

export type LogFormat = 'json' | 'pretty'

/**
 * How 'pretty' lines look, for a person reading them.
 *
 * Colours only where they can be seen. `isColor` defaults to pino-pretty's own `isColorSupported` (colorette):
 * true when standard output is a terminal (and TERM is set) or FORCE_COLOR is set, false with NO_COLOR and in a
 * pipe, a file or the systemd journal. Without colours a line is meant to be read by `journalctl`, `less` or
 * `grep`: one event per line (its fields as JSON after the message; only an error's stack takes more lines) and
 * the full local date and time, since a file has no other. On a terminal, the short time and the fields below
 * the message, as before. Services started by `npm start` write to a pipe (the launcher prefixes each line with
 * the service's name), so they show colours only when the launcher passes FORCE_COLOR.
 */
export function prettyOptions({ isColor = isColorSupported }: { isColor?: boolean } = {}): PrettyOptions {
  return {
    colorize: isColor,
    singleLine: !isColor,
    translateTime: isColor ? 'SYS:HH:MM:ss' : 'SYS:yyyy-mm-dd HH:MM:ss',
    ignore: 'pid,hostname,name',
  }
}

/**
 * A pretty stream in this thread, for loggers that are not ours to build (Payload's, in cms/buildPayloadConfig.ts):
 * a worker-thread transport cannot be resolved from inside the admin's Next bundle, a plain stream can.
 */
export function prettyDestination(options: { isColor?: boolean } = {}): DestinationStream {
  return build(prettyOptions(options))
}

/** Structured logs: JSON lines for machines (the default), or pretty lines for people (LOG_FORMAT=pretty). */
export function createLogger({ name, level, format, isColor }: { name: string; level: string; format: LogFormat; isColor?: boolean }): Logger {
  return pino({
    name,
    level,
    ...(format === 'pretty' ? { transport: { target: 'pino-pretty', options: prettyOptions({ isColor }) } } : {}),
  })
}
