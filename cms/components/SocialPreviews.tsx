'use client'
import { useFormFields } from '@payloadcms/ui'
import { CHANNEL_LABELS, postTextRules, SOCIAL_CHANNELS } from '@pregon/core/channels'
import { slugify } from '@pregon/core/slugify'

/** How the post will read on each network, with the count each network applies, while the editor types. */
export function SocialPreviews({ siteUrl }: { siteUrl: string }) {
  const title = useFormFields(([fields]) => fields.title?.value) as string | undefined
  const slug = useFormFields(([fields]) => fields.slug?.value) as string | undefined
  const customText = useFormFields(([fields]) => fields.xText?.value) as string | undefined
  const channels = useFormFields(([fields]) => fields.distributeTo?.value) as string[] | undefined
  const link = `${siteUrl}/boletines/${slug || slugify(title ?? '') || '…'}/`
  const input = { title: title ?? '', url: link, customText: customText ?? null }
  const networks = SOCIAL_CHANNELS.filter((channel) => !Array.isArray(channels) || channels.includes(channel)).map((channel) => {
    const rules = postTextRules(channel)
    return { key: channel, name: CHANNEL_LABELS[channel], text: rules.compose(input), count: rules.measure, max: rules.max, note: `cada enlace cuenta ${rules.urlWeight}` }
  })
  if (networks.length === 0) return null

  return (
    <section className="social-previews" aria-label="Vista previa en redes sociales">
      <h4>Vista previa en redes</h4>
      {networks.map(({ key, name, text, count, max, note }) => {
        const used = count(text)
        return (
          <figure key={key} className="social-previews__post" data-network={key}>
            <figcaption>{name}</figcaption>
            <p className="social-previews__text">{text}</p>
            <p className={`social-previews__count${used > max ? ' social-previews__count--over' : ''}`} aria-live="polite">
              {used}/{max} ({note})
            </p>
          </figure>
        )
      })}
      <p className="social-previews__note">La imagen principal va con su texto alternativo; si el texto no cabe, se recorta en una palabra completa.</p>
    </section>
  )
}
