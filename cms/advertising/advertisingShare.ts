/** One advertising order as the share and the transparency export read it. */
export interface OrderRow {
  outlet: string
  medium: string
  provider: string
  contract: string
  campaign: string
  amount: number
  periodStart: string
  periodEnd: string
}

export interface OutletShare {
  outlet: string
  orders: number
  amount: number
  /** Of the period's total, 0–100, one decimal. */
  percent: number
}

/**
 * How the period's official advertising was shared among outlets (Ley General de Comunicación Social, art. 5,
 * equity): the amount and orders per outlet and its percentage of the total, largest first. An order counts
 * whole in the period it overlaps; apportioning by days is left to the office's own accounting.
 */
export function shareByOutlet(orders: readonly OrderRow[]): { total: number; outlets: OutletShare[] } {
  const byOutlet = new Map<string, OutletShare>()
  let total = 0
  for (const order of orders) {
    total += order.amount
    const share = byOutlet.get(order.outlet) ?? { outlet: order.outlet, orders: 0, amount: 0, percent: 0 }
    share.orders++
    share.amount += order.amount
    byOutlet.set(order.outlet, share)
  }
  const outlets = [...byOutlet.values()]
    .map((share) => ({ ...share, amount: Math.round(share.amount * 100) / 100, percent: total > 0 ? Math.round((share.amount / total) * 1000) / 10 : 0 }))
    .sort((a, b) => b.amount - a.amount || a.outlet.localeCompare(b.outlet, 'es-MX'))
  return { total: Math.round(total * 100) / 100, outlets }
}

/**
 * The columns the transparency portal asks for communication spending (LGTAIP art. 70, XXIII: medio,
 * proveedor, contrato, campaña, monto, periodo), in that order, Spanish headers.
 */
export const TRANSPARENCY_COLUMNS = ['Medio de comunicación', 'Tipo de medio', 'Proveedor (razón social)', 'Número de contrato', 'Campaña o aviso institucional', 'Monto total (MXN, con IVA)', 'Periodo: inicio', 'Periodo: fin'] as const

export const transparencyRow = (order: OrderRow) => [order.outlet, order.medium, order.provider, order.contract, order.campaign, order.amount.toFixed(2), order.periodStart.slice(0, 10), order.periodEnd.slice(0, 10)]
