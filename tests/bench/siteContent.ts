/** Synthetic published content for the portal benchmarks: bulletins across departments, kinds and months, and programs. */
import type { PortalBulletinKind, PortalContent, PortalImage, PortalProgramStatus } from '@pregon/site/content'

const DAY = 24 * 60 * 60 * 1000
const NOW = Date.UTC(2026, 10, 23, 12)
const DEPARTMENTS = ['Obras Públicas', 'Salud', 'Desarrollo Social', 'Seguridad Ciudadana', 'Cultura', 'Educación', 'Medio Ambiente', 'Tesorería', 'DIF Municipal', 'Protección Civil', 'Turismo', 'Deporte'].map(
  (name) => ({ name, slug: name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, '-') }),
)
const KINDS: PortalBulletinKind[] = ['boletin', 'comunicado', 'aviso', 'posicionamiento']
const STATUSES: PortalProgramStatus[] = ['abierta', 'cierra-pronto', 'proximamente', 'cerrada']

/** One bulletin's text, varied by its number so the search index and pages are not all alike. */
export const benchBulletinBody = (n: number) =>
  [
    `<p>El Ayuntamiento informa que el programa número ${n} beneficiará a las familias de la colonia ${n % 97} con obras de drenaje, alumbrado y pavimentación.</p>`,
    '<p>Las personas interesadas pueden acudir a la oficina de atención ciudadana de lunes a viernes, de 9:00 a 15:00 horas, con identificación oficial y comprobante de domicilio.</p>',
    `<p>La inversión es de ${(n * 13_791) % 9_000_000} pesos, con recursos municipales y estatales; los trabajos durarán ${1 + (n % 12)} semanas.</p>`,
    '<h2>Rutas alternas</h2><ul><li>Avenida Hidalgo</li><li>Calle Morelos</li><li>Boulevard Juárez</li></ul>',
  ].join('')

export function siteBenchContent(bulletins: number, programs: number): PortalContent {
  return {
    generatedAt: new Date(NOW).toISOString(),
    site: { name: 'Municipio de Prueba', url: 'http://localhost:4321', timeZone: 'America/Mexico_City', description: 'Banco de pruebas del portal' },
    bulletins: Array.from({ length: bulletins }, (_, i) => {
      const n = bulletins - i
      return {
        id: String(n),
        slug: `boletin-${n}`,
        title: `Boletín ${n}: avance de obras en la colonia ${n % 97}`,
        summary: `El Ayuntamiento informa a la ciudadanía sobre los avances de la obra ${n} y las rutas alternas.`,
        bodyHtml: benchBulletinBody(n),
        publishedAt: new Date(NOW - i * (DAY / 6)).toISOString(),
        department: DEPARTMENTS[n % DEPARTMENTS.length]!,
        kind: KINDS[n % KINDS.length]!,
        hero: null,
      }
    }),
    programs: Array.from({ length: programs }, (_, i) => {
      const status = STATUSES[i % STATUSES.length]!
      const opens = status === 'proximamente' ? NOW + 10 * DAY : NOW - 30 * DAY
      const closes = status === 'cerrada' ? NOW - 2 * DAY : status === 'cierra-pronto' ? NOW + 3 * DAY : NOW + 40 * DAY
      return {
        id: String(i + 1),
        slug: `programa-${i + 1}`,
        title: `Programa ${i + 1}: apoyo para ${['vivienda', 'becas', 'huertos', 'emprendimiento'][i % 4]}`,
        summary: 'Apoyo económico para familias del municipio.',
        issuingLevel: (['municipal', 'estatal', 'federal'] as const)[i % 3]!,
        agency: 'Desarrollo Social',
        eligibility: 'Personas mayores de 18 años que vivan en el municipio.',
        requirements: ['Identificación oficial', 'Comprobante de domicilio'],
        documents: ['Solicitud firmada'],
        howToApply: 'En la ventanilla de Desarrollo Social o en línea.',
        contact: 'desarrollo.social@municipio.test',
        opensAt: new Date(opens).toISOString(),
        closesAt: new Date(closes).toISOString(),
        status,
        attachments: [],
        publishedAt: new Date(opens - DAY).toISOString(),
      }
    }),
  }
}

const TOPICS = [
  'Agua potable', 'Alumbrado', 'Bacheo', 'Becas', 'Cultura comunitaria', 'Deporte escolar', 'Drenaje', 'Empleo', 'Ferias', 'Fiestas patrias',
  'Huertos urbanos', 'Lluvias', 'Mercados', 'Movilidad', 'Mujeres', 'Niñez', 'Parques', 'Personas mayores', 'Predial', 'Reciclaje',
  'Salud preventiva', 'Seguridad vial', 'Temporada de calor', 'Transparencia', 'Turismo local', 'Vacunación', 'Vivienda', 'Juventud', 'Bomberos', 'Bibliotecas',
].map((name) => ({ name, slug: name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, '-') }))
const SPOKESPEOPLE = ['Coordinación de Comunicación Social', 'Dirección de Obras Públicas', 'Presidencia Municipal']
const PLACES = ['Plaza principal', 'Auditorio municipal', 'Unidad deportiva norte', 'Casa de la Cultura']
/** The office reuses its photos: this many, each in every rendition. */
const PHOTOS = 60
const PLACEHOLDER = 'data:image/webp;base64,UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoBAAEAAwA0JaQAA3AA/vuUAAA='

