import { X_MAX_WEIGHTED_LENGTH, xTextLength } from '@pregon/core/xTextLength'
import { XProviderError } from './XProviderError'

/** Refuses before any request a text X would refuse, with a message the editor can act on. */
export function assertXTextFits(text: string): void {
  const length = xTextLength(text)
  if (length > X_MAX_WEIGHTED_LENGTH) {
    throw new XProviderError({
      code: 'X_TEXT_TOO_LONG',
      stage: null,
      message: `El texto para X mide ${length} caracteres y X admite ${X_MAX_WEIGHTED_LENGTH} (cada enlace cuenta 23). Acórtelo y vuelva a intentarlo.`,
    })
  }
}
