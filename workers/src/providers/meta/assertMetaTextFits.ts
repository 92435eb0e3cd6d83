import { postTextRules } from '@pregon/core/channels'
import { META_NAME, MetaProviderError, metaCode, type MetaNetwork } from './MetaProviderError'

/**
 * Refuses a text over the network's limit before any request, with the catalogue's count (the one the admin's
 * preview and counter show), so a dry run refuses what the live provider would.
 */
export function assertMetaTextFits(network: MetaNetwork, text: string, link: string | undefined): void {
  const { max, measure } = postTextRules(network)
  const length = measure(text, link)
  if (length > max) {
    throw new MetaProviderError({
      code: metaCode(network, 'TEXT_TOO_LONG'),
      stage: null,
      message: `El texto para ${META_NAME[network]} mide ${length} caracteres y se admiten ${max}. Acórtelo y vuelva a intentarlo.`,
    })
  }
}
