/**
 * The channel catalogue: every place an approved bulletin can go besides the portal and its feeds, declared
 * once. The bulletin's «Difundir en» options, the ledger's channel options, labels, text limits, the account
 * a distribution names and the queue its job goes to are all read from here. Adding a network is one entry
 * here plus its provider folder in workers (see workers/README.md).
 *
 * Free of server code: the admin's client components import it.
 */
import {
  composeMastodonPost,
  composeXPost,
  MASTODON_MAX_LENGTH,
  MASTODON_URL_WEIGHT,
  mastodonPostLength,
  LINK_STAND_IN,
  postRulesWithin,
  TEXT_LIMITS,
  xPostLength,
  type ComposedPost,
  type ComposePostTextInput,
} from './composePostText'
import type { Config } from './loadConfig'
import { QUEUES, type PendingJob, type QueueName } from './queues'
import { X_MAX_WEIGHTED_LENGTH, X_URL_WEIGHT } from './xTextLength'

/**
 * How a network counts a post and writes one for a bulletin: the one composer behind the admin's preview, its
 * counter, the field's validation and the text the worker posts, so they cannot disagree.
 */
export interface PostTextRules {
  max: number
  /** What any link counts, whatever its length; null: a link counts its characters like any text. */
  urlWeight: number | null
  /** The network's count of `text`; `link`, the bulletin's own, counts `urlWeight` whatever its host. */
  measure(text: string, link?: string): number
  compose(input: ComposePostTextInput): ComposedPost
}

interface ChannelSpec {
  /** The name people see: admin options, the «Difusión» panel, the dashboard. */
  label: string
  /** How a sentence names it: «Reintentar difusión en X», «… en el envío a prensa». */
  inSentence: string
  /** 'manual': a person posts it by hand (WhatsApp has no API for Channels) and marks it done; no queue. */
  kind: 'social' | 'mailing' | 'manual'
  /** Whether it receives a bulletin under embargo, ahead of the public (journalists do; networks are public). */
  isBeforeEmbargo: boolean
  /** Where its jobs go; a manual channel has none. */
  queue?: QueueName
  /** Social networks only: their count and composition rules. */
  text?: PostTextRules
  /**
   * Social networks only: the crop of the bulletin's image this network shows best (media/renditions CROPS):
   * 16:9 for X and Mastodon, the link-preview shape for Facebook, Bluesky and Telegram, 4:5 for Instagram and
   * Threads.
   */
  crop?: 'x' | 'og' | 'vertical' | 'square'
  /** Social networks only: a post needs an image (Instagram has no text-only posts). */
  needsImage?: boolean
  /** Social networks only: the network fetches the image from its address on the portal (it takes no upload). */
  fetchesImage?: boolean
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
    crop: 'x',
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
    crop: 'x',
    isLive: (config) => Boolean(config.mastodon),
    dailyPostBudget: () => null,
    isOffered: (config) => Boolean(config?.mastodon || config?.isDemo),
    account: (config) => config.mastodon?.account ?? 'principal',
  },
  facebook: {
    label: 'Facebook',
    inSentence: 'Facebook',
    kind: 'social',
    isBeforeEmbargo: false,
    queue: QUEUES.postToFacebook,
    text: postRulesWithin(TEXT_LIMITS.facebook),
    crop: 'og',
    isLive: (config) => Boolean(config.facebook.credentials),
    dailyPostBudget: () => null,
    isOffered: (config) => Boolean(config?.facebook.credentials || config?.isDemo),
    account: (config) => config.facebook.account,
  },
  instagram: {
    label: 'Instagram',
    inSentence: 'Instagram',
    kind: 'social',
    isBeforeEmbargo: false,
    queue: QUEUES.postToInstagram,
    text: postRulesWithin(TEXT_LIMITS.instagram),
    crop: 'vertical',
    needsImage: true,
    fetchesImage: true,
    isLive: (config) => Boolean(config.instagram.credentials),
    // Instagram's own cap (content_publishing_limit) is read from the account before each post.
    dailyPostBudget: () => null,
    isOffered: (config) => Boolean(config?.instagram.credentials || config?.isDemo),
    account: (config) => config.instagram.account,
  },
  threads: {
    label: 'Threads',
    inSentence: 'Threads',
    kind: 'social',
    isBeforeEmbargo: false,
    queue: QUEUES.postToThreads,
    text: postRulesWithin(TEXT_LIMITS.threads),
    crop: 'vertical',
    fetchesImage: true,
    isLive: (config) => Boolean(config.threads.credentials),
    dailyPostBudget: () => null,
    isOffered: (config) => Boolean(config?.threads.credentials || config?.isDemo),
    account: (config) => config.threads.account,
  },
  bluesky: {
    label: 'Bluesky',
    inSentence: 'Bluesky',
    kind: 'social',
    isBeforeEmbargo: false,
    queue: QUEUES.postToBluesky,
    text: postRulesWithin(TEXT_LIMITS.bluesky),
    crop: 'og',
    isLive: (config) => Boolean(config.bluesky.credentials),
    dailyPostBudget: () => null,
    isOffered: (config) => Boolean(config?.bluesky.credentials || config?.isDemo),
    account: (config) => config.bluesky.account,
  },
  telegram: {
    label: 'Telegram',
    inSentence: 'Telegram',
    kind: 'social',
    isBeforeEmbargo: false,
    queue: QUEUES.postToTelegram,
    text: postRulesWithin(TEXT_LIMITS.telegram),
    crop: 'og',
    isLive: (config) => Boolean(config.telegram.credentials),
    dailyPostBudget: () => null,
    isOffered: (config) => Boolean(config?.telegram.credentials || config?.isDemo),
    account: (config) => config.telegram.account,
  },
  whatsapp: {
    // WhatsApp Channels have no official API, and automating WhatsApp Web gets numbers banned: the admin gives
    // the text and the image ready to paste into the municipality's Channel, and records who posted it.
    label: 'WhatsApp (a mano)',
    inSentence: 'el canal de WhatsApp',
    kind: 'manual',
    isBeforeEmbargo: false,
    isOffered: () => true,
    account: () => 'canal',
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
  subscribers: {
    // Citizens who subscribed on the portal (double opt-in): those who asked to be told at once get it now;
    // digests gather the rest (workers/src/tasks/sendSubscriberDigest). Never before an embargo ends.
    label: 'Suscriptores (correo)',
    inSentence: 'el correo a suscriptores',
    kind: 'mailing',
    isBeforeEmbargo: false,
    queue: QUEUES.sendSubscriberMailing,
    isOffered: () => true,
    account: () => 'suscriptores',
  },
} as const satisfies Record<string, ChannelSpec>

