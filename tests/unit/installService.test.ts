import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '@pregon/core/loadConfig'
import { parseEnvFile, renderEnvFile, renderUnit, type UnitOptions } from '../../launcher/installService'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8')
const SECRET = 'f'.repeat(64)
const options: UnitOptions = { rootDir: '/srv/pregon', user: 'pregon', group: 'pregon', envFile: '/etc/pregon/pregon.env', dataDir: '/srv/pregon/.data' }

/** `Key=value` lines of one section of a unit, in order (a key may repeat). */
function directives(unit: string): Array<[string, string]> {
  return unit
    .split('\n')
    .filter((line) => /^[A-Za-z]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
}
const valueOf = (unit: string, key: string) => directives(unit).filter(([name]) => name === key).map(([, value]) => value)

describe('the systemd unit', () => {
  const unit = renderUnit(options)

  it('runs the launcher with the pinned Node directly, from absolute paths, so SIGTERM reaches it', () => {
    expect(valueOf(unit, 'ExecStart')).toEqual(['/srv/pregon/node_modules/node/bin/node --import tsx /srv/pregon/launcher/start.ts'])
    expect(valueOf(unit, 'WorkingDirectory')).toEqual(['/srv/pregon'])
    expect(unit).not.toMatch(/ExecStart=.*\bnpm\b/)
    for (const [key, value] of directives(unit).filter(([name]) => ['ExecStart', 'WorkingDirectory', 'EnvironmentFile', 'ReadWritePaths'].includes(name))) {
      for (const word of value.split(' ').filter((part) => part.includes('/'))) expect(path.isAbsolute(word.replace(/^-/, '')), `${key}: ${word}`).toBe(true)
    }
  })

  it('takes its settings from the environment file and holds no secret itself', () => {
    expect(valueOf(unit, 'EnvironmentFile')).toEqual(['/etc/pregon/pregon.env'])
    expect(valueOf(unit, 'Environment').join('\n')).not.toMatch(/SECRET|DATABASE_URL|SMTP_URL|TOKEN|PASSWORD|KEY/i)
    expect(unit).not.toMatch(/PAYLOAD_SECRET|postgres:\/\/|smtps?:\/\//)
    expect(unit).not.toContain(SECRET)
  })

  it('runs as the given user, restarts, and lets the launcher stop its services in order', () => {
    expect(valueOf(unit, 'User')).toEqual(['pregon'])
    expect(valueOf(unit, 'Group')).toEqual(['pregon'])
    expect(valueOf(unit, 'Restart')).toEqual(['always'])
    expect(valueOf(unit, 'RestartSec')).toEqual(['5'])
    expect(valueOf(unit, 'KillMode')).toEqual(['mixed'])
    expect(Number(valueOf(unit, 'TimeoutStopSec')[0])).toBeGreaterThanOrEqual(45) // 15 s per service, three of them
  })

  it('is hardened without closing the data folder to the embedded PostgreSQL', () => {
    expect(valueOf(unit, 'NoNewPrivileges')).toEqual(['yes'])
    expect(valueOf(unit, 'ProtectSystem')).toEqual(['full'])
    expect(valueOf(unit, 'PrivateTmp')).toEqual(['yes'])
    expect(valueOf(unit, 'ProtectHome')).toEqual(['yes'])
    expect(valueOf(unit, 'ReadWritePaths')).toEqual(['/srv/pregon -/srv/pregon/.data'])
    expect(unit).not.toMatch(/MemoryDenyWriteExecute|PrivateUsers|ProtectProc=invisible/) // V8's JIT; postgres' own user
  })

  it('leaves home folders visible when the checkout or the data lives in one', () => {
    const inHome = renderUnit({ ...options, rootDir: '/home/ti/pregon', dataDir: '/home/ti/pregon/.data' })
    expect(valueOf(inHome, 'ProtectHome')).toEqual([])
    expect(valueOf(renderUnit({ ...options, backupDir: '/root/respaldos' }), 'ProtectHome')).toEqual([])
  })

  it('asks for pretty log lines in the journal, which the environment file may override', () => {
    expect(valueOf(unit, 'Environment')).toContain('LOG_FORMAT=pretty')
    expect(valueOf(unit, 'Environment')).toContain('PATH=/srv/pregon/node_modules/.bin:/usr/local/bin:/usr/bin:/bin')
  })

  it('refuses relative paths', () => {
    expect(() => renderUnit({ ...options, dataDir: '.data' })).toThrow(/dataDir must be an absolute path/)
  })
})

describe('the environment file template', () => {
  const KEY = 'ab'.repeat(32)
  const text = renderEnvFile({ example, dataDir: '/srv/pregon/.data', secret: SECRET, credentialsKey: KEY })
  const values = parseEnvFile(text)

  it('is for production, with the new secret and credentials key, an absolute data folder, one proxy and pretty logs', () => {
    expect(values).toMatchObject({ PREGON_MODE: 'production', PAYLOAD_SECRET: SECRET, CREDENTIALS_KEY: KEY, DATA_DIR: '/srv/pregon/.data', TRUST_PROXY: '1', LOG_FORMAT: 'pretty' })
    expect(text.match(/^PAYLOAD_SECRET=/gm)).toHaveLength(1)
    expect(text.match(/^CREDENTIALS_KEY=/gm)).toHaveLength(1)
    expect(loadConfig(values).credentialsKey).toBe(KEY)
  })

  it('keeps every variable .env.example documents, and its comments', () => {
    const documented = [...example.matchAll(/^#?\s*([A-Z_][A-Z0-9_]*)=/gm)].map((match) => match[1])
    for (const name of documented) expect(text).toMatch(new RegExp(`^#?\\s*${name}=`, 'm'))
    expect(text).toContain('# An external PostgreSQL')
    expect(text).not.toContain('Pregón does not read .env files')
  })

  it('quotes values with spaces so that systemd and a shell read them alike', () => {
    expect(text).toMatch(/^MAIL_FROM="Comunicación Social <comunicacion@pregon\.test>"$/m)
    expect(values.MAIL_FROM).toBe('Comunicación Social <comunicacion@pregon.test>')
  })
})
