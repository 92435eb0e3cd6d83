import { execFile } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditDependencies, EXIT } from '../../tools/audit/auditDependencies'
import { matchAdvisory, rangeVerdict, reaches, type OsvRecord, type Severity } from '../../tools/audit/matchAdvisory'
import { readLockfile } from '../../tools/audit/readLockfile'

const root = fileURLToPath(new URL('../..', import.meta.url))
let dir: string

// A lockfile with one package installed three times (nested, hoisted, in a workspace) and a workspace link.
const LOCKFILE = {
  name: 'demo',
  lockfileVersion: 3,
  packages: {
    '': { name: 'demo', workspaces: ['web'], dependencies: { 'app-lib': '1.0.0', lastly: '3.2.0', 'mod-lib': '1.0.0', 'vuln-lib': '2.4.1' } },
    web: { name: '@demo/web', version: '0.0.0', dependencies: { 'vuln-lib': '^1.0.0', lastly: '3.2.1' } },
    'node_modules/@demo/web': { resolved: 'web', link: true },
    'node_modules/app-lib': { version: '1.0.0', dependencies: { 'vuln-lib': '~2.3.0' } },
    'node_modules/app-lib/node_modules/vuln-lib': { version: '2.3.0' },
    'node_modules/vuln-lib': { version: '2.4.1' },
    'web/node_modules/vuln-lib': { version: '1.9.9' },
    'node_modules/lastly': { version: '3.2.0' },
    'web/node_modules/lastly': { version: '3.2.1' },
    'node_modules/mod-lib': { version: '1.0.0' },
  },
}

const record = (id: string, name: string, events: object[], severity?: string): OsvRecord =>
  ({ id, summary: `${id} summary`, ...(severity ? { database_specific: { severity } } : {}), affected: [{ package: { ecosystem: 'npm', name }, ranges: [{ type: 'SEMVER', events }] }] }) as OsvRecord

const VULN = record('GHSA-vvvv-vvvv-vvvv', 'vuln-lib', [{ introduced: '2.0.0' }, { fixed: '2.4.1' }], 'HIGH')
const LASTLY = record('GHSA-llll-llll-llll', 'lastly', [{ introduced: '0' }, { last_affected: '3.2.0' }], 'CRITICAL')
const MODERATE = record('GHSA-mmmm-mmmm-mmmm', 'mod-lib', [{ introduced: '0' }, { fixed: '1.0.1' }], 'MODERATE')

function write(name: string, content: unknown): string {
  const file = path.join(dir, name)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content))
  return file
}

/** A plain zip (first entry stored, the rest deflated), laid out by the APPNOTE format the reader parses. */
function zipOf(files: Record<string, string>): Buffer {
  const parts: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  Object.entries(files).forEach(([name, text], index) => {
    const raw = Buffer.from(text)
    const method = index === 0 ? 0 : 8
    const data = method === 8 ? zlib.deflateRawSync(raw) : raw
    const fields = (header: Buffer, at: number) => {
      header.writeUInt16LE(20, at)
      header.writeUInt16LE(method, at + 4)
      header.writeUInt32LE(zlib.crc32(raw), at + 10)
      header.writeUInt32LE(data.length, at + 14)
      header.writeUInt32LE(raw.length, at + 18)
      header.writeUInt16LE(Buffer.byteLength(name), at + 22)
    }
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    fields(local, 4)
    const entry = Buffer.alloc(46)
    entry.writeUInt32LE(0x02014b50, 0)
    entry.writeUInt16LE(20, 4)
    fields(entry, 6)
    entry.writeUInt32LE(offset, 42)
    parts.push(local, Buffer.from(name), data)
    central.push(entry, Buffer.from(name))
    offset += 30 + Buffer.byteLength(name) + data.length
  })
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(files).length, 8)
  end.writeUInt16LE(Object.keys(files).length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...parts, directory, end])
}

