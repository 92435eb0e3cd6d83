'use client'
import { useConfig, useFormFields } from '@payloadcms/ui'
import { useEffect, useState } from 'react'
import { CHANNEL_LABELS, composePostFor, postTextField, postTextRules, SOCIAL_CHANNELS, socialSpec } from '@pregon/core/channels'
import { itemLink, programPostTexts, type DistributedCollection } from '@pregon/core/distributedItem'
import { slugify } from '@pregon/core/slugify'

/** Where the posts will link, as the worker builds it: the portal's address and the slug (or the one the title will get). */
export function useBulletinLink(siteUrl: string, collection: DistributedCollection = 'bulletins'): string {
  const title = useFormFields(([fields]) => fields.title?.value) as string | undefined
  const slug = useFormFields(([fields]) => fields.slug?.value) as string | undefined
  return itemLink(siteUrl, collection, slug || slugify(title ?? '') || '…')
}

/** A program's words per network, made from its name, lead and dates as the editor types them (as the worker makes them). */
function useProgramTexts(timeZone: string): Record<string, unknown> {
  const [title, summary, opensAt, closesAt] = useFormFields(([fields]) => [fields.title?.value, fields.summary?.value, fields.opensAt?.value, fields.closesAt?.value]) as Array<string | undefined>
  return programPostTexts({ title: title ?? '', summary, opensAt, closesAt }, timeZone)
}

interface HeroCrops {
  alt: string
  /** Each crop's address in the admin, by name (x, og, vertical, square), and the original's. */
  urls: Record<string, string | undefined>
}

/** The chosen main image's crops, read from the media API as the editor changes it. */
function useHeroCrops(): HeroCrops | null {
  const { config } = useConfig()
  const value = useFormFields(([fields]) => fields.heroImage?.value) as number | string | { id: number } | null | undefined
  const id = value && typeof value === 'object' ? value.id : value
  const [hero, setHero] = useState<HeroCrops | null>(null)
  useEffect(() => {
    if (!id) return setHero(null)
    const controller = new AbortController()
    fetch(`${config.serverURL}${config.routes.api}/media/${id}?depth=0`, { credentials: 'include', signal: controller.signal })
      .then((response) => (response.ok ? response.json() : null))
      .then((media: { alt?: string; url?: string; sizes?: Record<string, { url?: string | null }> } | null) => {
        if (!media) return setHero(null)
        const urls = Object.fromEntries(Object.entries(media.sizes ?? {}).map(([name, size]) => [name, size.url ?? undefined]))
        setHero({ alt: media.alt ?? '', urls: { ...urls, original: media.url } })
      })
      .catch(() => {})
    return () => controller.abort()
  }, [id, config.serverURL, config.routes.api])
  return hero
}

/**
 * How the post will look on each network while the editor types: its text and the count that network applies,
 * from the composer the worker posts with (core/channels), and the crop of the main image it gets, in that
 * network's shape (16:9 for X and Mastodon, the link-preview shape for Facebook, Bluesky and Telegram, 4:5 for
 * Instagram and Threads). The preview is the post.
 */
export function SocialPreviews({ siteUrl, collection = 'bulletins', timeZone = 'America/Mexico_City' }: { siteUrl: string; collection?: DistributedCollection; timeZone?: string }) {
  const title = useFormFields(([fields]) => fields.title?.value) as string | undefined
  // Every network's own text, so each preview follows its field as the editor types; a program's are made from it.
  const ownTexts = useFormFields(([fields]) => Object.fromEntries(SOCIAL_CHANNELS.map((channel) => [postTextField(channel), fields[postTextField(channel)]?.value])))
  const programTexts = useProgramTexts(timeZone)
  const texts = collection === 'programs' ? programTexts : ownTexts
  const channels = useFormFields(([fields]) => fields.distributeTo?.value) as string[] | undefined
  const url = useBulletinLink(siteUrl, collection)
  const hero = useHeroCrops()
  const networks = SOCIAL_CHANNELS.filter((channel) => !Array.isArray(channels) || channels.includes(channel)).map((channel) => {
    const { max, urlWeight } = postTextRules(channel)
    const note = urlWeight === null ? 'el enlace cuenta sus caracteres' : `cada enlace cuenta ${urlWeight}`
    const crop = socialSpec(channel).crop ?? 'og'
    const image = hero ? (hero.urls[crop] ?? hero.urls.original) : undefined
    return { key: channel, name: CHANNEL_LABELS[channel], post: composePostFor(channel, { item: texts, title: title ?? '', url }), max, note, crop, image }
  })
  if (networks.length === 0) return null

  return (
    <section className="social-previews" aria-label="Vista previa en redes sociales">
      <h4>Vista previa en redes</h4>
      {networks.map(({ key, name, post, max, note, crop, image }) => (
        <figure key={key} className="social-previews__post" data-network={key}>
          <figcaption>{name}</figcaption>
          <p className="social-previews__text">{post.text}</p>
          <p className={`social-previews__count${post.length > max ? ' social-previews__count--over' : ''}`} aria-live="polite">
            {post.length.toLocaleString('es-MX')}/{max.toLocaleString('es-MX')} ({note})
            {post.isShortened ? ` · el texto completo mide ${post.fullLength}: se recortó para que quepa` : ''}
          </p>
          {image ? (
            <img className={`social-previews__image social-previews__image--${crop}`} src={image} alt={hero?.alt ?? ''} loading="lazy" />
          ) : key === 'instagram' ? (
            <p className="social-previews__warning">
              {collection === 'programs'
                ? 'Instagram solo publica con foto y los programas no llevan imagen: no se publica ahí.'
                : 'Instagram solo publica con foto: sin imagen principal no se publica ahí.'}
            </p>
          ) : null}
        </figure>
      ))}
      <p className="social-previews__note">
        {collection === 'programs'
          ? 'El texto se arma con el nombre, la entrada y las fechas: la fecha límite va primero en las redes de textos cortos. Si no cabe, se recorta el nombre en una palabra completa.'
          : 'Cada red recibe el recorte de la imagen principal que mejor muestra, con su texto alternativo; si el texto no cabe, se recorta en una palabra completa.'}
      </p>
    </section>
  )
}
