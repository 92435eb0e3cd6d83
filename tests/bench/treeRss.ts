import { readFileSync, readdirSync } from 'node:fs'

const PAGE_SIZE = 4096

/** The summed resident memory (bytes) of a process and all its descendants, from /proc. */
export function treeRss(pid: number): number {
  let total = 0
  const pending = [pid]
  while (pending.length > 0) {
    const current = pending.pop()!
    try {
      total += Number(readFileSync(`/proc/${current}/statm`, 'utf8').split(' ')[1]) * PAGE_SIZE
      for (const task of readdirSync(`/proc/${current}/task`)) {
        pending.push(...readFileSync(`/proc/${current}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number))
      }
    } catch {
      // The process ended between two reads.
    }
  }
  return total
}
