'use client'
import { useFormFields } from '@payloadcms/ui'
import { CHANNEL_LABELS, composePostFor, postTextField, postTextRules, SOCIAL_CHANNELS } from '@pregon/core/channels'
import { bulletinLink } from '@pregon/core/composePostText'
import { slugify } from '@pregon/core/slugify'

/** Where the posts will link, as the worker builds it: the portal's address and the slug (or the one the title will get). */
export function useBulletinLink(siteUrl: string): string {
  const title = useFormFields(([fields]) => fields.title?.value) as string | undefined
  const slug = useFormFields(([fields]) => fields.slug?.value) as string | undefined
  return bulletinLink(siteUrl, slug || slugify(title ?? '') || '…')
}

/**
 * How the post will read on each network, with the count each network applies, while the editor types. Text
 * and count come from the composer the worker posts with (core/channels), so the preview is the post.
 */
export function SocialPreviews({ siteUrl }: { siteUrl: string }) {
  const title = useFormFields(([fields]) => fields.title?.value) as string | undefined
  // Every network's own text, so each preview follows its field as the editor types.
  const texts = useFormFields(([fields]) => Object.fromEntries(SOCIAL_CHANNELS.map((channel) => [postTextField(channel), fields[postTextField(channel)]?.value])))
  const channels = useFormFields(([fields]) => fields.distributeTo?.value) as string[] | undefined
  const url = useBulletinLink(siteUrl)
  const networks = SOCIAL_CHANNELS.filter((channel) => !Array.isArray(channels) || channels.includes(channel)).map((channel) => {
    const { max, urlWeight } = postTextRules(channel)
    const note = urlWeight === null ? 'el enlace cuenta sus caracteres' : `cada enlace cuenta ${urlWeight}`
    return { key: channel, name: CHANNEL_LABELS[channel], post: composePostFor(channel, { item: texts, title: title ?? '', url }), max, note }
  })
  if (networks.length === 0) return null

  return (
    <section className="social-previews" aria-label="Vista previa en redes sociales">
      <h4>Vista previa en redes</h4>
      {networks.map(({ key, name, post, max, note }) => (
        <figure key={key} className="social-previews__post" data-network={key}>
          <figcaption>{name}</figcaption>
          <p className="social-previews__text">{post.text}</p>
          <p className={`social-previews__count${post.length > max ? ' social-previews__count--over' : ''}`} aria-live="polite">
            {post.length.toLocaleString('es-MX')}/{max.toLocaleString('es-MX')} ({note})
            {post.isShortened ? ` · el texto completo mide ${post.fullLength}: se recortó para que quepa` : ''}
          </p>
        </figure>
      ))}
      <p className="social-previews__note">La imagen principal va con su texto alternativo; si el texto no cabe, se recorta en una palabra completa.</p>
    </section>
  )
}
