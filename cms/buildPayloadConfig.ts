import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { en } from '@payloadcms/translations/languages/en'
import { es } from '@payloadcms/translations/languages/es'
import { buildConfig } from 'payload'
import { AuditLog } from './collections/AuditLog'
import { Bulletins } from './collections/Bulletins'
import { Deliveries } from './collections/Deliveries'
import { Departments } from './collections/Departments'
import { Distributions } from './collections/Distributions'
import { MailingLists } from './collections/MailingLists'
import { createMedia } from './collections/Media'
import { PressContacts } from './collections/PressContacts'
import { Programs } from './collections/Programs'
import { SocialAccounts } from './collections/SocialAccounts'
import { SubscriberDeliveries } from './collections/SubscriberDeliveries'
import { SubscriberDigests } from './collections/SubscriberDigests'
import { Subscribers } from './collections/Subscribers'
import { BlackoutPeriods } from './collections/BlackoutPeriods'
import { createUsers } from './collections/Users'
import { MonitorItems } from './collections/monitoring/MonitorItems'
import { Petitions } from './collections/Petitions'
import { CouncilReports } from './collections/CouncilReports'
import { AdvertisingOrders } from './collections/AdvertisingOrders'
import { MonitorSources } from './collections/monitoring/MonitorSources'
import { Outlets } from './collections/monitoring/Outlets'
import { SynthesisEditions } from './collections/monitoring/SynthesisEditions'
import { MonitoringSettings } from './globals/MonitoringSettings'
import type { Config } from '@pregon/core/loadConfig'
import { SchedulerStatus } from './globals/SchedulerStatus'
import { SiteSettings } from './globals/SiteSettings'
import { nodemailerAdapter } from './mail/nodemailerAdapter'
import { codeEveryRefusal, holdBackRefusalLog } from './http/errorReply'
import { prettyDestination } from '@pregon/core/createLogger'
import { refuseHostileText } from './collections/shared/refuseHostileText'
import { guardChoices } from './collections/shared/refuseUnknownChoice'
import { peopleFacingAdmin } from './collections/shared/peopleFacingAdmin'
import { opsEndpoints } from './ops/opsEndpoints'
import { LossTolerantClient } from './db/lossTolerantClient'

/** The adapter is typed against its own copy of @types/pg (an older one): the same class, another declaration. */
type AdapterPoolClient = NonNullable<Parameters<typeof postgresAdapter>[0]['pool']>['Client']

const dirname = path.dirname(fileURLToPath(import.meta.url))
// The admin's favicon inline (no request): the emblem of components/brand/Logo.tsx.
const FAVICON = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f3a5f"/><path d="M7 13h4l10-5v16l-10-5H7z" fill="#fff"/><path d="M11 19l1.5 6h3L14 19.6" fill="#fff"/></svg>')}`

/**
 * Payload's configuration for one Pregón configuration. The admin (Next) imports the default export of
 * payload.config.ts; scripts, workers and tests call this with the config they parsed.
 */
