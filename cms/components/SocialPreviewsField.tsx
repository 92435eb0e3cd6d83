import type { UIFieldServerComponent } from 'payload'
import type { Config } from '@pregon/core/loadConfig'
import { SocialPreviews } from './SocialPreviews'

/** Hands the portal's public address (where the post links) to the client-side previews. */
export const SocialPreviewsField: UIFieldServerComponent = ({ payload }) => {
  const config = (payload.config.custom as { pregon: Readonly<Config> }).pregon
  return <SocialPreviews siteUrl={config.portal.url} />
}
