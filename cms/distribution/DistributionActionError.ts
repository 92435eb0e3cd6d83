export type DistributionActionErrorCode =
  | 'DISTRIBUTION_NOT_SIGNED_IN'
  | 'DISTRIBUTION_ROLE_NOT_ALLOWED'
  | 'DISTRIBUTION_NOT_FOUND'
  | 'DISTRIBUTION_STATE_NOT_ALLOWED'
  | 'DISTRIBUTION_BAD_URL'
  | 'DISTRIBUTION_UNKNOWN_ACTION'

const STATUS_OF: Record<DistributionActionErrorCode, number> = {
  DISTRIBUTION_NOT_SIGNED_IN: 401,
  DISTRIBUTION_ROLE_NOT_ALLOWED: 403,
  DISTRIBUTION_NOT_FOUND: 404,
  DISTRIBUTION_STATE_NOT_ALLOWED: 409,
  DISTRIBUTION_BAD_URL: 400,
  DISTRIBUTION_UNKNOWN_ACTION: 404,
}

/** A refused action on a distribution ("reintentar", "marcar como publicado"), with a Spanish explanation. */
export class DistributionActionError extends Error {
  override readonly name = 'DistributionActionError'
  readonly status: number
  constructor(
    readonly code: DistributionActionErrorCode,
    message: string,
  ) {
    super(message)
    this.status = STATUS_OF[code]
  }
}
