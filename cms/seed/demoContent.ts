import type { Classification } from '@pregon/core/law/blackout'
/** A fictional municipality for demos and tests: no real people, places or outlets. */
export const DEMO_PASSWORD = 'pregon-demo-2026'

export const DEMO_USERS = [
  { email: 'admin@pregon.test', name: 'Administración Pregón', role: 'admin' },
  { email: 'aprobador@pregon.test', name: 'Ernesto Salinas (titular)', role: 'approver' },
  { email: 'editor@pregon.test', name: 'Lucía Méndez', role: 'editor' },
] as const

export const DEMO_SETTINGS = {
  municipalityName: 'Municipio de Santa Lucía del Valle',
  officeName: 'Coordinación de Comunicación Social',
  description: 'Portal oficial de información del H. Ayuntamiento de Santa Lucía del Valle: boletines, avisos y programas.',
  timeZone: 'America/Mexico_City',
  contactEmail: 'comunicacion@pregon.test',
  spokespersonName: 'Laura Méndez, vocera del Ayuntamiento',
  spokespersonEmail: 'vocera@pregon.test',
  privacyNoticeUrl: 'https://santalucia.pregon.test/aviso-de-privacidad',
}

/** The Art. 134 watch list of the demo office, set after its history (approved before the list existed). */
export const DEMO_WATCH_LIST = {
  publicServants: [
    { name: 'María Guadalupe Ramírez Torres', aliases: ['Lupita Ramírez'], titles: ['presidenta municipal', 'alcaldesa'] },
    { name: 'Jorge Alberto Salinas Pérez', titles: ['síndico municipal'] },
  ],
  watchWords: ['Juntos transformamos Santa Lucía', 'guinda'],
}

export const DEMO_DEPARTMENTS = [
  'Obras Públicas',
  'Medio Ambiente',
  'Protección Civil',
  'Desarrollo Social',
  'Salud Municipal',
  'Educación y Cultura',
]

/**
 * Departments' own accounts, beside the municipality's main ones: with no credentials they post as dry runs,
 * so the demo shows a Protección Civil bulletin reaching two Facebook pages without reaching any.
 */
export const DEMO_SOCIAL_ACCOUNTS = [
  { label: 'Protección Civil Santa Lucía', channel: 'facebook', department: 'Protección Civil' },
  { label: 'Alertas de Protección Civil', channel: 'telegram', department: 'Protección Civil' },
  { label: 'Salud Municipal', channel: 'facebook', department: 'Salud Municipal' },
] as const

export const DEMO_MAILING_LISTS = [
  { name: 'Prensa general', audience: 'press' },
  { name: 'Prensa: obras y medio ambiente', audience: 'press' },
  { name: 'Suscriptores: avisos a la ciudadanía', audience: 'subscribers' },
] as const

export const DEMO_PRESS_CONTACTS = [
  {
    name: 'Marco Ibarra',
    outlet: 'Radio Valle 98.5',
    email: 'marco.ibarra@radiovalle.test',
    phone: '555 010 2030',
    beats: ['Obras Públicas', 'Medio Ambiente'],
    lists: ['Prensa general', 'Prensa: obras y medio ambiente'],
  },
  {
    name: 'Andrea Rosales',
    outlet: 'El Heraldo del Valle',
    email: 'andrea.rosales@heraldo.test',
    phone: '555 010 4050',
    beats: ['Salud Municipal', 'Desarrollo Social'],
    lists: ['Prensa general'],
  },
  {
    name: 'Jorge Castañeda',
    outlet: 'Noticias Santa Lucía (digital)',
    email: 'jorge@noticiassl.test',
    phone: '555 010 6070',
    beats: ['Protección Civil'],
    lists: ['Prensa general'],
  },
]

export interface DemoBulletin {
  title: string
  department: string
  summary: string
  paragraphs: string[]
  /** null: not published yet. */
  daysAgo: number | null
  /** How far along the workflow the seed takes it. */
  state: 'draft' | 'in_review' | 'approved' | 'scheduled' | 'published' | 'withdrawn'
  /** What it is for the law (a draft may not have one yet). */
  classification?: Classification
  color: string
  alt: string
}

