import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { bounceMailboxUrlProblem, parseBounceMailboxUrl, type BounceMailbox } from './bounceMailbox'
import { parseSecretKey } from './secretBox'
import { absoluteUrl, allOrNone, httpUrl, optional, port, positiveNumber, wholeNumber, withDefault } from './envSchema'

/**
 * All configuration Pregón reads from the environment, parsed once per process.
 * Nothing else in the code base reads `process.env`: take the frozen result of `loadConfig()`.
 */

function readable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.R_OK)
    return true
  } catch {
    return false
  }
}

const pemKeyFile = z
  .string()
  .refine((file) => readable(file), 'cannot be read (give the path of the PEM private key the DNS record publishes)')
  .refine(
    // zod runs this check even after the first one fails, and reading an unreadable file would throw.
    (file) => !readable(file) || /-----BEGIN (RSA |EC )?PRIVATE KEY-----/.test(fs.readFileSync(file, 'utf8')),
    'is not a PEM private key (it must contain -----BEGIN PRIVATE KEY-----)',
  )

const schema = z
  .object({
    PREGON_MODE: withDefault(z.enum(['demo', 'production'], { error: "must be 'demo' or 'production'" }), 'demo'),
    DATA_DIR: withDefault(z.string(), '.data'),
    DATABASE_URL: optional(
      z
        .string()
        .refine(
          (value) => /^postgres(ql)?:\/\//.test(value),
          'must be a PostgreSQL URL such as postgres://user:password@host:5432/pregon (or unset it to use the embedded database)',
        ),
    ),
    DATABASE_APP_URL: optional(
      z
        .string()
        .refine(
          (value) => /^postgres(ql)?:\/\//.test(value),
          'must be a PostgreSQL URL of the role the application connects as, such as postgres://pregon_app:password@host:5432/pregon (or unset it: Pregón then manages the role pregon_app itself)',
        ),
    ),
    EMBEDDED_PG_PORT: port(54329),
    PAYLOAD_SECRET: optional(z.string().min(32, 'is too short (use at least 32 random characters, e.g. `openssl rand -hex 32`)')),
    CREDENTIALS_KEY: optional(
      z.string().refine((value) => parseSecretKey(value) !== undefined, 'must be 32 random bytes written as 64 hex characters (make one with `openssl rand -hex 32`)'),
    ),
    BIND_HOST: withDefault(z.string(), '127.0.0.1'),
    CMS_PORT: port(3000),
    CMS_URL: httpUrl('http://localhost:3000'),
    TRUST_PROXY: wholeNumber({ fallback: 0, min: 0, max: 5, example: '1' }),
    PORTAL_PORT: port(4321),
    SITE_URL: httpUrl('http://localhost:4321'),
    SMTP_URL: optional(z.string().refine((value) => /^smtps?:\/\//.test(value), 'must look like smtp://user:password@host:587 or smtps://…')),
    MAIL_FROM: withDefault(z.string(), 'Comunicación Social <comunicacion@pregon.test>'),
    MAIL_CONNECTIONS: wholeNumber({ fallback: 5, min: 1, max: 50, example: '5' }),
    MAIL_RATE_PER_SECOND: withDefault(
      z.coerce.number({ error: 'must be a number of messages per second (for example 20; 0 means no limit)' }).min(0, 'must be 0 (no limit) or more'),
      0,
    ),
    MAIL_MAX_ATTEMPTS: wholeNumber({ fallback: 5, min: 1, max: 50, example: '5' }),
    MAIL_RETRY_DELAY_SECONDS: positiveNumber({ fallback: 60, unit: 'seconds' }),
    MAIL_DKIM_DOMAIN: optional(z.string()),
    MAIL_DKIM_SELECTOR: optional(z.string()),
    MAIL_DKIM_PRIVATE_KEY_FILE: optional(pemKeyFile),
    BOUNCE_IMAP_URL: optional(
      z.string().superRefine((value, ctx) => {
        const problem = bounceMailboxUrlProblem(value)
        if (problem) ctx.addIssue({ code: 'custom', message: problem })
      }),
    ),
    BOUNCE_IMAP_INTERVAL_MINUTES: wholeNumber({ fallback: 5, min: 1, max: 30, example: '5' }),
    MAILDEV_WEB_PORT: port(1080),
    MAILDEV_SMTP_PORT: port(1025),
    X_API_URL: httpUrl('https://api.x.com'),
    X_API_KEY: optional(z.string()),
    X_API_SECRET: optional(z.string()),
    X_ACCESS_TOKEN: optional(z.string()),
    X_ACCESS_SECRET: optional(z.string()),
    X_DAILY_POST_BUDGET: withDefault(
      z.coerce
        .number({ error: 'must be a number of posts (for example 17, the free tier)' })
        .int('must be a whole number of posts (for example 17)')
        .min(1, 'must be at least 1 (for example 17, the free tier)'),
      17,
    ),
    MASTODON_URL: optional(absoluteUrl('must be the absolute http(s) URL of the Mastodon server (for example https://mastodon.social)')),
    MASTODON_ACCESS_TOKEN: optional(z.string()),
    META_GRAPH_API_URL: httpUrl('https://graph.facebook.com/v23.0'),
    FACEBOOK_PAGE_ID: optional(z.string().regex(/^\d+$/, 'must be the numeric id of the Facebook Page (Page settings → Page transparency, or Graph API /me/accounts)')),
    FACEBOOK_PAGE_ACCESS_TOKEN: optional(z.string()),
    INSTAGRAM_ACCOUNT_ID: optional(z.string().regex(/^\d+$/, 'must be the numeric id of the Instagram professional account linked to the Page')),
    INSTAGRAM_ACCESS_TOKEN: optional(z.string()),
    THREADS_API_URL: httpUrl('https://graph.threads.net/v1.0'),
    THREADS_USER_ID: optional(z.string().regex(/^\d+$/, 'must be the numeric id of the Threads account (Threads API /me)')),
    THREADS_ACCESS_TOKEN: optional(z.string()),
    BLUESKY_SERVICE_URL: httpUrl('https://bsky.social'),
    BLUESKY_HANDLE: optional(z.string().regex(/^(did:[a-z]+:\S+|[a-z0-9][a-z0-9.-]*\.[a-z]{2,})$/i, 'must be the account handle (municipio.bsky.social, or the custom domain) or its DID')),
    BLUESKY_APP_PASSWORD: optional(z.string()),
    TELEGRAM_API_URL: httpUrl('https://api.telegram.org'),
    TELEGRAM_BOT_TOKEN: optional(z.string().regex(/^\d+:[\w-]{20,}$/, 'must be the token @BotFather gave (digits, a colon, then letters)')),
    TELEGRAM_CHANNEL: optional(z.string().regex(/^(@[A-Za-z][\w]{3,}|-100\d+)$/, 'must be the channel as @name or its numeric id (-100…)')),
    MEDIA_MAX_MEGABYTES: positiveNumber({ fallback: 25, unit: 'megabytes' }),
    MEDIA_MAX_MEGAPIXELS: positiveNumber({ fallback: 50, unit: 'megapixels' }),
    BACKUP_DIR: optional(z.string()),
    BACKUP_KEEP: wholeNumber({ fallback: 7, min: 1, max: 365, example: '7' }),
    BACKUP_HOUR: wholeNumber({ fallback: 3, min: 0, max: 23, example: '3' }),
    /** nginx or Caddy access logs to count besides Pregón's own portal server's, comma-separated paths. */
    ACCESS_LOG_FILES: optional(z.string()),
    METRICS_TOKEN: optional(z.string().min(24, 'is too short (use at least 24 random characters, e.g. `openssl rand -hex 16`)')),
    WORKER_QUEUES: optional(z.string()),
    LOG_LEVEL: withDefault(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
    LOG_FORMAT: withDefault(z.enum(['json', 'pretty'], { error: "must be 'json' or 'pretty'" }), 'json'),
  })
  .superRefine((env, ctx) => {
    allOrNone({
      env,
      ctx,
      keys: ['X_API_KEY', 'X_API_SECRET', 'X_ACCESS_TOKEN', 'X_ACCESS_SECRET'],
      hint: 'set all four X credentials, or none for dry-run mode',
    })
    allOrNone({ env, ctx, keys: ['MASTODON_URL', 'MASTODON_ACCESS_TOKEN'], hint: 'set both, or neither to leave Mastodon out' })
    allOrNone({ env, ctx, keys: ['FACEBOOK_PAGE_ID', 'FACEBOOK_PAGE_ACCESS_TOKEN'], hint: 'set both, or neither to leave Facebook out' })
    allOrNone({ env, ctx, keys: ['INSTAGRAM_ACCOUNT_ID', 'INSTAGRAM_ACCESS_TOKEN'], hint: 'set both, or neither to leave Instagram out' })
    allOrNone({ env, ctx, keys: ['THREADS_USER_ID', 'THREADS_ACCESS_TOKEN'], hint: 'set both, or neither to leave Threads out' })
    allOrNone({ env, ctx, keys: ['BLUESKY_HANDLE', 'BLUESKY_APP_PASSWORD'], hint: 'set both, or neither to leave Bluesky out' })
    allOrNone({ env, ctx, keys: ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_CHANNEL'], hint: 'set both, or neither to leave Telegram out' })
    allOrNone({
      env,
      ctx,
      keys: ['MAIL_DKIM_DOMAIN', 'MAIL_DKIM_SELECTOR', 'MAIL_DKIM_PRIVATE_KEY_FILE'],
      hint: 'set all three DKIM variables, or none to send unsigned',
    })
    if (env.DATABASE_APP_URL !== undefined && env.DATABASE_URL === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_APP_URL'],
        message: 'needs DATABASE_URL too (the owner role, which migrates); with the embedded database Pregón manages both roles itself',
      })
    }
    if (env.PREGON_MODE === 'production' && env.PAYLOAD_SECRET === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['PAYLOAD_SECRET'],
        message: 'is required in production mode (set 32+ random characters, e.g. `openssl rand -hex 32`)',
      })
    }
  })

/** OAuth 1.0a user-context keys of the office's X app and account. */
export interface XCredentials {
  appKey: string
  appSecret: string
  accessToken: string
  accessSecret: string
}

export interface MailDkim {
  domainName: string
  keySelector: string
  privateKey: string
}

export interface Config {
  mode: 'demo' | 'production'
  isDemo: boolean
  dataDir: string
  mediaDir: string
  portalDir: string
  /** `url`: the owner (migrates); `appUrl`: DATABASE_APP_URL, the role the services connect as (core/src/appRole.ts). */
  database: { url: string | undefined; appUrl: string | undefined; embeddedPort: number; embeddedDir: string }
  payloadSecret: string | undefined
  /**
   * Seals the credentials of accounts added in the admin (core/socialCredentials), as 64 hex characters.
   * undefined: accounts can still be added, but their credentials cannot be saved in the admin.
   */
  credentialsKey: string | undefined
  bindHost: string
  /**
   * `trustedProxies`: how many reverse proxies stand in front of the CMS; that many X-Forwarded-For entries
   * (from the right) are theirs, and the one before them is the client's address (login throttling).
   */
  cms: { port: number; url: string; trustedProxies: number }
  portal: { port: number; url: string }
  mail: {
    smtpUrl: string | undefined
    from: string
    catcherWebPort: number
    catcherSmtpPort: number
    /** Pooled SMTP connections, which is also how many messages are in flight at once. */
    connections: number
    /** Messages per second at most; 0: as fast as the server takes them. */
    ratePerSecond: number
    maxAttempts: number
    retryDelayMs: number
    dkim: MailDkim | null
  }
  /** The mailbox bounces and mailto unsubscribes arrive at (BOUNCE_IMAP_URL); null: not read. */
  bounces: { mailbox: BounceMailbox | null; intervalMinutes: number }
  /** `account` names the account in the distribution ledger (one X account per installation). */
  x: { apiUrl: string; credentials: XCredentials | null; account: string; dailyPostBudget: number }
  /** null: Mastodon is not configured, and bulletins do not offer it. */
  mastodon: { url: string; accessToken: string; account: string } | null
  /**
   * The networks added with issue 17: where each API is, the office's account on it (null: not configured,
   * posts are dry runs and only the demo offers it) and how the ledger names the account.
   */
  facebook: { apiUrl: string; credentials: { pageId: string; accessToken: string } | null; account: string }
  instagram: { apiUrl: string; credentials: { accountId: string; accessToken: string } | null; account: string }
  threads: { apiUrl: string; credentials: { userId: string; accessToken: string } | null; account: string }
  bluesky: { serviceUrl: string; credentials: { identifier: string; appPassword: string } | null; account: string }
  telegram: { apiUrl: string; credentials: { botToken: string; chatId: string } | null; account: string }
  media: { maxBytes: number; maxPixels: number }
  /** Daily backups by the worker: archives in `dir`, the newest `keep` kept, taken at `hour` (server time). */
  backup: { dir: string; keep: number; hour: number }
  /** Portal statistics: Pregón's portal server writes its access log in `dir`; `extraFiles` are a proxy's logs (nginx, Caddy). */
  accessLogs: { dir: string; extraFiles: string[] }
  /** `/api/metrics` answers requests from the machine itself, or with `Authorization: Bearer <token>`. */
  metricsToken: string | undefined
  /** The queues this worker takes (`WORKER_QUEUES=press-mailing,x-post`); undefined: all of them. */
  workerQueues: string[] | undefined
  logLevel: string
  logFormat: 'json' | 'pretty'
}

/** Every variable Pregón reads; .env.example documents each one (a unit test keeps them in step). */
export const CONFIG_VARIABLES = Object.keys(schema.shape)

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID'
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`)
    this.name = 'ConfigError'
  }
}

/** Parses the environment once; every problem is reported as `NAME: what is wrong (how to fix)`. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const parsed = schema.safeParse(env)
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    )
  }
  const e = parsed.data
  const dataDir = path.resolve(e.DATA_DIR)
  const credentials =
    e.X_API_KEY && e.X_API_SECRET && e.X_ACCESS_TOKEN && e.X_ACCESS_SECRET
      ? { appKey: e.X_API_KEY, appSecret: e.X_API_SECRET, accessToken: e.X_ACCESS_TOKEN, accessSecret: e.X_ACCESS_SECRET }
      : null
  return deepFreeze({
    mode: e.PREGON_MODE,
    isDemo: e.PREGON_MODE === 'demo',
    dataDir,
    mediaDir: path.join(dataDir, 'media'),
    portalDir: path.join(dataDir, 'portal'),
    database: { url: e.DATABASE_URL, appUrl: e.DATABASE_APP_URL, embeddedPort: e.EMBEDDED_PG_PORT, embeddedDir: path.join(dataDir, 'postgres') },
    payloadSecret: e.PAYLOAD_SECRET,
    credentialsKey: e.CREDENTIALS_KEY ? parseSecretKey(e.CREDENTIALS_KEY)!.toString('hex') : undefined,
    bindHost: e.BIND_HOST,
    cms: { port: e.CMS_PORT, url: e.CMS_URL, trustedProxies: e.TRUST_PROXY },
    portal: { port: e.PORTAL_PORT, url: e.SITE_URL },
    mail: {
      smtpUrl: e.SMTP_URL,
      from: e.MAIL_FROM,
      catcherWebPort: e.MAILDEV_WEB_PORT,
      catcherSmtpPort: e.MAILDEV_SMTP_PORT,
      connections: e.MAIL_CONNECTIONS,
      ratePerSecond: e.MAIL_RATE_PER_SECOND,
      maxAttempts: e.MAIL_MAX_ATTEMPTS,
      retryDelayMs: Math.round(e.MAIL_RETRY_DELAY_SECONDS * 1000),
      dkim:
        e.MAIL_DKIM_DOMAIN && e.MAIL_DKIM_SELECTOR && e.MAIL_DKIM_PRIVATE_KEY_FILE
          ? { domainName: e.MAIL_DKIM_DOMAIN, keySelector: e.MAIL_DKIM_SELECTOR, privateKey: fs.readFileSync(e.MAIL_DKIM_PRIVATE_KEY_FILE, 'utf8') }
          : null,
    },
    bounces: { mailbox: e.BOUNCE_IMAP_URL ? parseBounceMailboxUrl(e.BOUNCE_IMAP_URL) : null, intervalMinutes: e.BOUNCE_IMAP_INTERVAL_MINUTES },
    x: { apiUrl: e.X_API_URL, credentials, account: 'principal', dailyPostBudget: e.X_DAILY_POST_BUDGET },
    mastodon:
      e.MASTODON_URL && e.MASTODON_ACCESS_TOKEN
        ? { url: e.MASTODON_URL, accessToken: e.MASTODON_ACCESS_TOKEN, account: new URL(e.MASTODON_URL).host }
        : null,
    facebook: {
      apiUrl: e.META_GRAPH_API_URL,
      credentials: e.FACEBOOK_PAGE_ID && e.FACEBOOK_PAGE_ACCESS_TOKEN ? { pageId: e.FACEBOOK_PAGE_ID, accessToken: e.FACEBOOK_PAGE_ACCESS_TOKEN } : null,
      account: 'principal',
    },
    instagram: {
      apiUrl: e.META_GRAPH_API_URL,
      credentials: e.INSTAGRAM_ACCOUNT_ID && e.INSTAGRAM_ACCESS_TOKEN ? { accountId: e.INSTAGRAM_ACCOUNT_ID, accessToken: e.INSTAGRAM_ACCESS_TOKEN } : null,
      account: 'principal',
    },
    threads: {
      apiUrl: e.THREADS_API_URL,
      credentials: e.THREADS_USER_ID && e.THREADS_ACCESS_TOKEN ? { userId: e.THREADS_USER_ID, accessToken: e.THREADS_ACCESS_TOKEN } : null,
      account: 'principal',
    },
    bluesky: {
      serviceUrl: e.BLUESKY_SERVICE_URL,
      credentials: e.BLUESKY_HANDLE && e.BLUESKY_APP_PASSWORD ? { identifier: e.BLUESKY_HANDLE, appPassword: e.BLUESKY_APP_PASSWORD } : null,
      account: 'principal',
    },
    telegram: {
      apiUrl: e.TELEGRAM_API_URL,
      credentials: e.TELEGRAM_BOT_TOKEN && e.TELEGRAM_CHANNEL ? { botToken: e.TELEGRAM_BOT_TOKEN, chatId: e.TELEGRAM_CHANNEL } : null,
      account: 'principal',
    },
    media: { maxBytes: Math.round(e.MEDIA_MAX_MEGABYTES * 1024 * 1024), maxPixels: Math.round(e.MEDIA_MAX_MEGAPIXELS * 1_000_000) },
    backup: { dir: path.resolve(e.BACKUP_DIR ?? path.join(dataDir, 'backups')), keep: e.BACKUP_KEEP, hour: e.BACKUP_HOUR },
    accessLogs: { dir: path.join(dataDir, 'logs'), extraFiles: (e.ACCESS_LOG_FILES ?? '').split(',').map((file) => file.trim()).filter(Boolean).map((file) => path.resolve(file)) },
    metricsToken: e.METRICS_TOKEN,
    workerQueues: e.WORKER_QUEUES?.split(',').map((queue) => queue.trim()).filter(Boolean),
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
  })
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
}
