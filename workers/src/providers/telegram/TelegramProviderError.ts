import type { SocialFailureCategory } from '../SocialProvider'
import { SocialProviderError, type SocialProviderErrorOptions } from '../SocialProviderError'

export type TelegramProviderErrorCode =
  | 'TELEGRAM_RATE_LIMITED'
  | 'TELEGRAM_TOKEN_REFUSED'
  | 'TELEGRAM_NOT_ADMIN'
  | 'TELEGRAM_CHANNEL_NOT_FOUND'
  | 'TELEGRAM_REJECTED'
  | 'TELEGRAM_UNAVAILABLE'
  | 'TELEGRAM_TIMEOUT'
  | 'TELEGRAM_NETWORK'
  | 'TELEGRAM_TEXT_TOO_LONG'
  | 'TELEGRAM_MEDIA_UNREADABLE'
  | 'TELEGRAM_CANNOT_DELETE'

/** 'send': the request that posts to the channel; 'check': «Probar conexión», which reads and never posts. */
export type TelegramRequestStage = 'send' | 'check' | 'delete'

const CATEGORY: Record<TelegramProviderErrorCode, SocialFailureCategory> = {
  TELEGRAM_RATE_LIMITED: 'rate-limited',
  TELEGRAM_TOKEN_REFUSED: 'auth',
  // The bot cannot post to the channel: a person fixes the account (bot rights, channel name), like a revoked token.
  TELEGRAM_NOT_ADMIN: 'auth',
  TELEGRAM_CHANNEL_NOT_FOUND: 'auth',
  TELEGRAM_REJECTED: 'rejected',
  TELEGRAM_UNAVAILABLE: 'unavailable',
  TELEGRAM_TIMEOUT: 'unavailable',
  TELEGRAM_NETWORK: 'unavailable',
  TELEGRAM_TEXT_TOO_LONG: 'rejected',
  TELEGRAM_MEDIA_UNREADABLE: 'rejected',
  // A bot may delete a channel message only for 48 hours: the task answers it instead.
  TELEGRAM_CANNOT_DELETE: 'rejected',
}

export class TelegramProviderError extends SocialProviderError<TelegramProviderErrorCode, TelegramRequestStage> {
  override readonly name = 'TelegramProviderError'

  constructor(options: SocialProviderErrorOptions<TelegramProviderErrorCode, TelegramRequestStage>) {
    super(options, CATEGORY)
  }
}