type Catalogue = typeof CHANNEL_CATALOGUE
export type Channel = keyof Catalogue
/** Channels that post to a social network account (the rest are mailings and the ones posted by hand). */
export type SocialChannel = { [C in Channel]: Catalogue[C]['kind'] extends 'social' ? C : never }[Channel]
/** Channels a worker sends (every one but those a person posts by hand). */
export type QueuedChannel = { [C in Channel]: Catalogue[C] extends { queue: QueueName } ? C : never }[Channel]

export const CHANNELS = Object.keys(CHANNEL_CATALOGUE) as Channel[]
export const SOCIAL_CHANNELS = CHANNELS.filter(isSocialChannel)
/** The crops the portal publishes besides its own images, because a network fetches them from there. */
export const CROPS_FETCHED_FROM_PORTAL = [
  ...new Set(
    SOCIAL_CHANNELS.flatMap((channel) => {
      const spec: ChannelSpec = CHANNEL_CATALOGUE[channel]
      return spec.fetchesImage && spec.crop ? [spec.crop] : []
    }),
  ),
]
/** Channels a person posts by hand (WhatsApp). */
export const MANUAL_CHANNELS = CHANNELS.filter((channel) => CHANNEL_CATALOGUE[channel].kind === 'manual')

export const channelSpec = (channel: Channel): ChannelSpec => CHANNEL_CATALOGUE[channel]
/** What a social network's catalogue entry always has. */
export const socialSpec = (channel: SocialChannel) => CHANNEL_CATALOGUE[channel]
export const CHANNEL_LABELS = Object.fromEntries(CHANNELS.map((channel) => [channel, CHANNEL_CATALOGUE[channel].label])) as Record<Channel, string>
/** Options of every select that names a channel, and of those that name a social network. */
export const CHANNEL_OPTIONS = CHANNELS.map((channel) => ({ value: channel, label: CHANNEL_CATALOGUE[channel].label }))
export const SOCIAL_CHANNEL_OPTIONS = CHANNEL_OPTIONS.filter((option) => isSocialChannel(option.value))
/** Whether an item without images can go out there (Instagram has no text-only posts; programs carry no photo). */
export const postsWithoutImage = (channel: Channel): boolean => !('needsImage' in CHANNEL_CATALOGUE[channel])

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(CHANNEL_CATALOGUE, value)
}

export function isSocialChannel(channel: Channel): channel is SocialChannel {
  return CHANNEL_CATALOGUE[channel].kind === 'social'
}

export function isQueuedChannel(channel: Channel): channel is QueuedChannel {
  return 'queue' in CHANNEL_CATALOGUE[channel]
}

/** The count and composition rules of a social network. */
export function postTextRules(channel: SocialChannel): PostTextRules {
  return socialSpec(channel).text
}

/** The bulletin field holding the editor's own wording for a network: X's is `xText`, the others' `<channel>Text`. */
export function postTextField(channel: SocialChannel): string {
  return channel === 'x' ? 'xText' : `${channel}Text`
}

const filled = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null)

/**
 * The editor's wording for a network: its own text, else the text for X (the office's short social wording,
 * which every network used before each had its own), else none (the title is used). Part of the approved
 * version like every field, so one approval covers every network's text.
 */
export function customPostText(item: Readonly<Record<string, unknown>>, channel: SocialChannel): string | null {
  return filled(item[postTextField(channel)]) ?? filled(item.xText)
}

/** The post a network gets for an item: the one composition the preview, the counter, validation and the worker use. */
export function composePostFor(channel: SocialChannel, { item, title, url }: { item: Readonly<Record<string, unknown>>; title: string; url: string }): ComposedPost {
  return postTextRules(channel).compose({ title, url, customText: customPostText(item, channel) })
}

/**
 * What a network counts for the editor's own text plus the bulletin's link (unless the text has it), or
 * null when the text fits; `url` stands in for the link while the slug is not known (a link weighs the same).
 */
export function postTextOverflow(channel: SocialChannel, text: string, url = LINK_STAND_IN): { total: number; max: number } | null {
  const { max, compose } = postTextRules(channel)
  const total = compose({ title: '', url, customText: text }).fullLength
  return total > max ? { total, max } : null
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
  const { channel } = distribution
  // A caller's mistake, not a person's: rows of channels posted by hand are never queued.
  if (!isQueuedChannel(channel)) throw new Error(`${channel} is posted by hand: it has no queue`)
  return {
    queue: CHANNEL_CATALOGUE[channel].queue,
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