async function audit(options: { databases: string[]; level?: Severity; registry?: string }) {
  const lines: string[] = []
  const exitCode = await auditDependencies({ lockfile: path.join(dir, 'package-lock.json'), level: 'high', registry: undefined, ...options, log: (line) => lines.push(line) })
  return { exitCode, output: lines.join('\n') }
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pregon-audit-'))
  write('package-lock.json', LOCKFILE)
  write('db/vuln.json', VULN)
  write('db/nested/lastly.json', LASTLY)
  write('moderate.json', [MODERATE])
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('matching an installed version against OSV ranges', () => {
  it('treats introduced as inclusive and fixed as exclusive', () => {
    const events = [{ introduced: '2.0.0' }, { fixed: '2.4.1' }]
    expect(['1.9.9', '2.0.0', '2.4.0', '2.4.1-rc.1', '2.4.1', '3.0.0'].map((version) => rangeVerdict(version, events)?.isAffected)).toEqual([false, true, true, true, false, false])
    expect(rangeVerdict('2.3.0', events)).toEqual({ isAffected: true, fixed: '2.4.1', lastAffected: undefined })
  })

  it('treats last_affected as inclusive, with no fix to offer', () => {
    const events = [{ introduced: '0' }, { last_affected: '3.2.0' }]
    expect(['0.0.1', '3.2.0', '3.2.1'].map((version) => rangeVerdict(version, events)?.isAffected)).toEqual([true, true, false])
    expect(rangeVerdict('3.2.0', events)).toEqual({ isAffected: true, fixed: undefined, lastAffected: '3.2.0' })
  })

  it('walks several intervals in version order, whatever order the events are listed in', () => {
    const events = [{ fixed: '2.1.0' }, { introduced: '2.0.0' }, { fixed: '1.2.0' }, { introduced: '1.0.0' }]
    expect(['0.9.0', '1.1.0', '1.5.0', '2.0.5', '2.1.0'].map((version) => rangeVerdict(version, events)?.isAffected)).toEqual([false, true, false, true, false])
    expect(rangeVerdict('1.1.0', events)?.fixed).toBe('1.2.0')
    expect(rangeVerdict('1.0.0', [{ introduced: '0' }, { limit: '1.0.0' }])?.isAffected).toBe(false)
  })

  it('reports a listed version, and ignores withdrawn records, other ecosystems and other packages', () => {
    const listed = { id: 'MAL-2026-1', affected: [{ package: { ecosystem: 'npm', name: 'evil' }, versions: ['1.0.3'] }] }
    expect(matchAdvisory(listed, 'evil', '1.0.3')?.severity).toBe('critical')
    expect(matchAdvisory(listed, 'evil', '1.0.4')).toBeUndefined()
    expect(matchAdvisory({ ...VULN, withdrawn: '2026-01-01T00:00:00Z' }, 'vuln-lib', '2.3.0')).toBeUndefined()
    const pypi = { ...VULN, affected: [{ ...VULN.affected![0]!, package: { ecosystem: 'PyPI', name: 'vuln-lib' } }] }
    expect(matchAdvisory(pypi, 'vuln-lib', '2.3.0')).toBeUndefined()
    expect(matchAdvisory(VULN, 'other-lib', '2.3.0')).toBeUndefined()
    expect(matchAdvisory(VULN, 'vuln-lib', '2.3.0')).toMatchObject({ severity: 'high', fixedIn: ['2.4.1'] })
  })

  it('ranks severities, and counts an unrated advisory as reaching any threshold', () => {
    expect([reaches('moderate', 'high'), reaches('high', 'high'), reaches('critical', 'high'), reaches('moderate', 'moderate')]).toEqual([false, true, true, true])
    expect(reaches(undefined, 'critical')).toBe(true)
    expect(matchAdvisory(record('GHSA-x', 'vuln-lib', [{ introduced: '0' }], 'MEDIUM'), 'vuln-lib', '1.0.0')?.severity).toBe('moderate')
  })
})

describe('reading the lockfile', () => {
  it('lists every installed copy with the chain of dependencies that brings it in', () => {
    const installed = readLockfile(path.join(dir, 'package-lock.json'))
    expect(installed.map((item) => `${item.location} ${item.name}@${item.version} ${item.path.join(' > ')}`).sort()).toEqual([
      'node_modules/app-lib app-lib@1.0.0 demo > app-lib',
      'node_modules/app-lib/node_modules/vuln-lib vuln-lib@2.3.0 demo > app-lib > vuln-lib',
      'node_modules/lastly lastly@3.2.0 demo > lastly',
      'node_modules/mod-lib mod-lib@1.0.0 demo > mod-lib',
      'node_modules/vuln-lib vuln-lib@2.4.1 demo > vuln-lib',
      'web/node_modules/lastly lastly@3.2.1 demo > @demo/web > lastly',
      'web/node_modules/vuln-lib vuln-lib@1.9.9 demo > @demo/web > vuln-lib',
    ])
  })
})

describe('npm run audit:deps', () => {
  it('reports a vulnerable copy with its path and fails at the threshold, leaving fixed and out-of-range copies alone', async () => {
    const { exitCode, output } = await audit({ databases: [path.join(dir, 'db')] })
    expect(exitCode).toBe(EXIT.vulnerable)
    expect(output).toContain('GHSA-vvvv-vvvv-vvvv  vuln-lib@2.3.0: fixed in 2.4.1')
    expect(output).toContain('via demo > app-lib > vuln-lib@2.3.0  [node_modules/app-lib/node_modules/vuln-lib]')
    expect(output).not.toMatch(/vuln-lib@(2\.4\.1|1\.9\.9)/)
    expect(output).toContain('GHSA-llll-llll-llll  lastly@3.2.0: no fix (last affected 3.2.0)')
    expect(output).not.toContain('lastly@3.2.1')
    expect(output).toContain('FAILED: 2 matches of 2 advisories, 2 at or above high')
  })

  it('lists an advisory below the threshold without failing, and fails on it when the threshold is lowered', async () => {
    const high = await audit({ databases: [path.join(dir, 'moderate.json')] })
    expect(high.exitCode).toBe(EXIT.clean)
    expect(high.output).toContain('MODERATE   GHSA-mmmm-mmmm-mmmm  mod-lib@1.0.0: fixed in 1.0.1')
    expect(high.output).toContain('OK: 1 matches of 1 advisories, 0 at or above high')
    expect((await audit({ databases: [path.join(dir, 'moderate.json')], level: 'moderate' })).exitCode).toBe(EXIT.vulnerable)
    expect((await audit({ databases: [path.join(dir, 'db')], level: 'critical' })).output).toContain('1 at or above critical')
  })

  it("reads OSV's all.zip as downloaded", async () => {
    const zip = write('all.zip', zipOf({ 'GHSA-llll-llll-llll.json': JSON.stringify(LASTLY), 'GHSA-vvvv-vvvv-vvvv.json': JSON.stringify(VULN), 'README.txt': 'not a record' }))
    const { exitCode, output } = await audit({ databases: [zip] })
    expect(exitCode).toBe(EXIT.vulnerable)
    expect(output).toContain('2 records')
    expect(output).toContain('GHSA-vvvv-vvvv-vvvv  vuln-lib@2.3.0')
    expect(output).toContain('GHSA-llll-llll-llll  lastly@3.2.0')
  })

  describe('with a registry', () => {
    let server: http.Server
    let registry: string
    let servesNotices = true
    beforeAll(async () => {
      const notices: Record<string, string> = { '/request/2.88.2': 'request has been deprecated', '/mod-lib/1.0.0': 'Critical security vulnerability, upgrade to 1.0.1', '/app-lib/1.0.0': 'Renamed to app-kit' }
      server = http.createServer((request, response) => {
        const notice = servesNotices ? notices[request.url ?? ''] : undefined
        response.setHeader('content-type', 'application/json')
        response.end(JSON.stringify({ name: 'x', version: 'y', ...(notice ? { deprecated: notice } : {}) }))
      })
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
      registry = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

    it('lists deprecation notices that mention security, without failing on them', async () => {
      servesNotices = true
      const { exitCode, output } = await audit({ databases: [], registry })
      expect(exitCode).toBe(EXIT.clean)
      expect(output).toContain('mod-lib@1.0.0: Critical security vulnerability, upgrade to 1.0.1')
      expect(output).not.toContain('Renamed to app-kit')
      expect(output).toContain('2 installed versions are deprecated, 1 of them with a notice that mentions security')
    })

    it('says so and exits 3 when no source can be checked (a registry that strips notices, no database)', async () => {
      servesNotices = false
      const { exitCode, output } = await audit({ databases: [], registry })
      expect(exitCode).toBe(EXIT.noSource)
      expect(output).toContain('serves no deprecation notices')
      expect(output).toContain('NOT AUDITED')
    })
  })

  it('exits 1 from the command line on a match, 0 above it, 2 on a database it cannot read', async () => {
    const run = (...args: string[]) =>
      promisify(execFile)(path.join(root, 'node_modules/.bin/tsx'), ['tools/auditDeps.ts', '--lockfile', path.join(dir, 'package-lock.json'), '--no-registry', ...args], { cwd: root }).then(
        () => 0,
        (error: { code: number }) => error.code,
      )
    expect(await run('--db', path.join(dir, 'db'))).toBe(1)
    expect(await run('--db', path.join(dir, 'moderate.json'))).toBe(0)
    expect(await run('--db', path.join(dir, 'missing.zip'))).toBe(2)
  }, 30_000)
})
