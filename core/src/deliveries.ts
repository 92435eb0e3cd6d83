/**
 * The states of one message to one recipient inside a press mailing (a delivery), declared once for the
 * ledger's select, the mailing's progress and the worker's report.
 *
 * pending: no answer from the server recorded yet (also a 4xx waiting for its retry) · sent: the server accepted
 * it · bounced: permanent refusal of the address (5xx) · failed: refused for good, or gave up after retries ·
 * unknown: a worker died after releasing the message to the server and before recording the answer, so it may
 * or may not have arrived; never re-sent automatically · suppressed: the contact unsubscribed or bounced first.
 */
export const DELIVERY_STATUSES = ['pending', 'sent', 'bounced', 'failed', 'unknown', 'suppressed'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

/** `label`: one delivery's state; `countLabel`: how a mailing's progress counts them. */
export const DELIVERY_STATUS_CATALOGUE: Record<DeliveryStatus, { label: string; countLabel: string }> = {
  pending: { label: 'En cola', countLabel: 'Pendientes' },
  sent: { label: 'Enviado', countLabel: 'Enviados' },
  bounced: { label: 'Rebotado (dirección inválida)', countLabel: 'Rebotados' },
  failed: { label: 'Falló', countLabel: 'Fallidos' },
  unknown: { label: 'Sin confirmar (revisar)', countLabel: 'Sin confirmar' },
  suppressed: { label: 'Omitido (baja o rebote)', countLabel: 'Omitidos (baja)' },
}
export const DELIVERY_STATUS_OPTIONS = DELIVERY_STATUSES.map((status) => ({ value: status, label: DELIVERY_STATUS_CATALOGUE[status].label }))

export type DeliveryCounts = Record<DeliveryStatus, number>

interface Queryable {
  query<Row extends Record<string, unknown>>(text: string, values: unknown[]): Promise<{ rows: Row[] }>
}

/** The two ledgers: journalists' deliveries and citizens'. Closed list: table names never come from input. */
export type LedgerTable = 'deliveries' | 'subscriber_deliveries'
/** One mailing's rows in a ledger: a press or subscriber distribution, or a digest. */
export interface LedgerScope {
  table: LedgerTable
  column: 'distribution_id' | 'digest_id'
  id: number
}

/** How many of a mailing's deliveries are in each state (every state present, zero when none). */
export async function countDeliveries(db: Queryable, distributionId: number, scope: LedgerScope = { table: 'deliveries', column: 'distribution_id', id: distributionId }): Promise<DeliveryCounts> {
  const { rows } = await db.query<{ status: DeliveryStatus; n: string }>(
    `SELECT status, count(*) AS n FROM ${scope.table} WHERE ${scope.column} = $1 GROUP BY status`,
    [scope.id],
  )
  const counts = Object.fromEntries(DELIVERY_STATUSES.map((status) => [status, 0])) as DeliveryCounts
  for (const row of rows) counts[row.status] = Number(row.n)
  return counts
}
