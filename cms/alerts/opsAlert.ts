/**
 * A condition that needs a person (ops_alerts, migration 20261201_041500_ops_status): the worker's alert
 * sweep opens and resolves them, the admin's banner and the admins' digest read them. Plain data, no
 * Payload: the banner, the sweep and the digest share these shapes and links.
 */
export const ALERT_KINDS = [
  'distribution-unconfirmed',
  'distribution-failed',
  'mailing-unconfirmed-messages',
  'mailing-bounces',
  'social-reconnect',
  'social-token-expiring',
  'service-crash-loop',
  'item-overdue',
  'backup-failed',
  'backup-stale',
  'bounce-mailbox-failed',
] as const
export type AlertKind = (typeof ALERT_KINDS)[number]

/** What an alert is about, when it is about something with an admin page. */
export interface AlertItem {
  collection: 'bulletins' | 'programs' | 'social-accounts'
  id: number
  /** For the item's history (the record names the item by its title). */
  title?: string | null
}

/** One condition found true now. `key` is stable while the condition holds, e.g. `distribution:123:unconfirmed`. */
export interface AlertCondition {
  key: string
  kind: AlertKind
  /** Spanish, one sentence or two: what happened and what to do. */
  message: string
  item?: AlertItem | null
}

/** A row of ops_alerts. */
export interface OpsAlert {
  key: string
  kind: AlertKind
  message: string
  itemCollection: string | null
  itemId: number | null
  firstSeenAt: Date
  lastSeenAt: Date
  resolvedAt: Date | null
  notifiedAt: Date | null
}

/** Collections whose items keep a history (the record): alerts about them are written there too. */
export const ITEMS_WITH_HISTORY: ReadonlySet<string> = new Set(['bulletins', 'programs'])

/**
 * Where a person acts on the alert, as a path in the admin (prefix the CMS address for an e-mail), or null
 * when the fix is on the server (a service, the backups): the message says what to run there.
 */
export function alertPath(alert: Pick<OpsAlert, 'itemCollection' | 'itemId'>): string | null {
  if (!alert.itemCollection || alert.itemId === null) return null
  return `/admin/collections/${alert.itemCollection}/${alert.itemId}`
}

export const ALERT_COLUMNS = 'key, kind, message, item_collection, item_id, first_seen_at, last_seen_at, resolved_at, notified_at'

/** A row as pg returns it (timestamps as Date, or as strings through drizzle). */
export function alertFromRow(row: Record<string, unknown>): OpsAlert {
  const date = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string | Date))
  return {
    key: String(row.key),
    kind: row.kind as AlertKind,
    message: String(row.message),
    itemCollection: (row.item_collection as string | null) ?? null,
    itemId: row.item_id === null || row.item_id === undefined ? null : Number(row.item_id),
    firstSeenAt: date(row.first_seen_at)!,
    lastSeenAt: date(row.last_seen_at)!,
    resolvedAt: date(row.resolved_at),
    notifiedAt: date(row.notified_at),
  }
}
