import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { ImapFlow } from 'imapflow'
import { freePort } from './freePort'
import { waitFor } from './waitFor'

/**
 * A real IMAP server for the bounce-mailbox tests: Debian's Dovecot (package `dovecot-imapd`, installed by
 * .ci/run), run from a generated configuration in a temporary folder, plaintext on 127.0.0.1, one user.
 * When the tests run as root, Dovecot is started as `nobody` (its non-root mode: no chroots, one user for
 * everything), so it never touches the machine's own mail setup.
 */
export interface ImapServer {
  host: string
  port: number
  user: string
  password: string
  /** imap://user:password@127.0.0.1:port/INBOX */
  url: string
  /** A client for the test's own look at the mailbox (append, list, flags); log out when done. */
  connect(): Promise<ImapFlow>
  /** Appends raw messages to a folder (INBOX by default), unseen. */
  append(raw: string | Buffer, folder?: string): Promise<void>
  close(): Promise<void>
}

export const DOVECOT = '/usr/sbin/dovecot'

export async function startImapServer({ user = 'rebotes@municipio.test', password = 'clave-de-prueba' }: { user?: string; password?: string } = {}): Promise<ImapServer> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'pregon-imap-'))
  const port = await freePort()
  const isRoot = process.getuid?.() === 0
  const account = isRoot ? { name: 'nobody', uid: 65534, gid: 65534 } : { name: os.userInfo().username, uid: process.getuid!(), gid: process.getgid!() }
  const config = `
protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = ${account.name}
default_internal_user = ${account.name}
default_internal_group = ${(await groupName(account.gid)) ?? account.name}
first_valid_uid = 1
mail_location = maildir:${dir}/mail/%n
mail_plugins =
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/users
}
userdb {
  driver = static
  args = uid=${account.uid} gid=${account.gid} home=${dir}/home/%n
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service auth {
  user = ${account.name}
}
service auth-worker {
  user = ${account.name}
}
service stats {
  chroot =
}
`
  await fs.writeFile(path.join(dir, 'dovecot.conf'), config)
  await fs.writeFile(path.join(dir, 'users'), `${user}:{PLAIN}${password}\n`)
  for (const sub of ['run', 'state', 'mail', 'home']) await fs.mkdir(path.join(dir, sub))
  if (isRoot) await chownTree(dir, account.uid, account.gid)

  const child: ChildProcess = spawn(DOVECOT, ['-F', '-c', path.join(dir, 'dovecot.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(isRoot ? { uid: account.uid, gid: account.gid } : {}),
  })
  let output = ''
  child.stdout?.on('data', (chunk) => (output += String(chunk)))
  child.stderr?.on('data', (chunk) => (output += String(chunk)))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try {
    await waitFor(async () => child.exitCode === null && (await canConnect(port)), { timeoutMs: 15_000, message: 'Dovecot did not start' })
  } catch (error) {
    const log = await fs.readFile(path.join(dir, 'dovecot.log'), 'utf8').catch(() => '')
    child.kill('SIGTERM')
    throw new Error(`${(error as Error).message}: ${output}\n${log}`)
  }

  const url = `imap://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${port}/INBOX`
  const connect = async () => {
    const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false })
    await client.connect()
    return client
  }
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    url,
    connect,
    async append(raw, folder = 'INBOX') {
      const client = await connect()
      try {
        await client.append(folder, raw, [])
      } finally {
        await client.logout()
      }
    },
    async close() {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await exited
      }
      await fs.rm(dir, { recursive: true, force: true })
    },
  }
}

async function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      socket.end()
      resolve(true)
    })
    socket.on('error', () => resolve(false))
  })
}

async function groupName(gid: number): Promise<string | undefined> {
  const groups = await fs.readFile('/etc/group', 'utf8').catch(() => '')
  return groups
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[2] === String(gid))?.[0]
}

async function chownTree(dir: string, uid: number, gid: number): Promise<void> {
  await fs.chown(dir, uid, gid)
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) await chownTree(full, uid, gid)
    else await fs.chown(full, uid, gid)
  }
}
