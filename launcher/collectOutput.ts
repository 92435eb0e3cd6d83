import type { ChildProcess } from 'node:child_process'

/**
 * Follows a child's stdout and stderr line by line, passing each line on and keeping the last `keep`
 * lines, which is what an error message about the child should show.
 */
export function collectOutput(child: ChildProcess, { keep, onLine }: { keep: number; onLine?: (line: string) => void }): { tail(): string } {
  const recent: string[] = []
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line.trim()) continue
      recent.push(line)
      if (recent.length > keep) recent.shift()
      onLine?.(line)
    }
  }
  child.stdout?.on('data', forward)
  child.stderr?.on('data', forward)
  return { tail: () => recent.join('\n') }
}
