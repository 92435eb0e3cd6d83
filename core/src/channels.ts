/**
 * The channel catalogue: every place an approved bulletin can go besides the portal and its feeds, declared
 * once. The bulletin's «Difundir en» options, the ledger's channel options, labels, text limits, the account
 * a distribution names and the queue its job goes to are all read from here. Adding a network is one entry
 * here plus its provider folder in workers (see workers/README.md).
 *
 * Free of server code: the admin's client components import it.
 */
import { composeMastodonPost, composeXPost, MASTODON_MAX_LENGTH, MASTODON_URL_WEIGHT, mastodonPostLength, xPostLength, type ComposedPost, type ComposePostTextInput } from './composePostText'
import type { Config } from './loadConfig'
import { QUEUES, type PendingJob, type QueueName } from './queues'
import { X_MAX_WEIGHTED_LENGTH, X_URL_WEIGHT } from './xTextLength'

/**
 * How a network counts a post and writes one for a bulletin: the one composer behind the admin's preview, its
 * counter, the field's validation and the text the worker posts, so they cannot disagree.
 */
export interface PostTextRules {
  max: number
  /** What any link counts, whatever its length. */
  urlWeight: number
  /** The network's count of `text`; `link`, the bulletin's own, counts `urlWeight` whatever its host. */
  measure(text: string, link?: string): number
  compose(input: ComposePostTextInput): ComposedPost
}

interface ChannelSpec {
  /** The name people see: admin options, the «Difusión» panel, the dashboard. */
  label: string
  /** How a sentence names it: «Reintentar difusión en X», «… en el envío a prensa». */
  inSentence: string
  kind: 'social' | 'mailing'
  /** Whether it receives a bulletin under embargo, ahead of the public (journalists do; networks are public). */
  isBeforeEmbargo: boolean
  queue: QueueName
  /** Social networks only: their count and composition rules. */
  text?: PostTextRules
  /** Social networks only: whether real credentials are set (otherwise posts are recorded as dry runs). */
  isLive?(config: Readonly<Config>): boolean
  /** Social networks only: posts per 24 hours the account's plan allows, or null when it has no such cap. */
  dailyPostBudget?(config: Readonly<Config>): number | null
  /** Whether a new bulletin offers it by default (a network with no account configured is left out). */
  isOffered(config: Readonly<Config> | undefined): boolean
  /** The account the ledger names for it (credentials are never stored). */
  account(config: Readonly<Config>): string
}

export const CHANNEL_CATALOGUE = {
  x: {
    label: 'X',
    inSentence: 'X',
    kind: 'social',
    isBeforeEmbargo: false,
    queue: QUEUES.postToX,
    text: { max: X_MAX_WEIGHTED_LENGTH, urlWeight: X_URL_WEIGHT, measure: xPostLength, compose: composeXPost },
    isLive: (config) => Boolean(config.x.credentials),
    dailyPostBudget: (config) => config.x.dailyPostBudget,
    isOffered: () => true,
    account: (config) => config.x.account,
  },
  mastodon: {
    label: 'Mastodon',
    inSentence: 'Mastodon',
    kind: 'social',
    isBeforeEmbargo: false,
    queue: QUEUES.postToMastodon,
    text: { max: MASTODON_MAX_LENGTH, urlWeight: MASTODON_URL_WEIGHT, measure: mastodonPostLength, compose: composeMastodonPost },
    isLive: (config) => Boolean(config.mastodon),
    dailyPostBudget: () => null,
    isOffered: (config) => Boolean(config?.mastodon),
    account: (config) => config.mastodon?.account ?? 'principal',
  },
  'press-mailing': {
    label: 'Envío a prensa',
    inSentence: 'el envío a prensa',
    kind: 'mailing',
    isBeforeEmbargo: true,
    queue: QUEUES.sendPressMailing,
    isOffered: () => true,
    account: () => 'prensa',
  },
} as const satisfies Record<string, ChannelSpec>

type Catalogue = typeof CHANNEL_CATALOGUE
export type Channel = keyof Catalogue
/** Channels that post to a social network account (the rest are mailings). */
export type SocialChannel = { [C in Channel]: Catalogue[C]['kind'] extends 'social' ? C : never }[Channel]

