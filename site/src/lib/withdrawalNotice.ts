import type { PortalWithdrawal } from '../content/PortalContent'

/** What the office says in public about a withdrawn bulletin (its page's description); a neutral text when it said nothing. */
export function withdrawalNotice(withdrawal: Pick<PortalWithdrawal, 'notice'>): string {
  return withdrawal.notice.trim() || 'Este contenido fue retirado.'
}
