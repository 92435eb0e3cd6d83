import fs from 'node:fs'
import path from 'node:path'
import { beat } from '@pregon/core/ops/opsTables'
import { poolOf } from '@pregon/cms/worker'
import type { TaskContext } from '../tasks/TaskContext'
import { archivesBeyond } from './archiveFormat'
import { createBackup, type BackupResult } from './createBackup'

export { backupSchedule } from './backupSchedule'

/**
 * The worker's daily backup: one archive into BACKUP_DIR, then only the newest BACKUP_KEEP archives are kept
 * (files named like ours; anything else in the folder is left alone). The outcome is recorded as the
 * `backup/daily` heartbeat, which health and alerts read; a failure is recorded and then thrown, so the queue
 * retries it.
 */
export async function runScheduledBackup(ctx: Pick<TaskContext, 'payload' | 'config' | 'log'>): Promise<void> {
  await takeRecordedBackup({ ...ctx, instance: 'daily', prune: true })
}

/** A backup whose outcome (ok or the error) is written as the `backup` heartbeat of `instance`. */
export async function takeRecordedBackup({
  payload,
  config,
  log,
  instance,
  prune,
}: Pick<TaskContext, 'payload' | 'config' | 'log'> & { instance: 'daily' | 'manual'; prune: boolean }): Promise<BackupResult> {
  const pool = poolOf(payload)
  const started = performance.now()
  try {
    const result = await createBackup({
      pool,
      dataDir: config.dataDir,
      mediaDir: config.mediaDir,
      backupDir: config.backup.dir,
      progress: (message) => log.info({ task: 'backup' }, message),
    })
    const removed = prune ? await pruneBackups(config.backup.dir, config.backup.keep) : []
    await beat(pool, 'backup', instance, { ok: true, file: result.file, bytes: result.bytes, seconds: Number(result.seconds.toFixed(1)), removed: removed.length })
    log.info({ file: result.file, bytes: result.bytes, seconds: result.seconds, removed }, 'backup written')
    return result
  } catch (error) {
    await beat(pool, 'backup', instance, { ok: false, error: (error as Error).message, seconds: Number(((performance.now() - started) / 1000).toFixed(1)) }).catch(() => {})
    log.error({ err: error }, 'backup failed')
    throw error
  }
}

/** Deletes our archives beyond the newest `keep`; returns their names. */
export async function pruneBackups(dir: string, keep: number): Promise<string[]> {
  const names = await fs.promises.readdir(dir)
  const doomed = archivesBeyond(names, keep)
  for (const name of doomed) await fs.promises.rm(path.join(dir, name), { force: true })
  return doomed
}