export const CHANNELS = Object.keys(CHANNEL_CATALOGUE) as Channel[]
export const SOCIAL_CHANNELS = CHANNELS.filter(isSocialChannel)

export const channelSpec = (channel: Channel): ChannelSpec => CHANNEL_CATALOGUE[channel]
/** What a social network's catalogue entry always has. */
export const socialSpec = (channel: SocialChannel) => CHANNEL_CATALOGUE[channel]
export const CHANNEL_LABELS = Object.fromEntries(CHANNELS.map((channel) => [channel, CHANNEL_CATALOGUE[channel].label])) as Record<Channel, string>
/** Options of every select that names a channel, and of those that name a social network. */
export const CHANNEL_OPTIONS = CHANNELS.map((channel) => ({ value: channel, label: CHANNEL_CATALOGUE[channel].label }))
export const SOCIAL_CHANNEL_OPTIONS = CHANNEL_OPTIONS.filter((option) => isSocialChannel(option.value))

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(CHANNEL_CATALOGUE, value)
}

export function isSocialChannel(channel: Channel): channel is SocialChannel {
  return CHANNEL_CATALOGUE[channel].kind === 'social'
}

/** The count and composition rules of a social network. */
export function postTextRules(channel: SocialChannel): PostTextRules {
  return socialSpec(channel).text
}

/** The channels a new bulletin offers by default. */
export function defaultChannels(config: Readonly<Config> | undefined): Channel[] {
  return CHANNELS.filter((channel) => CHANNEL_CATALOGUE[channel].isOffered(config))
}

/** Where an item goes: the channels its editor chose («Difundir en»), or every channel when it has no choice. */
export function channelsFor(item: { distributeTo?: readonly string[] | null }): Channel[] {
  const chosen = item.distributeTo
  return Array.isArray(chosen) ? CHANNELS.filter((channel) => chosen.includes(channel)) : [...CHANNELS]
}

/** pg-boss takes higher priorities first: an emergency goes before everything already waiting. */
export const URGENT_PRIORITY = 10

/** The queue job that sends one distribution: the one way every caller (publication, retry, wait) makes it. */
export function distributionJob(
  distribution: { id: number | string; channel: Channel; isUrgent?: boolean | null },
  { startAfter }: { startAfter?: Date } = {},
): PendingJob {
  return {
    queue: CHANNEL_CATALOGUE[distribution.channel].queue,
    data: { distributionId: distribution.id },
    ...(distribution.isUrgent ? { priority: URGENT_PRIORITY } : {}),
    ...(startAfter ? { startAfter } : {}),
  } as PendingJob
}

export const DISTRIBUTION_STATUSES = ['pending', 'sending', 'paused', 'sent', 'failed', 'unknown', 'skipped'] as const
export type DistributionStatus = (typeof DISTRIBUTION_STATUSES)[number]

/** One name per state of a distribution, and what it means for the person reading it. */
export const DISTRIBUTION_STATUS_CATALOGUE: Record<DistributionStatus, { label: string; hint: string }> = {
  pending: { label: 'En cola', hint: 'Espera su turno para salir.' },
  sending: { label: 'Enviando', hint: 'Está saliendo en este momento.' },
  paused: { label: 'En pausa', hint: 'Alguien detuvo el envío; se reanuda desde la administración.' },
  sent: { label: 'Publicado / enviado', hint: 'Está en la red o en los buzones.' },
  failed: { label: 'Falló', hint: 'No salió: el error dice qué cambiar antes de reintentar.' },
  unknown: { label: 'Sin confirmar', hint: 'Pudo salir o no: revisa la cuenta antes de reintentar.' },
  skipped: { label: 'Omitido', hint: 'No salió a propósito: simulación, sin credenciales o retirado.' },
}
export const STATUS_LABELS = Object.fromEntries(DISTRIBUTION_STATUSES.map((status) => [status, DISTRIBUTION_STATUS_CATALOGUE[status].label])) as Record<DistributionStatus, string>
export const DISTRIBUTION_STATUS_OPTIONS = DISTRIBUTION_STATUSES.map((status) => ({ value: status, label: DISTRIBUTION_STATUS_CATALOGUE[status].label }))
