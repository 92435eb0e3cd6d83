/** Synthetic published content for the portal benchmarks: bulletins across departments, kinds and months, and programs. */
import type { PortalBulletinKind, PortalContent, PortalProgramStatus } from '@pregon/site/content'

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
