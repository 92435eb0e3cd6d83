import { CHANNEL_LABELS, postTextRules, type SocialChannel } from './channels'

/**
 * What Pregón does on a network where an item was posted, once that item is corrected or withdrawn: answer the
 * original post (the correction note, the withdrawal notice) or delete it. Each account says what it wants
 * («Al corregir», «Al retirar» in its social-accounts row); a main account without a row answers both.
 */
export type FollowUpKind = 'correction' | 'withdrawal'
export type FollowUpAction = 'reply' | 'delete'

export const ON_CORRECTION = ['reply', 'none'] as const
export const ON_WITHDRAWAL = ['reply', 'delete', 'none'] as const
export type OnCorrection = (typeof ON_CORRECTION)[number]
export type OnWithdrawal = (typeof ON_WITHDRAWAL)[number]

export const ON_CORRECTION_OPTIONS = [
  { value: 'reply', label: { es: 'Responder a la publicación original con la nota de corrección', en: 'Reply to the original post with the note' } },
  { value: 'none', label: { es: 'No hacer nada', en: 'Nothing' } },
] satisfies Array<{ value: OnCorrection; label: { es: string; en: string } }>

export const ON_WITHDRAWAL_OPTIONS = [
  { value: 'reply', label: { es: 'Responder a la publicación original con el aviso de retiro', en: 'Reply to the original post with the notice' } },
  { value: 'delete', label: { es: 'Borrar la publicación original', en: 'Delete the original post' } },
  { value: 'none', label: { es: 'No hacer nada', en: 'Nothing' } },
] satisfies Array<{ value: OnWithdrawal; label: { es: string; en: string } }>

/** What a follow-up row keeps in its `detail`: what to do, to which post, with which words. */
export interface FollowUpDetail {
  kind: FollowUpKind
  action: FollowUpAction
  originalDistributionId: number
  toPostId: string | null
  toPostCid: string | null
  toPostUrl: string | null
  /** The original was a simulation (no credentials then): the follow-up is one too. */
  isDryRunOriginal: boolean
  text: string
  /** The item's address in `text`, so the network counts it as a link. */
  link: string | null
}

/** An account's settings as stored (null or absent: the defaults, answering both). */
export interface FollowUpSettings {
  onCorrection?: string | null
  onWithdrawal?: string | null
}

/** What an account wants done on a correction or a withdrawal; null: nothing. */
export function followUpActionFor(kind: FollowUpKind, settings: FollowUpSettings | null | undefined): FollowUpAction | null {
  if (kind === 'correction') return settings?.onCorrection === 'none' ? null : 'reply'
  const chosen = settings?.onWithdrawal
  return chosen === 'none' ? null : chosen === 'delete' ? 'delete' : 'reply'
}

const PREFIX: Record<FollowUpKind, string> = {
  correction: 'Corrección: ',
  withdrawal: 'Esta publicación se retiró. ',
}

const ELLIPSIS = '…'

/**
 * The answer posted under the original: «Corrección: <note>» or «Esta publicación se retiró. <notice>», and the
 * item's address on the portal (which shows the corrected text or the withdrawal notice), cut at a word so it
 * fits the network's limit with the link counted as that network counts it.
 */
export function composeFollowUpText({ channel, kind, note, link }: { channel: SocialChannel; kind: FollowUpKind; note: string; link: string | null }): string {
  const { max, measure } = postTextRules(channel)
  const words = note.trim().replace(/\s+/g, ' ')
  const tail = link ? `\n${link}` : ''
  const whole = `${PREFIX[kind]}${words}${tail}`
  if (measure(whole, link ?? undefined) <= max) return whole
  const characters = [...words]
  let low = 0
  let high = characters.length
  // The longest start of the note that fits with the ellipsis (measure grows with the text).
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    const candidate = `${PREFIX[kind]}${characters.slice(0, middle).join('').trimEnd()}${ELLIPSIS}${tail}`
    if (measure(candidate, link ?? undefined) <= max) low = middle
    else high = middle - 1
  }
  let cut = characters.slice(0, low).join('')
  const lastSpace = cut.lastIndexOf(' ')
  if (lastSpace > cut.length * 0.6) cut = cut.slice(0, lastSpace)
  return `${PREFIX[kind]}${cut.trimEnd()}${ELLIPSIS}${tail}`
}

/** How the «Difusión» panel and the record name a follow-up row: «Corrección · Facebook», «Retiro · X (borrado)». */
export function followUpLabel({ kind, action, channel, account }: { kind: FollowUpKind; action?: FollowUpAction | null; channel: SocialChannel; account?: string | null }): string {
  const name = account ? `${CHANNEL_LABELS[channel]} (${account})` : CHANNEL_LABELS[channel]
  const how = kind === 'withdrawal' ? (action === 'delete' ? ' (borrado)' : ' (respuesta)') : ''
  return `${kind === 'correction' ? 'Corrección' : 'Retiro'} · ${name}${how}`
}
