/** The channels a bulletin is distributed on and the states of a distribution, shared by the CMS and workers. */
export const CHANNELS = ['x', 'mastodon', 'press-mailing'] as const
export type Channel = (typeof CHANNELS)[number]
/** Channels that post to a social network account (the rest are mailings). */
export const SOCIAL_CHANNELS = ['x', 'mastodon'] as const satisfies readonly Channel[]
export type SocialChannel = (typeof SOCIAL_CHANNELS)[number]

export const DISTRIBUTION_STATUSES = ['pending', 'sending', 'paused', 'sent', 'failed', 'unknown', 'skipped'] as const
export type DistributionStatus = (typeof DISTRIBUTION_STATUSES)[number]

export const CHANNEL_LABELS: Record<Channel, string> = { x: 'X', mastodon: 'Mastodon', 'press-mailing': 'Envío a prensa' }

export const STATUS_LABELS: Record<DistributionStatus, string> = {
  pending: 'En cola',
  sending: 'Enviando',
  paused: 'En pausa',
  sent: 'Publicado',
  failed: 'Falló',
  unknown: 'Sin confirmar',
  skipped: 'Omitido',
}

