/** The portal's petition form: its field names (site/src/pages/peticiones.astro) and how it is read. */
export const PETITION_FIELDS = {
  summary: 'asunto',
  text: 'peticion',
  place: 'lugar',
  name: 'nombre',
  email: 'correo',
  phone: 'telefono',
  privacy: 'aviso',
  honeypot: 'sitio_web',
} as const

export interface PetitionInput {
  summary: string
  text: string
  place?: string
  name?: string
  email?: string
  phone?: string
}

const EMAIL = /^[^\s@<>"(),;:\\[\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$/
const PHONE = /^[+()\d\s.-]{7,20}$/

/** Every problem in Spanish at once; optional fields left empty are left out (no empty personal data stored). */
export function readPetitionForm(form: URLSearchParams): { ok: true; petition: PetitionInput } | { ok: false; problems: string[] } {
  const get = (name: string) => (form.get(name) ?? '').replace(/\r\n/g, '\n').trim()
  const problems: string[] = []
  const summary = get(PETITION_FIELDS.summary)
  const text = get(PETITION_FIELDS.text)
  const place = get(PETITION_FIELDS.place)
  const name = get(PETITION_FIELDS.name)
  const email = get(PETITION_FIELDS.email).toLowerCase()
  const phone = get(PETITION_FIELDS.phone)
  if (summary === '') problems.push('Escriba el asunto: en pocas palabras, qué necesita.')
  else if (summary.length > 140) problems.push(`El asunto es muy largo (${summary.length} caracteres); use 140 o menos y deje los detalles para la petición.`)
  if (text.length < 10) problems.push('Escriba su petición con un poco más de detalle: qué pasa y dónde.')
  else if (text.length > 4000) problems.push(`La petición es muy larga (${text.length} caracteres); el límite es 4,000.`)
  if (place.length > 200) problems.push('El lugar es muy largo: escriba la colonia y la calle.')
  if (name.length > 120) problems.push('El nombre es muy largo.')
  if (email !== '' && (email.length > 254 || !EMAIL.test(email))) problems.push('El correo no parece válido: revise que tenga la forma nombre@dominio.mx, o déjelo vacío.')
  if (phone !== '' && !PHONE.test(phone)) problems.push('El teléfono no parece válido: escriba solo números (10 dígitos), o déjelo vacío.')
  if (!['si', 'on', 'true', '1'].includes(form.get(PETITION_FIELDS.privacy) ?? '')) problems.push('Para enviar la petición necesita aceptar el aviso de privacidad.')
  if (problems.length > 0) return { ok: false, problems }
  return { ok: true, petition: { summary, text, ...(place ? { place } : {}), ...(name ? { name } : {}), ...(email ? { email } : {}), ...(phone ? { phone } : {}) } }
}
