import type { Payload, UIFieldServerComponent } from 'payload'
import type { SocialChannel } from '@pregon/core/channels'
import type { Config } from '@pregon/core/loadConfig'
import { PostTextCounter } from './PostTextCounter'
import { SocialPreviews } from './SocialPreviews'

const siteUrlOf = (payload: Payload) => (payload.config.custom as { pregon: Readonly<Config> }).pregon.portal.url

/** Hands the portal's public address (where the post links) to the client-side previews. */
export const SocialPreviewsField: UIFieldServerComponent = ({ payload }) => <SocialPreviews siteUrl={siteUrlOf(payload)} />

/** The same for the counter under each network's text, so it counts the very link the preview shows. */
export const PostTextCounterField = ({ payload, channel }: { payload: Payload; channel: SocialChannel }) => (
  <PostTextCounter siteUrl={siteUrlOf(payload)} channel={channel} />
)
