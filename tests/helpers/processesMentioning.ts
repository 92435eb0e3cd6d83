import fs from 'node:fs/promises'

/** Live processes whose command line contains `needle` (from /proc), to prove nothing was left behind. */
export async function processesMentioning(needle: string): Promise<Array<{ pid: number; cmdline: string }>> {
  const found: Array<{ pid: number; cmdline: string }> = []
  for (const entry of await fs.readdir('/proc')) {
    const pid = Number(entry)
    if (!Number.isInteger(pid) || pid === process.pid) continue
    const [cmdline, environ] = await Promise.all([
      fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => ''),
      fs.readFile(`/proc/${pid}/environ`, 'utf8').catch(() => ''),
    ])
    if (cmdline.includes(needle) || environ.includes(needle)) found.push({ pid, cmdline: cmdline.replaceAll('\0', ' ').trim() })
  }
  return found
}
