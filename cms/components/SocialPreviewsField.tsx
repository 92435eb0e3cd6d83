import type { Payload, UIFieldServerProps } from 'payload'
import type { DistributedCollection } from '@pregon/core/distributedItem'
import type { SocialChannel } from '@pregon/core/channels'
import type { Config } from '@pregon/core/loadConfig'
import { PostTextCounter } from './PostTextCounter'
import { SocialPreviews } from './SocialPreviews'

const siteUrlOf = (payload: Payload) => (payload.config.custom as { pregon: Readonly<Config> }).pregon.portal.url

/** Hands the portal's public address (where the post links) and the office's time zone to the client-side previews. */
export const SocialPreviewsField = async ({ payload, itemCollection = 'bulletins' }: UIFieldServerProps & { itemCollection?: DistributedCollection }) => {
  const { timeZone } = await payload.findGlobal({ slug: 'site-settings', depth: 0 })
  return <SocialPreviews siteUrl={siteUrlOf(payload)} collection={itemCollection} timeZone={timeZone ?? 'America/Mexico_City'} />
}

/** The same for the counter under each network's text, so it counts the very link the preview shows. */
export const PostTextCounterField = ({ payload, channel }: { payload: Payload; channel: SocialChannel }) => (
  <PostTextCounter siteUrl={siteUrlOf(payload)} channel={channel} />
)
