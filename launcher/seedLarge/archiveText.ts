/**
 * Spanish press-office text for a large synthetic archive, varied by the bulletin's number so no two bulletins
 * read alike (search, pages and indexes see realistic variety), built from phrase banks, not lorem ipsum.
 */
import { paragraphsToLexical } from '@pregon/cms/seed/paragraphsToLexical'

const pick = <T>(list: readonly T[], n: number): T => list[((n % list.length) + list.length) % list.length]!

const ACTIONS = ['inaugura', 'anuncia', 'concluye', 'inicia', 'amplía', 'rehabilita', 'entrega', 'presenta', 'supervisa', 'refuerza'] as const
const SUBJECTS = [
  'la pavimentación de la calle Morelos',
  'el programa de becas para estudiantes de secundaria',
  'la campaña de vacunación antirrábica',
  'el operativo de temporada de lluvias',
  'la rehabilitación del mercado municipal',
  'la jornada de salud visual gratuita',
  'el festival cultural de otoño',
  'el alumbrado público en la colonia Centro',
  'la red de agua potable en San Isidro',
  'la limpieza del cauce del arroyo El Sauz',
  'el torneo municipal de fútbol infantil',
  'la feria del empleo',
  'los huertos comunitarios en escuelas',
  'el padrón de comercio en vía pública',
  'el programa de descuentos en el predial',
  'la reforestación del cerro de La Cruz',
] as const
const PLACES = ['San Isidro', 'El Mirador', 'La Loma', 'Centro', 'Las Flores', 'Santa Rosa', 'El Carmen', 'Lomas del Valle', 'Tierra Blanca', 'Los Pinos', 'San Miguel', 'La Estación'] as const
const OPENINGS = [
  'El Ayuntamiento informa a la ciudadanía que',
  'Por instrucción de la presidencia municipal,',
  'Con una inversión compartida con el gobierno del estado,',
  'A petición de las y los vecinos,',
  'Como parte del plan municipal de desarrollo,',
  'Para atender el reporte ciudadano,',
] as const
const DETAILS = [
  'Las personas interesadas pueden acudir a la oficina de atención ciudadana de lunes a viernes, de 9:00 a 15:00 horas, con identificación oficial y comprobante de domicilio.',
  'Se recomienda a la población tomar precauciones, atender las indicaciones del personal y reportar cualquier incidente al número de emergencias.',
  'Los trabajos se realizarán por etapas para no afectar la circulación; se colocará señalización preventiva en los cruces principales.',
  'La atención es gratuita y no requiere cita; habrá módulos con intérprete de lengua de señas y de lenguas indígenas.',
  'Los resultados se publicarán en el portal del municipio y en los estrados de la presidencia municipal.',
  'Las quejas y sugerencias se reciben en el buzón ciudadano y en el correo de contraloría social.',
] as const
const HEADINGS = ['Rutas alternas', 'Requisitos', 'Horarios de atención', 'Calendario', 'Qué hacer en caso de emergencia', 'Próximos pasos'] as const
export const TOPICS = ['agua', 'lluvias', 'becas', 'salud', 'obras', 'cultura', 'deporte', 'empleo', 'seguridad', 'medio ambiente', 'predial', 'vacunación', 'escuelas', 'mercados'] as const
export const SPOKESPEOPLE = ['Lucía Méndez, coordinadora de prensa', 'Ernesto Salinas, titular de Comunicación Social', 'Mariana Ortiz, vocera de Protección Civil', 'Jorge Ramírez, director de Obras Públicas'] as const

export interface ArchiveText {
  title: string
  summary: string
  place: string
  paragraphs: string[]
  topics: string[]
}

/** The text of bulletin number `n` of the archive (1-based). */
export function archiveText(n: number): ArchiveText {
  const subject = pick(SUBJECTS, n * 7 + Math.floor(n / 16))
  const place = pick(PLACES, n * 5 + Math.floor(n / 12))
  const action = pick(ACTIONS, n * 3 + Math.floor(n / 10))
  const families = 40 + ((n * 7919) % 2960)
  const pesos = (((n * 13_791) % 9_000) + 150) * 1000
  const weeks = 1 + (n % 12)
  const paragraphs = [
    `${pick(OPENINGS, n)} ${action === 'inicia' ? 'inició' : 'esta semana se'} ${action} ${subject} en ${place}, en beneficio de ${families.toLocaleString('es-MX')} familias.`,
    pick(DETAILS, n * 11),
    `La inversión asciende a ${pesos.toLocaleString('es-MX')} pesos, con recursos municipales y estatales; los trabajos durarán ${weeks} ${weeks === 1 ? 'semana' : 'semanas'} y serán supervisados por la contraloría social del barrio.`,
    `## ${pick(HEADINGS, n * 13)}`,
    pick(DETAILS, n * 17 + 3),
    `Para más información, comunicarse al teléfono 55 ${String(1000 + (n % 9000)).padStart(4, '0')} ${String((n * 37) % 10000).padStart(4, '0')} o escribir a atencion@municipio.gob.mx (boletín ${n}).`,
  ]
  return {
    title: `${capitalize(action)} ${subject} en ${place} (${n})`.slice(0, 200),
    summary: `El Ayuntamiento ${action} ${subject} en ${place}; ${families.toLocaleString('es-MX')} familias se benefician.`,
    place,
    paragraphs,
    topics: [pick(TOPICS, n), pick(TOPICS, n * 3 + 1)].filter((topic, i, all) => all.indexOf(topic) === i),
  }
}

export const archiveBody = (text: ArchiveText) => paragraphsToLexical(text.paragraphs)

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