export const DEMO_BULLETINS: DemoBulletin[] = [
  {
    title: 'Inaugura el Ayuntamiento la planta de tratamiento de aguas residuales de El Sabinal',
    classification: 'logros',
    department: 'Obras Públicas',
    summary: 'La planta tratará 40 litros por segundo y beneficiará a más de 18 mil habitantes de la zona oriente.',
    paragraphs: [
      'La presidenta municipal inauguró este lunes la planta de tratamiento de aguas residuales de El Sabinal, una obra que tratará 40 litros por segundo.',
      '## Beneficio para la zona oriente',
      'Con esta obra, más de 18 mil habitantes de las colonias del oriente dejarán de verter aguas negras al arroyo.',
      '“El agua tratada se usará para riego de áreas verdes”, explicó la directora de Obras Públicas.',
    ],
    daysAgo: 0,
    state: 'published',
    color: '#2f6f8f',
    alt: 'Autoridades municipales recorren los tanques de la nueva planta de tratamiento de El Sabinal',
  },
  {
    title: 'Arranca la campaña de reforestación en el cerro de La Cruz',
    classification: 'campana',
    department: 'Medio Ambiente',
    summary: 'Voluntarios y personal municipal plantarán 5 mil árboles nativos durante noviembre y diciembre.',
    paragraphs: [
      'La Dirección de Medio Ambiente invita a la ciudadanía a sumarse a la campaña de reforestación del cerro de La Cruz.',
      'Las jornadas serán los sábados de 8:00 a 12:00 horas; se recomienda llevar agua, gorra y ropa cómoda.',
    ],
    daysAgo: 1,
    state: 'published',
    color: '#3c7a3c',
    alt: 'Voluntarios plantan árboles jóvenes en una ladera del cerro de La Cruz',
  },
  {
    title: 'Protección Civil emite recomendaciones por el frente frío número 12',
    classification: 'emergencia',
    department: 'Protección Civil',
    summary: 'Se esperan temperaturas de hasta 2 °C en la zona serrana; se habilitan tres refugios temporales.',
    paragraphs: [
      'Ante el ingreso del frente frío número 12, la Coordinación de Protección Civil recomienda abrigarse y evitar el uso de anafres en espacios cerrados.',
      'Los refugios temporales operan en el DIF municipal, la Casa de Cultura y el auditorio de San José.',
    ],
    daysAgo: 2,
    state: 'published',
    color: '#5a5f8f',
    alt: 'Personal de Protección Civil acomoda catres en un refugio temporal',
  },
  {
    title: 'Abre la convocatoria de apoyos para fertilizante 2027',
    classification: 'informativo',
    department: 'Desarrollo Social',
    summary: 'Productores con hasta 5 hectáreas podrán registrarse del 1 al 15 de diciembre en las oficinas de Desarrollo Rural.',
    paragraphs: [
      'El Ayuntamiento abre el registro al programa de apoyo con fertilizante para el ciclo primavera-verano 2027.',
      'Requisitos: identificación oficial, comprobante de domicilio y constancia de posesión de la parcela.',
    ],
    daysAgo: 3,
    state: 'published',
    color: '#8f6a2f',
    alt: 'Costales de fertilizante apilados en una bodega municipal',
  },
  {
    title: 'Jornada de vacunación contra la influenza en centros de salud',
    classification: 'campana',
    department: 'Salud Municipal',
    summary: 'La vacuna se aplica sin costo a mayores de 60 años, embarazadas y niñas y niños de 6 a 59 meses.',
    paragraphs: [
      'Salud Municipal, en coordinación con la Jurisdicción Sanitaria, instala módulos de vacunación en los cinco centros de salud.',
      'Los módulos atienden de lunes a viernes de 8:00 a 14:00 horas.',
    ],
    daysAgo: 4,
    state: 'published',
    color: '#8f2f4f',
    alt: 'Una enfermera aplica una vacuna en el brazo de un adulto mayor',
  },
  {
    title: 'Festival de las Flores reúne a más de 12 mil visitantes',
    classification: 'logros',
    department: 'Educación y Cultura',
    summary: 'Tres días de música, danza y venta de artesanías en la plaza principal.',
    paragraphs: [
      'El Festival de las Flores cerró su edición 2026 con más de 12 mil visitantes y 80 expositores locales.',
      'La Dirección de Educación y Cultura agradeció a los grupos de danza de las comunidades.',
    ],
    daysAgo: 5,
    state: 'published',
    color: '#b0487a',
    alt: 'Bailarinas con trajes típicos sobre el escenario de la plaza principal',
  },
  {
    title: 'Rehabilitan 3.2 kilómetros de la calle Hidalgo',
    classification: 'logros',
    department: 'Obras Públicas',
    summary: 'La obra incluye nuevo drenaje, banquetas accesibles y alumbrado LED.',
    paragraphs: [
      'Concluyó la rehabilitación integral de la calle Hidalgo, entre el mercado municipal y la salida a San Isidro.',
      'Las banquetas cuentan ahora con rampas y guía táctil para personas con discapacidad visual.',
    ],
    daysAgo: 7,
    state: 'published',
    color: '#6b6b6b',
    alt: 'Vista de la calle Hidalgo con banquetas nuevas y luminarias LED',
  },
  {
    title: 'Recolección de residuos electrónicos este sábado',
    classification: 'informativo',
    department: 'Medio Ambiente',
    summary: 'Centro de acopio en el estacionamiento del mercado, de 9:00 a 15:00 horas.',
    paragraphs: [
      'Se reciben computadoras, celulares, pilas y pequeños electrodomésticos; no se reciben llantas ni aceites.',
    ],
    daysAgo: 8,
    state: 'published',
    color: '#2f8f7a',
    alt: 'Cajas con aparatos electrónicos en desuso en un centro de acopio',
  },
  {
    title: 'Simulacro municipal de sismo el próximo miércoles',
    classification: 'informativo',
    department: 'Protección Civil',
    summary: 'Sonará la alerta a las 11:00 horas en escuelas, oficinas y comercios participantes.',
    paragraphs: [
      'Protección Civil invita a escuelas, comercios y hogares a registrarse para participar en el simulacro.',
      'Recuerda: no corro, no grito, no empujo.',
    ],
    daysAgo: 10,
    state: 'published',
    color: '#8f3f2f',
    alt: 'Estudiantes evacuan de forma ordenada el patio de una escuela durante un simulacro',
  },
  {
    title: 'Entregan becas municipales a 450 estudiantes de bachillerato',
    classification: 'logros',
    department: 'Desarrollo Social',
    summary: 'Cada beca otorga 1,500 pesos mensuales durante el ciclo escolar.',
    paragraphs: [
      'El programa de becas municipales beneficia este ciclo a 450 estudiantes de las siete preparatorias del municipio.',
    ],
    daysAgo: 12,
    state: 'published',
    color: '#3f5f8f',
    alt: 'Estudiantes reciben su constancia de beca en el auditorio municipal',
  },
  {
    title: 'Campaña de esterilización canina y felina gratuita',
    classification: 'campana',
    department: 'Salud Municipal',
    summary: 'Se requiere cita previa; cupo de 60 mascotas por día.',
    paragraphs: [
      'Las citas se agendan en el Centro de Control Animal o por teléfono en horario de oficina.',
    ],
    daysAgo: 14,
    state: 'published',
    color: '#7a8f2f',
    alt: 'Un perro mestizo descansa en la sala de recuperación del Centro de Control Animal',
  },
  {
    title: 'La biblioteca pública amplía su horario en temporada de exámenes',
    classification: 'informativo',
    department: 'Educación y Cultura',
    summary: 'Del 1 al 19 de diciembre abrirá de 8:00 a 21:00 horas de lunes a sábado.',
    paragraphs: [
      'La biblioteca pública municipal “Sor Juana Inés de la Cruz” amplía su horario para apoyar a estudiantes.',
    ],
    daysAgo: 16,
    state: 'published',
    color: '#4f3f8f',
    alt: 'Estudiantes leen en las mesas de la biblioteca pública municipal',
  },
  {
    title: 'Ampliarán el horario del Centro de Salud de San Isidro a partir de diciembre',
    classification: 'informativo',
    department: 'Salud Municipal',
    summary: 'El centro atenderá de 7:00 a 21:00 horas, de lunes a sábado, con dos médicos más.',
    paragraphs: [
      'A partir del 1 de diciembre el Centro de Salud de San Isidro ampliará su horario de atención hasta las 21:00 horas.',
      'La medida responde a la demanda de las familias que trabajan fuera de la comunidad durante el día.',
    ],
    daysAgo: null,
    state: 'approved',
    color: '#2f8f6f',
    alt: 'Fachada del Centro de Salud de San Isidro con personas esperando consulta',
  },
  {
    title: 'Cierre parcial de la avenida Juárez por obras de drenaje',
    classification: 'informativo',
    department: 'Obras Públicas',
    summary: 'Del 1 al 15 de diciembre circulará un solo carril entre las calles Hidalgo y Morelos.',
    paragraphs: [
      'La Dirección de Obras Públicas informa que se sustituirá la red de drenaje de la avenida Juárez.',
      'Se recomienda usar la calle Allende como ruta alterna.',
    ],
    daysAgo: null,
    state: 'in_review',
    color: '#8f6f2f',
    alt: 'Maquinaria y trabajadores abren una zanja en la avenida Juárez',
  },
  {
    title: 'Festival navideño en la plaza principal (borrador)',
    department: 'Educación y Cultura',
    summary: 'Posadas, pastorelas y el encendido del árbol del 12 al 23 de diciembre.',
    paragraphs: ['Programa preliminar: falta confirmar horarios con la Dirección de Cultura.'],
    daysAgo: null,
    state: 'draft',
    color: '#8f2f4f',
    alt: 'Árbol navideño iluminado en la plaza principal',
  },
  {
    title: 'Abren inscripciones para los talleres culturales de invierno',
    classification: 'informativo',
    department: 'Educación y Cultura',
    summary: 'Danza, música y pintura para niñas, niños y adultos mayores, sin costo, del 8 de enero al 28 de febrero.',
    paragraphs: ['Las inscripciones se realizarán en la Casa de la Cultura de 9:00 a 15:00 horas.'],
    daysAgo: null,
    state: 'scheduled',
    color: '#5f2f8f',
    alt: 'Niñas y niños en un taller de pintura en la Casa de la Cultura',
  },
  {
    title: 'Suspensión del servicio de agua en la colonia Las Flores',
    classification: 'informativo',
    department: 'Obras Públicas',
    summary: 'Aviso retirado: la fecha publicada era incorrecta.',
    paragraphs: ['El servicio se suspenderá por mantenimiento a la red.'],
    daysAgo: 5,
    state: 'withdrawn',
    color: '#2f4f8f',
    alt: 'Personal de Obras Públicas revisa una válvula de la red de agua',
  },
]

