import type { Payload, UIFieldServerComponent } from 'payload'
import type { Config } from '@pregon/core/loadConfig'
import { SocialPreviews } from './SocialPreviews'
import { XTextCounter } from './XTextCounter'

const siteUrlOf = (payload: Payload) => (payload.config.custom as { pregon: Readonly<Config> }).pregon.portal.url

/** Hands the portal's public address (where the post links) to the client-side previews. */
export const SocialPreviewsField: UIFieldServerComponent = ({ payload }) => <SocialPreviews siteUrl={siteUrlOf(payload)} />

/** The same for the counter under «Texto para X», so it counts the very link the preview shows. */
export const XTextCounterField = ({ payload }: { payload: Payload }) => <XTextCounter siteUrl={siteUrlOf(payload)} />