export function buildPayloadConfig(config: Readonly<Config>) {
  // The database URL and secret are handed to every process by `npm start` (or set by the operator).
  // Building the admin needs neither, so their absence only fails when Payload actually connects or signs.
  const databaseUrl = config.database.url ?? 'postgres://database-url-not-set@127.0.0.1:1/set-DATABASE_URL'
  const secret = config.payloadSecret ?? 'build-only-secret-never-used-to-sign-anything-real'

  return buildConfig({
    serverURL: config.cms.url,
    secret,
    admin: {
      user: 'users',
      avatar: 'default',
      meta: {
        titleSuffix: '· Pregón',
        description: 'Pregón: comunicación social municipal',
        // Payload's defaults name Payload and point at its favicons and generated share images.
        icons: [{ rel: 'icon', type: 'image/svg+xml', url: FAVICON }],
        openGraph: { siteName: 'Pregón', title: 'Pregón', description: 'Pregón: comunicación social municipal' },
        defaultOGImageType: 'off',
      },
      importMap: { baseDir: dirname },
      dateFormat: "d 'de' MMMM 'de' yyyy, HH:mm",
      components: {
        header: ['/components/OpsBanner#OpsBanner'],
        beforeDashboard: ['/components/EditorialDashboard#EditorialDashboard'],
        providers: ['/components/FlashMessage#FlashMessage', '/components/AccessibleAdmin#AccessibleAdmin'],
        graphics: { Logo: '/components/brand/Logo#Logo', Icon: '/components/brand/Icon#Icon' },
      },
    },
    i18n: {
      supportedLanguages: { es, en },
      fallbackLanguage: 'es',
      // Payload's own name, where its Spanish strings mention it.
      translations: { es: { general: { payloadSettings: 'Configuración' } } },
    },
    // Every select and radio refuses a value it does not offer, drafts included (shared/refuseUnknownChoice.ts).
    collections: guardChoices([Bulletins, Programs, createMedia({ staticDir: config.mediaDir, limits: config.media }), Departments, PressContacts, MailingLists, Distributions, SocialAccounts, Deliveries, Subscribers, SubscriberDigests, SubscriberDeliveries, AuditLog, BlackoutPeriods, Outlets, MonitorSources, MonitorItems, SynthesisEditions, Petitions, CouncilReports, AdvertisingOrders, createUsers({ isSecureCookie: config.cms.url.startsWith('https:'), trustedProxies: config.cms.trustedProxies })]),
    globals: guardChoices([SiteSettings, MonitoringSettings, SchedulerStatus]),
    // Root endpoints, served under /api: health, readiness and metrics (docs/monitoring.md).
    endpoints: [...opsEndpoints],
    editor: lexicalEditor(),
    db: postgresAdapter({
      pool: { connectionString: databaseUrl, max: 10, Client: LossTolerantClient as AdapterPoolClient },
      // Schema changes only through committed migrations: push prompts hang without a terminal.
      push: false,
      // No prodMigrations: the admin connects as the application's role, which may not change the schema;
      // `npm start` migrates as the owner before starting it (cms/bin/prepare.ts).
      migrationDir: path.resolve(dirname, 'migrations'),
    }),
    // No `sharp` on purpose: Payload would decode every upload again per image size; @pregon/media makes
    // the sizes from one decode (collections/Media/renditionFiles.ts).
    // Busboy stops reading past the limit (a bit above ours, so the intake gives the Spanish message).
    upload: { limits: { fileSize: config.media.maxBytes + 1024 * 1024 } },
    email: config.mail.smtpUrl ? nodemailerAdapter({ smtpUrl: config.mail.smtpUrl, from: config.mail.from }) : undefined,
    csrf: [config.cms.url],
    cors: [config.cms.url],
    graphQL: { disablePlaygroundInProduction: true },
    hooks: { afterError: [codeEveryRefusal] },
    // A restarted or unreachable PostgreSQL makes idle pooled connections fail; without a listener that error
    // would end the process. The pool opens fresh connections once the server is back.
    onInit: (payload) => {
      const { pool } = payload.db as unknown as { pool?: { on(event: 'error', listener: (error: Error) => void): void } }
      pool?.on('error', (error) => payload.logger.warn({ code: 'DB_CONNECTION_LOST', msg: `Conexión con PostgreSQL perdida: ${error.message}` }))
    },
    // Every collection and global refuses control characters and over-long text, drafts included.
    // Every collection and global also gets the admin the office reads: Spanish dates, no CDN, no «API» tab for staff.
    plugins: [refuseHostileText, peopleFacingAdmin],
    telemetry: false,
    logger: {
      options: {
        name: 'payload',
        level: config.logLevel,
        hooks: {
          logMethod(args, method) {
            // Payload warns that its image sizes need sharp: Pregón makes them itself on purpose (see `sharp` above).
            if (typeof args[0] === 'string' && args[0].startsWith('Image resizing is enabled for one or more collections')) return
            // A refusal (4xx) is logged once, as a warning with its code and no stack, by the afterError hook.
            if (holdBackRefusalLog(this, args)) return
            method.apply(this, args)
          },
        },
      },
      // LOG_FORMAT=pretty: the same lines as the other services' (colours only on a terminal).
      ...(config.logFormat === 'pretty' ? { destination: prettyDestination() } : {}),
    },
    typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
    custom: { databaseUrl, pregon: config },
  })
}
