import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '@pregon/core/loadConfig'

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env)
  } catch (error) {
    if (error instanceof ConfigError) return error.problems
    throw error
  }
  return []
}

describe('loadConfig', () => {
  it('runs the demo with no variables at all', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({
      mode: 'demo',
      isDemo: true,
      database: { url: undefined, embeddedPort: 54329 },
      cms: { port: 3000, url: 'http://localhost:3000' },
      portal: { port: 4321, url: 'http://localhost:4321' },
      x: { credentials: null },
      bindHost: '127.0.0.1',
    })
    expect(Object.isFrozen(config.database)).toBe(true)
  })

  it('reports every bad variable as NAME: what is wrong (how to fix)', () => {
    const problems = problemsOf({ CMS_PORT: 'tres mil', DATABASE_URL: 'mysql://x', SITE_URL: 'portal', PAYLOAD_SECRET: 'corto' })
    expect(problems).toHaveLength(4)
    for (const name of ['CMS_PORT', 'DATABASE_URL', 'SITE_URL', 'PAYLOAD_SECRET']) {
      expect(problems.find((p) => p.startsWith(`${name}: `))).toMatch(/\(.+\)/)
    }
  })

  it('asks for all four X credentials, or none', () => {
    const problems = problemsOf({ X_API_KEY: 'k', X_API_SECRET: 's' })
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['X_ACCESS_SECRET', 'X_ACCESS_TOKEN'])
    const config = loadConfig({ X_API_KEY: 'k', X_API_SECRET: 's', X_ACCESS_TOKEN: 't', X_ACCESS_SECRET: 'a' })
    expect(config.x.credentials).toEqual({ appKey: 'k', appSecret: 's', accessToken: 't', accessSecret: 'a' })
  })

  it('asks for the Mastodon server and token together, and a whole daily X budget', () => {
    expect(problemsOf({ MASTODON_URL: 'https://mastodon.social' })).toEqual([expect.stringMatching(/^MASTODON_ACCESS_TOKEN: is missing .*\(.+\)/)])
    expect(problemsOf({ MASTODON_URL: 'mastodon.social', MASTODON_ACCESS_TOKEN: 't' })).toEqual([expect.stringMatching(/^MASTODON_URL: must be .*\(.+\)/)])
    expect(problemsOf({ X_DAILY_POST_BUDGET: '0' })).toEqual([expect.stringMatching(/^X_DAILY_POST_BUDGET: must be at least 1/)])
    expect(loadConfig({}).mastodon).toBeNull()
    expect(loadConfig({}).x.dailyPostBudget).toBe(17)
    expect(loadConfig({ MASTODON_URL: 'https://social.santalucia.gob.mx/', MASTODON_ACCESS_TOKEN: 'token' }).mastodon).toEqual({
      url: 'https://social.santalucia.gob.mx',
      accessToken: 'token',
      account: 'social.santalucia.gob.mx',
    })
  })

  it('checks the press-mailing settings, and asks for all three DKIM variables or none', () => {
    expect(loadConfig({}).mail).toMatchObject({ connections: 5, ratePerSecond: 0, maxAttempts: 5, retryDelayMs: 60_000, dkim: null })
    expect(problemsOf({ MAIL_CONNECTIONS: '0', MAIL_RATE_PER_SECOND: 'rápido' }).map((p) => p.split(':')[0]).sort()).toEqual(['MAIL_CONNECTIONS', 'MAIL_RATE_PER_SECOND'])
    expect(problemsOf({ MAIL_DKIM_DOMAIN: 'municipio.gob.mx' }).map((p) => p.split(':')[0]).sort()).toEqual(['MAIL_DKIM_PRIVATE_KEY_FILE', 'MAIL_DKIM_SELECTOR'])
    expect(problemsOf({ MAIL_DKIM_DOMAIN: 'm.mx', MAIL_DKIM_SELECTOR: 's', MAIL_DKIM_PRIVATE_KEY_FILE: '/no/existe.pem' })).toEqual([
      expect.stringMatching(/^MAIL_DKIM_PRIVATE_KEY_FILE: cannot be read \(/),
    ])
  })

  it('requires a signing secret in production', () => {
    expect(problemsOf({ PREGON_MODE: 'production' })).toEqual([expect.stringMatching(/^PAYLOAD_SECRET: is required in production/)])
    expect(loadConfig({ PREGON_MODE: 'production', PAYLOAD_SECRET: 'x'.repeat(32) }).isDemo).toBe(false)
  })

  it('takes the application role\'s URL only beside the owner\'s', () => {
    expect(problemsOf({ DATABASE_APP_URL: 'postgres://pregon_app:x@db:5432/pregon' })).toEqual([expect.stringMatching(/^DATABASE_APP_URL: needs DATABASE_URL too/)])
    expect(problemsOf({ DATABASE_URL: 'postgres://pregon:x@db/pregon', DATABASE_APP_URL: 'mysql://app@db/pregon' })).toEqual([
      expect.stringMatching(/^DATABASE_APP_URL: must be a PostgreSQL URL/),
    ])
    const config = loadConfig({ DATABASE_URL: 'postgres://pregon:x@db/pregon', DATABASE_APP_URL: 'postgres://pregon_app:y@db/pregon' })
    expect(config.database).toMatchObject({ url: 'postgres://pregon:x@db/pregon', appUrl: 'postgres://pregon_app:y@db/pregon' })
  })

  it('treats empty variables as unset and strips trailing slashes from URLs', () => {
    const config = loadConfig({ DATABASE_URL: '', SITE_URL: 'https://comunicacion.municipio.gob.mx/' })
    expect(config.database.url).toBeUndefined()
    expect(config.portal.url).toBe('https://comunicacion.municipio.gob.mx')
  })

  it('has every variable documented in .env.example', () => {
    const example = fs.readFileSync(path.resolve(import.meta.dirname, '../../../.env.example'), 'utf8')
    const documented = new Set([...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]))
    expect(CONFIG_VARIABLES.filter((name) => !documented.has(name))).toEqual([])
    expect([...documented].filter((name) => !CONFIG_VARIABLES.includes(name!))).toEqual([])
  })
})