export interface DemoProgram {
  title: string
  issuingLevel: 'federal' | 'estatal' | 'municipal'
  agency: string
  summary: string
  eligibility: string
  requirements: string[]
  documents: string[]
  howToApply: string
  /** Days from the seed's "now"; negative is in the past. */
  opensInDays: number
  closesInDays: number
  state: 'in_review' | 'published'
  classification: Classification
}

export const DEMO_PROGRAMS: DemoProgram[] = [
  {
    title: 'Apoyo para fertilizante 2027',
    classification: 'informativo',
    issuingLevel: 'estatal',
    agency: 'Secretaría de Desarrollo Rural del Estado',
    summary: 'Entrega de fertilizante sin costo para productores de maíz y frijol de temporal.',
    eligibility: 'Productoras y productores del municipio con hasta 5 hectáreas de temporal.',
    requirements: ['Vivir en el municipio', 'Tener hasta 5 hectáreas de temporal', 'No haber recibido el apoyo en 2026'],
    documents: ['Identificación oficial (INE)', 'CURP', 'Comprobante de domicilio reciente', 'Constancia de posesión de la parcela'],
    howToApply: 'En la Dirección de Desarrollo Rural (Palacio Municipal, planta baja), de lunes a viernes de 9:00 a 15:00.',
    opensInDays: -10,
    closesInDays: 5,
    state: 'published',
  },
  {
    title: 'Becas municipales de transporte para estudiantes',
    classification: 'informativo',
    issuingLevel: 'municipal',
    agency: 'Dirección de Educación y Cultura',
    summary: 'Tarjeta de transporte con 40 viajes al mes para estudiantes de bachillerato y universidad.',
    eligibility: 'Estudiantes de 15 a 24 años inscritos en escuelas públicas.',
    requirements: ['Estar inscrito en una escuela pública', 'Promedio mínimo de 8'],
    documents: ['Constancia de estudios', 'Boleta del último periodo', 'CURP'],
    howToApply: 'En línea en el portal o en la Casa de la Cultura.',
    opensInDays: 3,
    closesInDays: 33,
    state: 'published',
  },
  {
    title: 'Programa de mejoramiento de vivienda',
    classification: 'informativo',
    issuingLevel: 'federal',
    agency: 'Comisión Nacional de Vivienda',
    summary: 'Apoyos para techos, pisos y baños en viviendas de zonas prioritarias.',
    eligibility: 'Familias de las localidades prioritarias que publica la convocatoria.',
    requirements: ['Ser propietario o poseedor de la vivienda'],
    documents: ['INE', 'CURP', 'Comprobante de propiedad o posesión'],
    howToApply: 'Módulo de atención en el DIF municipal.',
    opensInDays: 15,
    closesInDays: 60,
    state: 'in_review',
  },
]
