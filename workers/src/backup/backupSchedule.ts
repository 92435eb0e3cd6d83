import type { Config } from '@pregon/core/loadConfig'

/** The daily backup's cron line (pg-boss `schedule`): at minute 0 of BACKUP_HOUR, server time. */
export function backupSchedule(config: Pick<Readonly<Config>, 'backup'>): string {
  return `0 ${config.backup.hour} * * *`
}
