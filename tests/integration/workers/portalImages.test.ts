import fs from 'node:fs/promises'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { publishPortal } from '@pregon/site/publish'
import { exportPortalContent } from '@pregon/workers/portal/exportPortalContent'
import { buildBulletin, buildJpeg, buildPdf } from '../../helpers/builders'
import { startTestPayload, type TestPayload } from '../../helpers/startTestPayload'

let t: TestPayload

beforeAll(async () => {
  t = await startTestPayload()
})
afterAll(async () => t?.close())

const uploadPhoto = async (alt: string, width: number, height: number) => {
  const data = await buildJpeg({ width, height })
  return t.payload.create({ collection: 'media', data: { alt, showsPublicServant: 'no' }, file: { data, mimetype: 'image/jpeg', name: 'plaza.jpg', size: data.length } })
}

it('serves each published photo as a responsive picture from its renditions, with its Open Graph crop for link previews', async () => {
  const photo = await uploadPhoto('Vecinos en la reapertura de la plaza principal', 2000, 1500)
  const draftPhoto = await uploadPhoto('Foto de un borrador', 1200, 900)
  const published = await buildBulletin(t.payload, { title: 'Reabre la plaza principal', heroImage: photo.id, status: 'published', skipDistribution: true })
  await buildBulletin(t.payload, { title: 'Borrador con foto', heroImage: draftPhoto.id })

  const file = path.join(t.config.portalDir, 'content.json')
  await exportPortalContent({ payload: t.payload, siteUrl: 'http://localhost:4321', file, mediaDir: t.config.mediaDir })
  await publishPortal({ contentFile: file, portalDir: t.config.portalDir, mediaDir: t.config.mediaDir })
  const built = path.join(t.config.portalDir, 'current')
  const page = await fs.readFile(path.join(built, 'boletines', published.slug, 'index.html'), 'utf8')

  const picture = page.match(/<picture>[\s\S]*?<\/picture>/)?.[0] ?? ''
  const srcset = (type: string) => picture.match(new RegExp(`<source type="${type}" srcset="([^"]+)"`))?.[1] ?? ''
  for (const type of ['image/avif', 'image/webp']) {
    expect(srcset(type).split(', ').map((entry) => entry.split(' ')[1])).toEqual(['480w', '960w', '1600w'])
  }
  const img = picture.match(/<img[^>]*>/)?.[0] ?? ''
  expect(img).toContain('alt="Vecinos en la reapertura de la plaza principal"')
  expect(img).toMatch(/srcset="[^"]*-w480-jpeg\.jpg 480w/)
  expect(img).toMatch(/style="background-image:url\(data:image\/webp;base64,[A-Za-z0-9+/=]+\)/)
  // Every file the page names is in the build, and is what it claims.
  const files = [...picture.matchAll(/\/media\/([^" ]+)/g)].map((match) => decodeURIComponent(match[1]!))
  expect(files.length).toBe(10)
  for (const name of files) await fs.access(path.join(built, 'media', name))
  const w480 = await sharp(path.join(built, 'media', files.find((name) => name.endsWith('-w480-avif.avif'))!)).metadata()
  expect([w480.width, w480.height]).toEqual([480, 360])

  const ogImage = page.match(/<meta property="og:image" content="([^"]+)"/)?.[1]
  expect(ogImage).toMatch(/^http:\/\/localhost:4321\/media\/plaza[^/]*-og-50-50\.jpg$/)
  expect(page).toContain('<meta property="og:image:width" content="1200">')
  expect(page).toContain('<meta property="og:image:height" content="630">')
  await fs.access(path.join(built, 'media', path.basename(new URL(ogImage!).pathname)))
  // Nothing of the draft's photo is published.
  const draftFiles = [draftPhoto.filename, ...Object.values(draftPhoto.sizes ?? {}).map((size) => size?.filename)]
  const publishedMedia = await fs.readdir(path.join(built, 'media'))
  for (const name of draftFiles) if (name) expect(publishedMedia).not.toContain(name)
})

it('shows a bulletin’s gallery, its documents with their size, and its spokesperson, linking only those files', async () => {
  const photos = [await uploadPhoto('Entrega de útiles en la escuela Benito Juárez', 1600, 1200), await uploadPhoto('Madres de familia reciben los paquetes', 1600, 1200)]
  const pdf = buildPdf('Padrón de beneficiarios')
  const document = await t.payload.create({
    collection: 'media',
    data: { alt: 'Padrón de beneficiarios del programa' },
    file: { data: pdf, mimetype: 'application/pdf', name: 'padron.pdf', size: pdf.length },
  })
  const draft = await buildBulletin(t.payload, {
    title: 'Entregan útiles escolares',
    gallery: photos.map((photo) => photo.id),
    attachments: [document.id],
    spokesperson: 'Lic. Ana Ruiz, directora de Educación',
    status: 'published',
    skipDistribution: true,
  })

  const file = path.join(t.config.portalDir, 'content.json')
  await exportPortalContent({ payload: t.payload, siteUrl: 'http://localhost:4321', file, mediaDir: t.config.mediaDir })
  await publishPortal({ contentFile: file, portalDir: t.config.portalDir, mediaDir: t.config.mediaDir })
  const built = path.join(t.config.portalDir, 'current')
  const page = await fs.readFile(path.join(built, 'boletines', draft.slug, 'index.html'), 'utf8')

  const gallery = page.match(/<section class="gallery"[\s\S]*?<\/section>/)?.[0] ?? ''
  expect(gallery.match(/<picture>/g)).toHaveLength(2)
  expect(gallery).toContain('alt="Madres de familia reciben los paquetes"')
  expect(gallery).toContain('loading="lazy"')
  const link = page.match(/<a href="\/media\/([^"]+)" download>Padrón de beneficiarios del programa<\/a>/)
  expect(link?.[1]).toBe(document.filename)
  expect(page).toContain(`(PDF, ${Math.round(pdf.length / 1024) || 1} KB)`)
  expect(await fs.readFile(path.join(built, 'media', document.filename!))).toEqual(pdf)
  expect(page).toContain('Vocería: Lic. Ana Ruiz, directora de Educación')
})
