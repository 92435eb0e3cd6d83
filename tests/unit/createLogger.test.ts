import { isColorSupported, prettyFactory } from 'pino-pretty'
import { describe, expect, it } from 'vitest'
import { prettyOptions } from '@pregon/core/createLogger'

// What LOG_FORMAT=pretty writes, for the same log entry, on a terminal and elsewhere (the journal, a file).
const entry = {
  level: 40,
  time: Date.UTC(2026, 11, 1, 15, 4, 5),
  pid: 4242,
  hostname: 'prensa',
  name: 'payload',
  msg: 'The following field is invalid: Texto alternativo',
  code: 'FIELD_INVALID',
  status: 400,
  path: '/api/media',
}
const ANSI = /\u001b\[/

describe('pretty log lines', () => {
  it('outside a terminal are one plain line per event, with the date and the fields', () => {
    const line = prettyFactory(prettyOptions({ isColor: false }))(entry)
    expect(line).not.toMatch(ANSI)
    expect(line.trimEnd().split('\n')).toHaveLength(1)
    expect(line).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\] WARN: The following field is invalid: Texto alternativo \{"code":"FIELD_INVALID","status":400,"path":"\/api\/media"\}/)
    expect(line).not.toMatch(/4242|prensa|"name"/)
  })

  it('keep an error stack on the lines after it, where a person reads it', () => {
    const error = { level: 50, time: entry.time, msg: 'falló', err: { type: 'Error', message: 'falló', stack: 'Error: falló\n    at run (worker.ts:1:1)' } }
    const text = prettyFactory(prettyOptions({ isColor: false }))(error)
    expect(text).toMatch(/^\[[^\]]+\] ERROR: falló/)
    expect(text).toContain('    at run (worker.ts:1:1)')
  })

  it('on a terminal are coloured, with the short time and the fields below', () => {
    const text = prettyFactory(prettyOptions({ isColor: true }))(entry)
    expect(text).toMatch(ANSI)
    expect(text.trimEnd().split('\n').length).toBeGreaterThan(1)
    expect(prettyOptions({ isColor: true }).translateTime).toBe('SYS:HH:MM:ss')
  })

  it('are coloured by default only where colours can be seen (pino-pretty decides: TTY, FORCE_COLOR, NO_COLOR)', () => {
    expect(prettyOptions().colorize).toBe(isColorSupported)
    expect(prettyOptions().singleLine).toBe(!isColorSupported)
  })
})
