import { CHANNEL_LABELS, type SocialChannel } from '@pregon/core/channels'
import type { FollowUpAction, FollowUpKind } from '@pregon/core/networkFollowUps'

/** What the worker does for a follow-up row on this network, given what its provider can do. */
export type FollowUpStep =
  | { kind: 'reply'; fallbackReason: string | null }
  | { kind: 'delete' }
  | { kind: 'unavailable'; reason: string }

/**
 * Pure: the account asked for `action`; a network that cannot delete through its API (Instagram) answers
 * instead, and one that cannot answer records that nothing was possible there, saying so in Spanish.
 */
export function followUpStepFor({
  action,
  kind,
  channel,
  canReply,
  canDelete,
}: {
  action: FollowUpAction
  kind: FollowUpKind
  channel: SocialChannel
  canReply: boolean
  canDelete: boolean
}): FollowUpStep {
  const name = CHANNEL_LABELS[channel]
  const what = kind === 'correction' ? 'la nota de corrección' : 'el aviso de retiro'
  if (action === 'delete' && canDelete) return { kind: 'delete' }
  if (canReply) {
    return {
      kind: 'reply',
      fallbackReason: action === 'delete' ? `${name} no permite borrar publicaciones desde su API: en su lugar se respondió a la publicación original con ${what}.` : null,
    }
  }
  return {
    kind: 'unavailable',
    reason: `Responder${action === 'delete' ? ' o borrar' : ''} no está disponible en esta red (${name}): no se hizo nada ahí. Si hace falta, publica ${what} a mano en la cuenta.`,
  }
}

/** A delete the network refused for this post only (a Telegram bot, after 48 hours): answer it instead. */
export const isDeleteRefused = (error: unknown): boolean => typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.endsWith('_CANNOT_DELETE')
