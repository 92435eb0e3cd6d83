import pino, { type Logger } from 'pino'

/** Structured logs: JSON lines for machines, or pretty lines when `npm start` runs in a terminal. */
export function createLogger({ name, level, format }: { name: string; level: string; format: 'json' | 'pretty' }): Logger {
  return pino({
    name,
    level,
    ...(format === 'pretty'
      ? { transport: { target: 'pino-pretty', options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,name' } } }
      : {}),
  })
}
