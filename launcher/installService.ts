/**
 * `npm run service:install`: writes the systemd unit that runs Pregón as a service (`pregon.service`) and, when
 * missing, its environment file (`/etc/pregon/pregon.env`, mode 0600, production mode and a new PAYLOAD_SECRET).
 *
 *   sudo npm run service:install                      as the checkout's owner, into /etc/systemd/system
 *   npm run service:install -- --print                only print the unit (no root needed, nothing written)
 *   sudo npm run service:install -- --user pregon --env-file /etc/pregon/pregon.env --unit-dir /etc/systemd/system
 *
 * The unit runs the launcher with the pinned Node directly, not through npm, so systemd's SIGTERM reaches the
 * launcher, which stops its services in order (KillMode=mixed). See docs/production.md.
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, statSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

export interface UnitOptions {
  /** The checkout (WorkingDirectory). */
  rootDir: string
  user: string
  group: string
  envFile: string
  /** DATA_DIR as the service will see it, absolute. */
  dataDir: string
  /** BACKUP_DIR when the environment file sets one, absolute. */
  backupDir?: string
}

/** Where home folders live: ProtectHome= would hide a checkout or data folder there. */
const HOME_TREES = ['/home', '/root', '/run/user']
const isUnder = (dir: string, tree: string) => dir === tree || dir.startsWith(`${tree}/`)

/** The pinned Node of the `node` devDependency: the one `npm start` runs (node_modules/.bin/node links to it). */
export const pinnedNode = (root: string) => path.join(root, 'node_modules/node/bin/node')

/**
 * The unit's text. Holds no secret: those stay in the environment file, readable by root only (systemd reads it
 * before dropping to User=).
 */
export function renderUnit({ rootDir: root, user, group, envFile, dataDir, backupDir }: UnitOptions): string {
  for (const [name, value] of Object.entries({ rootDir: root, envFile, dataDir, ...(backupDir ? { backupDir } : {}) })) {
    if (!path.isAbsolute(value)) throw new Error(`${name} must be an absolute path, got ${value}`)
  }
  const writable = [root, dataDir, ...(backupDir ? [backupDir] : [])]
  const isInHome = writable.some((dir) => HOME_TREES.some((tree) => isUnder(dir, tree)))
  return `# Pregón as a service. Written by \`npm run service:install\` (launcher/installService.ts); run it again after
# moving the checkout. Settings and secrets live in ${envFile}, not here. See docs/production.md.
[Unit]
Description=Pregón (administración, portal, trabajador y base de datos)
Documentation=file://${root}/docs/production.md
Wants=network-online.target
# With PostgreSQL on this machine (DATABASE_URL), also: After=postgresql.service
After=network-online.target

[Service]
# The launcher itself, with the pinned Node (${path.relative(root, pinnedNode(root))}), not through npm: systemd's
# SIGTERM reaches it, and it stops the admin, the worker and the portal server before PostgreSQL.
Type=exec
User=${user}
Group=${group}
WorkingDirectory=${root}
EnvironmentFile=${envFile}
# Defaults; the environment file overrides them. Pretty log lines without colours read well in journalctl.
Environment=PATH=${root}/node_modules/.bin:/usr/local/bin:/usr/bin:/bin
Environment=LOG_FORMAT=pretty
ExecStart=${pinnedNode(root)} --import tsx ${root}/launcher/start.ts
Restart=always
RestartSec=5
# EX_CONFIG: a bad setting is not fixed by starting again (the launcher names the variable in the journal).
RestartPreventExitStatus=78
# SIGTERM to the launcher only; whatever is left when it exits (or after TimeoutStopSec) gets SIGKILL.
# The launcher gives each service up to 15 s to stop, one after the other.
KillMode=mixed
TimeoutStopSec=90
SyslogIdentifier=pregon

# Hardening that leaves the embedded PostgreSQL working (it needs /dev/shm, its data folder and no privileges).
NoNewPrivileges=yes
PrivateTmp=yes
ProtectSystem=full
${isInHome ? '# ProtectHome= left out: the checkout or the data is under a home folder.' : 'ProtectHome=yes'}
# The checkout (the admin build goes to cms/.next) and the data; "-": fine if it does not exist yet.
ReadWritePaths=${writable.map((dir, index) => (index === 0 ? dir : `-${dir}`)).join(' ')}
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectKernelLogs=yes
ProtectControlGroups=yes
ProtectHostname=yes
RestrictNamespaces=yes
RestrictSUIDSGID=yes
RestrictRealtime=yes
LockPersonality=yes
SystemCallArchitectures=native
# AF_NETLINK: Node lists the machine's addresses (who may read /api/metrics).
RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6 AF_NETLINK
${user === 'root' ? '# Root: the embedded PostgreSQL switches to the user postgres, which needs its capabilities.' : '# No capabilities: ports above 1024, no user switching.\nCapabilityBoundingSet='}
# Files the web server reads (the portal) must stay world-readable.
UMask=0022

[Install]
WantedBy=multi-user.target
`
}

