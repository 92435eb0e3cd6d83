import type { Bulletin, Media } from '@pregon/cms/worker'
import type { Payload } from 'payload'
import type { Config } from '@pregon/core/loadConfig'
import { renderPressEmail, type PressPhoto } from './renderPressEmail'
import type { PressMessageTemplate } from './personalizePressEmail'

const absolute = (cmsUrl: string, url: string) => (/^https?:\/\//.test(url) ? url : `${cmsUrl}${url.startsWith('/') ? '' : '/'}${url}`)

/** The bulletin's photos as journalists download them: the original file, described by its alt text. */
export function pressPhotos(bulletin: Pick<Bulletin, 'heroImage' | 'gallery'>, cmsUrl: string): PressPhoto[] {
  const media = [bulletin.heroImage, ...(bulletin.gallery ?? [])].filter((m): m is Media => !!m && typeof m === 'object')
  const seen = new Set<number>()
  return media.flatMap((m) => {
    if (seen.has(m.id) || !m.url || !(m.mimeType ?? '').startsWith('image/')) return []
    seen.add(m.id)
    return [{ url: absolute(cmsUrl, m.url), alt: m.alt, credit: (m as Media & { credit?: string | null }).credit ?? null }]
  })
}

/** Renders the mailing's message once, with everything the office states about itself in the settings. */
export async function preparePressEmail({
  payload,
  config,
  bulletin,
  url,
  embargoUntil,
}: {
  payload: Payload
  config: Readonly<Config>
  bulletin: Bulletin
  url: string
  embargoUntil: Date | null
}): Promise<PressMessageTemplate> {
  const settings = await payload.findGlobal({ slug: 'site-settings' })
  const email = await renderPressEmail({
    bulletin,
    url,
    office: settings.officeName,
    municipality: settings.municipalityName,
    embargoUntil,
    timeZone: settings.timeZone,
    photos: pressPhotos(bulletin, config.cms.url),
    privacyNoticeUrl: settings.privacyNoticeUrl,
    spokesperson: { name: settings.spokespersonName, email: settings.spokespersonEmail ?? settings.contactEmail },
  })
  return { ...email, replyTo: settings.spokespersonEmail ?? settings.contactEmail ?? null }
}
