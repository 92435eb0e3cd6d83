/** How one run of the social posting task left its ledger row (a post, or a correction's or withdrawal's follow-up). */
export type SocialOutcome =
  | 'sent'
  | 'dry-run'
  | 'already-done'
  | 'gone'
  | 'skipped'
  | 'failed'
  | 'unknown'
  | 'waiting'
  | 'busy'
  | 'reconnect'

export interface PostOptions {
  /** The queue job running this, which the `sending` claim names. */
  jobId?: string
}