/** KEY=value lines of an environment file (systemd's format, which a shell can also source). */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line)
    if (match) values[match[1]!] = match[2]!.trim().replace(/^"(.*)"$/, '$1')
  }
  return values
}

const quoted = (value: string) => (/^[\w./:@,+=%-]*$/.test(value) ? value : `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`)

/**
 * The environment file, from .env.example: production mode, a new PAYLOAD_SECRET, an absolute DATA_DIR, one
 * reverse proxy in front (TRUST_PROXY=1), pretty logs; everything else as documented there. Values with spaces are
 * quoted so that both systemd and a shell (`set -a; . pregon.env`) read them.
 */
export function renderEnvFile({ example, dataDir, secret, credentialsKey }: { example: string; dataDir: string; secret: string; credentialsKey: string }): string {
  const overrides: Record<string, string> = {
    PREGON_MODE: 'production',
    DATA_DIR: dataDir,
    PAYLOAD_SECRET: secret,
    CREDENTIALS_KEY: credentialsKey,
    TRUST_PROXY: '1',
    LOG_FORMAT: 'pretty',
  }
  const seen = new Set<string>()
  const body = example
    .split('\n')
    .slice(example.split('\n').findIndex((line) => line.trim() === '') + 1) // .env.example's own header
    .map((line) => {
      const match = /^(#\s*)?([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line)
      if (!match) return line
      const [, comment, key, value] = match as unknown as [string, string | undefined, string, string]
      if (key in overrides && !seen.has(key)) {
        seen.add(key)
        return `${key}=${quoted(overrides[key]!)}`
      }
      return comment ? line : `${key}=${quoted(value.trim())}`
    })
  return `# Pregón's settings for the systemd service (pregon.service): systemd reads this file as root and hands the
# variables to Pregón. It holds secrets: keep it mode 0600, owned by root. After editing: systemctl restart pregon
#
# Before the first start, set at least:
#   CMS_URL and SITE_URL   the public https addresses of the admin and the portal (docs/production.md)
#   SMTP_URL and MAIL_FROM  the mail server the office sends press mailings through
#   DATABASE_URL            only for an external PostgreSQL (its owner); unset, an embedded one runs under DATA_DIR
#   DATABASE_APP_URL        with an external PostgreSQL whose owner may not create roles: the application's role
# Keep a copy of PAYLOAD_SECRET and CREDENTIALS_KEY off this machine: a new PAYLOAD_SECRET signs everyone out and
# breaks every unsubscribe link already sent; without CREDENTIALS_KEY the social accounts' credentials saved in the
# admin must be typed again. Every variable is documented below and in docs/operations.md.

${body.join('\n')}`
}

interface Options {
  print: boolean
  user?: string
  envFile: string
  unitDir: string
}

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { print: false, envFile: '/etc/pregon/pregon.env', unitDir: '/etc/systemd/system' }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const [flag, inline] = arg.split(/=(.*)/s, 2) as [string, string | undefined]
    const value = () => {
      const next = inline ?? argv[++i]
      if (!next) fail(`${flag} necesita un valor.`)
      return next
    }
    if (flag === '--print') options.print = true
    else if (flag === '--user') options.user = value()
    else if (flag === '--env-file') options.envFile = path.resolve(value())
    else if (flag === '--unit-dir') options.unitDir = path.resolve(value())
    else if (flag === '--help' || flag === '-h') {
      console.log('Uso: npm run service:install -- [--print] [--user USUARIO] [--env-file /etc/pregon/pregon.env] [--unit-dir /etc/systemd/system]')
      process.exit(0)
    } else fail(`Opción desconocida: ${arg} (usa --help).`)
  }
  return options
}

function fail(message: string): never {
  console.error(`service:install: ${message}`)
  process.exit(2)
}

