import type { PortalBulletin, PortalImage } from '../content/PortalContent'

/** Site-relative URL of a bulletin page; the build writes it as /boletines/<slug>/index.html. */
export function bulletinPath(bulletin: Pick<PortalBulletin, 'slug'>): string {
  return `/boletines/${bulletin.slug}/`
}

/** Site-relative URL of a published image; buildPortal links exactly these files into <out>/media/. */
export function mediaPath(image: Pick<PortalImage, 'filename'>): string {
  return `/media/${encodeURIComponent(image.filename)}`
}
