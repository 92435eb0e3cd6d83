import fs from 'node:fs/promises'
import path from 'node:path'
import type { Bulletin, Department, Media } from '@pregon/cms/payload-types'
import type { PortalBulletin, PortalContent, PortalImage, PortalWithdrawal } from '@pregon/site/content'
import { convertLexicalToHTML } from '@payloadcms/richtext-lexical/html'
import { CARD_RENDITION } from '@pregon/media'
import type { Payload } from 'payload'
import sanitizeHtml from 'sanitize-html'

const PAGE_SIZE = 500

/**
 * Writes the portal's input: published bulletins only. The query runs with access control on and no
 * user, i.e. exactly as an anonymous citizen, so a draft cannot reach the portal even by mistake here.
 */
export async function exportPortalContent({
  payload,
  siteUrl,
  file,
}: {
  payload: Payload
  siteUrl: string
  file: string
}): Promise<PortalContent> {
  const settings = await payload.findGlobal({ slug: 'site-settings', overrideAccess: false })
  const bulletins: PortalBulletin[] = []
  for (let page = 1; ; page++) {
    const result = await payload.find({
      collection: 'bulletins',
      overrideAccess: false,
      where: { _status: { equals: 'published' } },
      sort: '-publishedAt',
      depth: 1,
      limit: PAGE_SIZE,
      page,
    })
    bulletins.push(...result.docs.map(toPortalBulletin))
    if (!result.hasNextPage) break
  }
  const content: PortalContent = {
    // Derived from the content, not the clock, so identical content gives identical files.
    generatedAt: bulletins[0]?.publishedAt ?? new Date(0).toISOString(),
    site: {
      name: settings.municipalityName,
      url: siteUrl,
      timeZone: settings.timeZone,
      description: settings.description ?? '',
    },
    bulletins,
    withdrawn: await withdrawnNotices(payload),
  }
  await fs.mkdir(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  await fs.writeFile(temporary, JSON.stringify(content))
  await fs.rename(temporary, file)
  return content
}

function toPortalBulletin(bulletin: Bulletin): PortalBulletin {
  const department = typeof bulletin.department === 'object' && bulletin.department ? (bulletin.department as Department) : null
  return {
    id: String(bulletin.id),
    slug: bulletin.slug,
    title: bulletin.title,
    summary: bulletin.summary,
    bodyHtml: bodyToHtml(bulletin.body),
    publishedAt: bulletin.publishedAt ?? bulletin.updatedAt,
    department: department ? { name: department.name, slug: department.slug } : null,
    hero: toPortalImage(bulletin.heroImage),
    corrections: (bulletin.corrections ?? []).map(({ at, note }) => ({ at, note })),
  }
}

/**
 * Bulletins that were published and then withdrawn: only their address, title and the public notice leave
 * the CMS (read as the system, since the public may no longer read the item itself).
 */
async function withdrawnNotices(payload: Payload): Promise<PortalWithdrawal[]> {
  const { docs } = await payload.find({
    collection: 'bulletins',
    where: { and: [{ workflowState: { equals: 'withdrawn' } }, { _status: { equals: 'draft' } }, { publishedAt: { exists: true } }] },
    select: { slug: true, title: true, publishedAt: true, withdrawal: true },
    depth: 0,
    pagination: false,
    sort: '-publishedAt',
  })
  return docs.flatMap((doc) =>
    doc.publishedAt && doc.withdrawal?.at
      ? [{ slug: doc.slug, title: doc.title, publishedAt: doc.publishedAt, withdrawnAt: doc.withdrawal.at, reason: doc.withdrawal.reason ?? '' }]
      : [],
  )
}

function toPortalImage(value: Bulletin['heroImage']): PortalImage | null {
  if (!value || typeof value !== 'object') return null
  const media = value as Media
  const card = (media.sizes as Record<string, { filename?: string | null; width?: number | null; height?: number | null; mimeType?: string | null } | undefined> | undefined)?.[CARD_RENDITION]
  // The 960px rendition when there is one; the pipeline issue brings full responsive sets.
  const use = card?.filename ? card : media
  if (!use.filename) return null
  return {
    filename: use.filename,
    alt: media.alt,
    width: use.width ?? 0,
    height: use.height ?? 0,
    mimeType: use.mimeType ?? 'image/jpeg',
  }
}

function bodyToHtml(body: Bulletin['body']): string {
  const html = convertLexicalToHTML({ data: body as Parameters<typeof convertLexicalToHTML>[0]['data'], disableContainer: true })
  // Editors' links and pasted markup end up on the public site: keep structure, drop scripts and handlers.
  return sanitizeHtml(html, {
    allowedTags: sanitizeHtml.defaults.allowedTags.concat(['img']),
    allowedAttributes: { a: ['href', 'rel'], img: ['src', 'alt', 'width', 'height', 'loading'] },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener' }) },
  })
}
