import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import pg from 'pg'

/**
 * The two database roles (README, «Database roles»).
 *
 * - The **owner** (DATABASE_URL; the embedded server's superuser) owns the tables. Only `npm start`'s prepare
 *   step, backups, restores and `audit:verify` connect with it: it migrates, creates pg-boss's queues and
 *   seeds the demo.
 * - The **application** (`pregon_app`, or the role of DATABASE_APP_URL) is what the admin, the portal and the
 *   workers connect as. It reads and writes Pregón's tables, but on the record (`audit_log`) and the archive
 *   (`expediente_entries`) it may only read and insert, and not being their owner it cannot disable their
 *   triggers. So no bug or intruder in the application can quietly rewrite what was approved and published.
 */
export const APP_ROLE = 'pregon_app'

/** Tables the application may only read and append to. */
const APPEND_ONLY_TABLES = ['audit_log', 'expediente_entries'] as const

/** Where the installation keeps the application role's password when Pregón manages the role itself. */
export function appRolePasswordFile(dataDir: string): string {
  return path.join(dataDir, 'database-app-password')
}

/** The owner's URL (same server and database) with another user and password. */
export function urlAs(ownerUrl: string, user: string, password: string): string {
  const url = new URL(ownerUrl)
  url.username = encodeURIComponent(user)
  url.password = encodeURIComponent(password)
  return url.toString()
}

export interface AppRoleOptions {
  /** The owner's connection (DATABASE_URL, or the embedded superuser's). */
  ownerUrl: string
  /** DATABASE_APP_URL: a role the database's administrator created. Unset, Pregón manages `pregon_app`. */
  appUrl?: string | undefined
  /** DATA_DIR: where the managed role's password is kept. */
  dataDir: string
}

/**
 * Run as the owner after migrations, at every start: makes sure the application's role can log in, grants
 * it what it needs on every table (new ones and restored ones included) and checks that it cannot change
 * the record. Returns the URL the services connect with. Idempotent; refuses, in Spanish, a role that
 * could change the record.
 */
export async function prepareAppRole({ ownerUrl, appUrl, dataDir }: AppRoleOptions): Promise<string> {
  const url = appUrl ?? (await managedAppUrl(ownerUrl, dataDir))
  const role = decodeURIComponent(new URL(url).username)
  await withClient(ownerUrl, (owner) => grant(owner, role))
  await withClient(url, async (app) => {
    const { rows } = await app.query<{ role: string; isSuper: boolean; mayChange: boolean; ownsIt: boolean }>(
      `SELECT current_user AS role, r.rolsuper AS "isSuper",
              has_table_privilege('audit_log', 'UPDATE') OR has_table_privilege('audit_log', 'DELETE')
                OR has_table_privilege('audit_log', 'TRUNCATE') AS "mayChange",
              pg_has_role(current_user, c.relowner, 'USAGE') AS "ownsIt"
         FROM pg_roles r, pg_class c
        WHERE r.rolname = current_user AND c.oid = 'audit_log'::regclass`,
    )
    const row = rows[0]!
    if (row.isSuper || row.mayChange || row.ownsIt) {
      throw new Error(
        `La aplicación se conectaría como «${row.role}», que puede modificar el registro de auditoría ` +
          `(${row.isSuper ? 'es superusuario' : row.ownsIt ? 'es dueño de las tablas' : 'tiene permiso de modificar o borrar filas'}). ` +
          'DATABASE_APP_URL debe usar un rol sin esos permisos (README, «Database roles»), o quite DATABASE_APP_URL para que Pregón use su rol pregon_app.',
      )
    }
  })
  return url
}

/** `pregon_app` with this installation's password, given LOGIN and the password when it cannot log in yet. */
async function managedAppUrl(ownerUrl: string, dataDir: string): Promise<string> {
  const password = await readOrCreatePassword(appRolePasswordFile(dataDir))
  const url = urlAs(ownerUrl, APP_ROLE, password)
  if (!(await canLogIn(url))) await allowAppLogin(ownerUrl, password)
  return url
}

/** Creates `pregon_app`, or lets it log in, with this password (a role belongs to the whole server). */
export async function allowAppLogin(ownerUrl: string, password: string): Promise<void> {
  await withClient(ownerUrl, async (owner) => {
    try {
      const { rowCount } = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APP_ROLE])
      await owner.query(`${rowCount ? 'ALTER' : 'CREATE'} ROLE ${APP_ROLE} LOGIN PASSWORD ${owner.escapeLiteral(password)}`)
    } catch (error) {
      if ((error as { code?: string }).code !== '42501') throw error // insufficient_privilege
      const user = decodeURIComponent(new URL(ownerUrl).username)
      throw new Error(
        `El usuario de DATABASE_URL («${user}») no puede crear ni modificar el rol ${APP_ROLE}, con el que se conecta la aplicación. ` +
          `Pida a quien administra PostgreSQL que lo cree (CREATE ROLE ${APP_ROLE} LOGIN PASSWORD '…') y defina DATABASE_APP_URL con ese usuario, ` +
          'o dé al usuario de DATABASE_URL el permiso CREATEROLE (README, «Database roles»).',
      )
    }
  })
}

/** Everything on every table of Pregón and pg-boss, except changing the record; for tables made later too. */
async function grant(owner: pg.Client, role: string): Promise<void> {
  const who = owner.escapeIdentifier(role)
  const { rows } = await owner.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE nspname IN ('public', 'pgboss')`)
  for (const { name } of rows) {
    const schema = owner.escapeIdentifier(name)
    await owner.query(`GRANT USAGE ON SCHEMA ${schema} TO ${who}`)
    await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${who}`)
    await owner.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ${schema} TO ${who}`)
    await owner.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${schema} TO ${who}`)
    await owner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${who}`)
    await owner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${who}`)
  }
  for (const table of APPEND_ONLY_TABLES) {
    const { rowCount } = await owner.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = $1`, [table])
    if (rowCount) await owner.query(`REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ${owner.escapeIdentifier(table)} FROM ${who}`)
  }
}

async function canLogIn(url: string): Promise<boolean> {
  try {
    await withClient(url, async () => {})
    return true
  } catch (error) {
    // 28P01 wrong password, 28000 no such role / not allowed to log in: fixable here. Anything else is not.
    if (['28P01', '28000'].includes((error as { code?: string }).code ?? '')) return false
    throw error
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  try {
    const saved = (await fs.readFile(file, 'utf8')).trim()
    if (saved) return saved
  } catch {
    // First start: made below.
  }
  await fs.mkdir(path.dirname(file), { recursive: true })
  const password = randomBytes(24).toString('base64url')
  await fs.writeFile(file, `${password}\n`, { mode: 0o600 })
  return password
}