const id = (...args: string[]) => execFileSync('id', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()

/** The service's user: --user, or the checkout's owner; root only when asked for by name. */
function serviceUser(requested: string | undefined): { user: string; group: string } {
  if (requested) {
    try {
      return { user: id('-nu', requested), group: id('-gn', requested) }
    } catch {
      fail(`el usuario «${requested}» no existe. Créalo: useradd --system --home-dir /var/lib/pregon --create-home --shell /usr/sbin/nologin ${requested}`)
    }
  }
  const owner = String(statSync(rootDir).uid)
  const user = id('-nu', owner)
  if (owner === '0') {
    fail(
      `la carpeta ${rootDir} pertenece a root, y Pregón no debe correr como root (todo el sistema quedaría a merced de un fallo). ` +
        `Crea un usuario y dale la carpeta: useradd --system --home-dir /var/lib/pregon --create-home --shell /usr/sbin/nologin pregon && chown -R pregon: ${rootDir}. ` +
        'Si de verdad quieres root, pásalo explícitamente: --user root.',
    )
  }
  return { user, group: id('-gn', user) }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2))
  const { user, group } = serviceUser(options.user)
  if (!existsSync(pinnedNode(rootDir))) fail(`no se encontró ${pinnedNode(rootDir)}: ejecuta primero «npm ci» en ${rootDir}.`)

  const envExists = existsSync(options.envFile)
  const existing = envExists ? parseEnvFile(await fs.readFile(options.envFile, 'utf8').catch(() => '')) : {}
  const dataDir = path.resolve(rootDir, existing.DATA_DIR ?? '.data')
  const backupDir = existing.BACKUP_DIR ? path.resolve(rootDir, existing.BACKUP_DIR) : undefined
  const unit = renderUnit({ rootDir, user, group, envFile: options.envFile, dataDir, backupDir })

  if (options.print) {
    process.stdout.write(unit)
    return
  }
  if (process.getuid?.() !== 0) fail('escribir el servicio requiere root: «sudo npm run service:install» (o --print para solo verlo).')

  const unitFile = path.join(options.unitDir, 'pregon.service')
  await fs.mkdir(options.unitDir, { recursive: true })
  await fs.writeFile(unitFile, unit, { mode: 0o644 })
  if (!envExists) {
    const example = await fs.readFile(path.join(rootDir, '.env.example'), 'utf8')
    await fs.mkdir(path.dirname(options.envFile), { recursive: true, mode: 0o750 })
    // `wx`: never overwrite a file someone has just written; 0600: root only.
    await fs.writeFile(options.envFile, renderEnvFile({ example, dataDir, secret: randomBytes(32).toString('hex'), credentialsKey: randomBytes(32).toString('hex') }), { mode: 0o600, flag: 'wx' })
  }
  // The data folder, owned by the service's user (ReadWritePaths needs it to exist to apply).
  if (!existsSync(dataDir)) {
    await fs.mkdir(dataDir, { recursive: true })
    execFileSync('chown', [`${user}:${group}`, dataDir])
  }

  console.log(
    [
      `Servicio escrito: ${unitFile} (usuario ${user}, carpeta ${rootDir}, datos ${dataDir}).`,
      envExists
        ? `Configuración: ${options.envFile} ya existía; no se tocó.`
        : `Configuración creada: ${options.envFile} (solo root puede leerla), con PREGON_MODE=production, un PAYLOAD_SECRET y una CREDENTIALS_KEY nuevos.\n` +
          '  Antes de iniciar, edita en ella CMS_URL y SITE_URL (las direcciones públicas), SMTP_URL y MAIL_FROM,\n' +
          '  y DATABASE_URL si usas un PostgreSQL externo. Guarda una copia de PAYLOAD_SECRET y CREDENTIALS_KEY fuera del servidor.',
      '',
      'Después:',
      '  systemctl daemon-reload && systemctl enable --now pregon',
      '  systemctl status pregon           ¿está corriendo?',
      '  journalctl -u pregon -f           el registro en vivo (Ctrl-C deja de mirarlo; Pregón sigue)',
      "  journalctl -u pregon -g 'WARN|ERROR'   solo avisos y errores",
      '',
      'Luego el servidor web (deploy/Caddyfile o deploy/nginx/pregon.conf) y la primera cuenta de administración: docs/production.md.',
    ].join('\n'),
  )
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