function photo(n: number): PortalImage {
  const name = `foto-${n}`
  const file = (suffix: string, mimeType: string, width: number) => ({ filename: `${name}${suffix}`, width, height: Math.round((width * 2) / 3), mimeType })
  return {
    ...file('-640.jpg', 'image/jpeg', 640),
    alt: `Fotografía ${n} de la oficina de comunicación`,
    sources: [480, 960, 1600].flatMap((width) => [file(`-${width}.avif`, 'image/avif', width), file(`-${width}.webp`, 'image/webp', width), file(`-${width}.jpg`, 'image/jpeg', width)]),
    share: { filename: `${name}-og.jpg`, width: 1200, height: 630, mimeType: 'image/jpeg' },
    fetchedCrops: [{ filename: `${name}-4x5.jpg`, width: 1080, height: 1350, mimeType: 'image/jpeg' }],
    placeholder: PLACEHOLDER,
  }
}

/**
 * The content of a municipality's decade of publishing, for the full-build bench: a photo on a third of the
 * bulletins (from a library of PHOTOS, reused), galleries and documents on some, zero to two topics each,
 * corrections on 2 % and withdrawals of 0.5 % (their notices, the latest still in feeds), spokespeople and places,
 * and programs with documents and corrections. Deterministic. The media files it names are `mediaFiles`.
 */
export function realisticSiteContent({ bulletins, programs }: { bulletins: number; programs: number }): { content: PortalContent; mediaFiles: string[] } {
  const content = siteBenchContent(bulletins, programs)
  const photos = Array.from({ length: PHOTOS }, (_, i) => photo(i + 1))
  const withdrawn: NonNullable<PortalContent['withdrawn']> = []
  content.bulletins = content.bulletins.filter((bulletin) => {
    const n = Number(bulletin.id)
    if (n % 200 === 7) {
      const withdrawnAt = new Date(Date.parse(bulletin.publishedAt) + DAY).toISOString()
      withdrawn.push({ slug: bulletin.slug, title: bulletin.title, publishedAt: bulletin.publishedAt, withdrawnAt, notice: 'Información duplicada; consulte el boletín vigente.', isInFeeds: NOW - Date.parse(withdrawnAt) < 30 * DAY, department: bulletin.department })
      return false
    }
    if (n % 3 === 0) bulletin.hero = photos[n % PHOTOS]!
    if (n % 20 === 1) bulletin.gallery = [1, 2, 3].map((k) => photos[(n + k * 7) % PHOTOS]!)
    if (n % 20 === 2) bulletin.attachments = [{ filename: `documento-${n % 40}.pdf`, title: 'Bases de la convocatoria', bytes: 120_000 + (n % 40) * 1_000, mimeType: 'application/pdf' }]
    if (n % 5 !== 4) bulletin.topics = [TOPICS[n % TOPICS.length]!, ...(n % 2 === 0 ? [TOPICS[(n * 7 + 3) % TOPICS.length]!] : [])].filter((t, i, all) => all.indexOf(t) === i)
    if (n % 50 === 3) bulletin.corrections = [{ at: new Date(Date.parse(bulletin.publishedAt) + DAY / 4).toISOString(), note: 'Se corrigió el horario de atención.' }]
    if (n % 4 === 1) bulletin.spokesperson = SPOKESPEOPLE[n % SPOKESPEOPLE.length]!
    if (n % 6 === 5) {
      bulletin.place = PLACES[n % PLACES.length]!
      bulletin.eventDate = new Date(Date.parse(bulletin.publishedAt) + 2 * DAY).toISOString()
    }
    return true
  })
  content.withdrawn = withdrawn
  for (const [i, program] of (content.programs ?? []).entries()) {
    if (i % 3 === 0) program.attachments = [{ filename: `reglas-${i % 25}.pdf`, title: 'Reglas de operación', bytes: 250_000, mimeType: 'application/pdf' }]
    if (i % 40 === 5) program.corrections = [{ at: program.publishedAt, note: 'Se amplió la fecha límite.' }]
  }
  const imageFiles = (image: PortalImage) => [image.filename, ...(image.sources ?? []).map((s) => s.filename), image.share!.filename, ...(image.fetchedCrops ?? []).map((c) => c.filename)]
  const mediaFiles = [
    ...photos.flatMap(imageFiles),
    ...Array.from({ length: 40 }, (_, n) => `documento-${n}.pdf`),
    ...Array.from({ length: 25 }, (_, n) => `reglas-${n}.pdf`),
  ]
  return { content, mediaFiles }
}
