import { postTextRules } from '@pregon/core/channels'
import { XProviderError } from './XProviderError'

/**
 * Refuses before any request a text X would refuse, with a message the editor can act on. It counts as the
 * admin's counter and preview do (the bulletin's `link` as 23), so a text the admin accepted is never refused here.
 */
export function assertXTextFits(text: string, link?: string): void {
  const { max, urlWeight, measure } = postTextRules('x')
  const length = measure(text, link)
  if (length > max) {
    throw new XProviderError({
      code: 'X_TEXT_TOO_LONG',
      stage: null,
      message: `El texto para X mide ${length} caracteres y X admite ${max} (cada enlace cuenta ${urlWeight}). Acórtelo y vuelva a intentarlo.`,
    })
  }
}
