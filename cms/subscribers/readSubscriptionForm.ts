import { FREQUENCIES, type Frequency, type SubscriptionChoice } from '@pregon/core/subscriptions'
import { BULLETIN_KINDS } from '../collections/Bulletins/fields/contentFields'

/** The form's field names, shared by the portal's form (site/src/pages/suscribirse) and the manage page. */
export const FORM_FIELDS = {
  email: 'correo',
  frequency: 'frecuencia',
  departments: 'dependencia',
  kinds: 'tipo',
  includeBulletins: 'boletines',
  includePrograms: 'convocatorias',
  emergencies: 'emergencias',
  privacy: 'aviso',
  /** Hidden from people (visually and from assistive technology); a bot that fills every field fills it. */
  honeypot: 'sitio_web',
} as const

export type FormReading = { ok: true; email: string; choice: SubscriptionChoice } | { ok: false; problems: string[] }

// What a mailbox can be: one @, no spaces or angle brackets, a dotted domain; 254 is SMTP's limit on a path.
const EMAIL = /^[^\s@<>"(),;:\\[\]]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+$/

const isChecked = (form: URLSearchParams, name: string) => ['si', 'on', 'true', '1'].includes(form.get(name) ?? '')

/**
 * Reads a subscription form (the portal's, or the manage page's when `needsEmail` is false), with every
 * problem in Spanish at once. Unknown departments are dropped by the caller, which knows them.
 */
export function readSubscriptionForm(form: URLSearchParams, { needsEmail = true }: { needsEmail?: boolean } = {}): FormReading {
  const problems: string[] = []
  const email = (form.get(FORM_FIELDS.email) ?? '').trim().toLowerCase()
  if (needsEmail) {
    if (email === '') problems.push('Escribe tu correo electrónico.')
    else if (email.length > 254 || !EMAIL.test(email)) problems.push('El correo no parece válido: revisa que tenga la forma nombre@dominio.mx, sin espacios.')
    if (!isChecked(form, FORM_FIELDS.privacy)) problems.push('Para suscribirte necesitas aceptar el aviso de privacidad.')
  }
  const frequencyValue = form.get(FORM_FIELDS.frequency) ?? 'immediate'
  if (!(FREQUENCIES as readonly string[]).includes(frequencyValue)) problems.push('Elige cada cuándo quieres recibir los avisos.')
  const kinds = form.getAll(FORM_FIELDS.kinds)
  if (kinds.some((kind) => !(BULLETIN_KINDS as readonly string[]).includes(kind))) problems.push('Uno de los tipos de publicación elegidos no existe.')
  const departments = form.getAll(FORM_FIELDS.departments).map(Number)
  if (departments.some((id) => !Number.isSafeInteger(id) || id <= 0)) problems.push('Una de las dependencias elegidas no existe.')
  const includeBulletins = isChecked(form, FORM_FIELDS.includeBulletins)
  const includePrograms = isChecked(form, FORM_FIELDS.includePrograms)
  const emergencies = isChecked(form, FORM_FIELDS.emergencies)
  if (!includeBulletins && !includePrograms && !emergencies) problems.push('Elige al menos qué quieres recibir: boletines, convocatorias o alertas de emergencia.')
  if (problems.length > 0) return { ok: false, problems }
  return {
    ok: true,
    email,
    choice: { frequency: frequencyValue as Frequency, departments: [...new Set(departments)], kinds: [...new Set(kinds)], includeBulletins, includePrograms, emergencies },
  }
}

/** A body as the form posts it (urlencoded) or as a script may (JSON), as form fields. */
export async function formOf(req: { headers: Headers; text?: () => Promise<string> }): Promise<URLSearchParams> {
  const body = (await req.text?.()) ?? ''
  if (body.length > 16_384) return new URLSearchParams()
  if ((req.headers.get('content-type') ?? '').includes('application/json')) {
    try {
      const data = JSON.parse(body) as Record<string, unknown>
      const form = new URLSearchParams()
      for (const [key, value] of Object.entries(data)) for (const item of Array.isArray(value) ? value : [value]) form.append(key, String(item))
      return form
    } catch {
      return new URLSearchParams()
    }
  }
  return new URLSearchParams(body)
}
