import { stringify } from 'csv-stringify/sync'
import { csvSafeCast } from '@pregon/core/csvSafe'
import { addDataAndFileToRequest, type Endpoint, type PayloadRequest } from 'payload'
import type { Config } from '@pregon/core/loadConfig'
import { verifyUnsubscribeToken } from '@pregon/core/unsubscribeToken'
import { PregonError } from '@pregon/core/PregonError'
import { endpoint, signedInUser } from '../http/errorReply'
import type { PressContact, User } from '../payload-types'
import { importPressContacts } from './importPressContacts'
import { escapeHtml, maskEmail, unsubscribePage } from './unsubscribePage'

const MAX_IMPORT_BYTES = 5 * 1024 * 1024

const staff = (req: PayloadRequest, code: string, message: string) => signedInUser<User>(req, { code, message })
const pregon = (req: PayloadRequest) => (req.payload.config.custom as { pregon: Readonly<Config> }).pregon

/** `POST /api/press-contacts/import`: a CSV as the multipart field `file`; answers the import report. */
export const importEndpoint = endpoint({
  path: '/import',
  method: 'post',
  handler: async (req) => {
    const user = staff(req, 'IMPORT_NOT_SIGNED_IN', 'Inicia sesión con una cuenta del equipo para importar contactos.')
    await addDataAndFileToRequest(req)
    const file = req.file
    if (!file?.data?.length) throw new PregonError({ code: 'IMPORT_NO_FILE', kind: 'invalid', message: 'Adjunta el archivo CSV en el campo «file» (multipart/form-data).' })
    if (file.data.length > MAX_IMPORT_BYTES) throw new PregonError({ code: 'IMPORT_FILE_TOO_LARGE', kind: 'too-large', message: 'El archivo pasa de 5 MB: divídelo en partes.' })
    return Response.json(await importPressContacts({ payload: req.payload, user, csv: file.data, file: file.name, req }))
  },
})

const EXPORT_COLUMNS = ['nombre', 'correo', 'medio', 'telefono', 'listas', 'fuentes', 'estado', 'consentimiento_fecha', 'consentimiento_origen', 'baja_fecha']

/** `GET /api/press-contacts/export?format=csv|json`: the whole directory, in the columns the import reads. */
export const exportEndpoint = endpoint({
  path: '/export',
  method: 'get',
  handler: async (req) => {
    const user = staff(req, 'EXPORT_NOT_SIGNED_IN', 'Inicia sesión con una cuenta del equipo para exportar el directorio.')
    const { docs } = await req.payload.find({ collection: 'press-contacts', depth: 1, pagination: false, sort: 'name', overrideAccess: false, user, req })
    const names = (values: unknown) => ((values ?? []) as Array<{ name?: string } | number>).map((v) => (typeof v === 'object' ? v.name : String(v))).join('; ')
    const rows = docs.map((c) => [c.name, c.email, c.outlet ?? '', c.phone ?? '', names(c.lists), names(c.beats), c.status, c.consent?.at ?? '', c.consent?.source ?? '', c.unsubscribedAt ?? ''])
    const headers = { 'Cache-Control': 'no-store', 'Content-Disposition': 'attachment; filename="directorio-de-medios.csv"' }
    if (new URL(req.url ?? 'http://localhost').searchParams.get('format') === 'json') {
      return Response.json(rows.map((row) => Object.fromEntries(EXPORT_COLUMNS.map((column, i) => [column, row[i]]))), { headers: { ...headers, 'Content-Disposition': 'attachment; filename="directorio-de-medios.json"' } })
    }
    // Names, outlets and phones people typed open as text, never as formulas (csvSafe).
    return new Response(`\uFEFF${stringify([EXPORT_COLUMNS, ...rows], { cast: csvSafeCast })}`, { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' } })
  },
})

/**
 * `GET /api/press-contacts/:id/arco`: everything Pregón holds about one contact (ARCO access request): the
 * record and every message sent to them. Deleting the contact (admin) is the cancellation right.
 */
export const arcoEndpoint = endpoint({
  path: '/:id/arco',
  method: 'get',
  handler: async (req) => {
    const user = staff(req, 'ARCO_NOT_SIGNED_IN', 'Inicia sesión con una cuenta del equipo para atender solicitudes ARCO.')
    const id = (req.routeParams as { id?: string } | undefined)?.id
    const contact = await req.payload.findByID({ collection: 'press-contacts', id: id!, depth: 1, overrideAccess: false, user, req, disableErrors: true })
    if (!contact) throw new PregonError({ code: 'ARCO_NOT_FOUND', kind: 'not-found', message: 'No existe ese contacto de prensa.' })
    const deliveries = await req.payload.find({ collection: 'deliveries', where: { contact: { equals: contact.id } }, depth: 2, pagination: false, overrideAccess: false, user, req })
    const messages = deliveries.docs.map((d) => {
      const distribution = typeof d.distribution === 'object' ? d.distribution : null
      const bulletin = distribution && typeof distribution.bulletin === 'object' ? distribution.bulletin : null
      const program = distribution && typeof distribution.program === 'object' ? distribution.program : null
      return { bulletin: bulletin?.title ?? null, ...(program ? { program: program.title } : {}), status: d.status, email: d.email, sentAt: d.sentAt ?? null, attempts: d.attempts ?? 0 }
    })
    return Response.json(
      { generatedAt: new Date().toISOString(), contact, messages },
      { headers: { 'Cache-Control': 'no-store', 'Content-Disposition': `attachment; filename="arco-contacto-${contact.id}.json"` } },
    )
  },
})

async function contactOfToken(req: PayloadRequest): Promise<PressContact | null> {
  const secret = pregon(req).payloadSecret ?? req.payload.secret
  const token = new URL(req.url ?? 'http://localhost').searchParams.get('t') ?? ''
  const id = verifyUnsubscribeToken({ secret, token })
  if (!id) return null
  return (await req.payload.findByID({ collection: 'press-contacts', id, depth: 0, disableErrors: true })) ?? null
}

async function officeName(req: PayloadRequest): Promise<string> {
  const settings = await req.payload.findGlobal({ slug: 'site-settings', depth: 0 })
  return `${settings.officeName} · ${settings.municipalityName}`
}

const invalidLink = (office: string) =>
  unsubscribePage({
    office,
    status: 400,
    title: 'Enlace no válido',
    body: '<p>Este enlace para darte de baja no es válido o está incompleto (código <code>PRESS_UNSUBSCRIBE_INVALID_LINK</code>). Copia el enlace completo del correo, o responde al correo pidiendo la baja.</p>',
  })

/**
 * `GET /api/press-contacts/unsubscribe?t=…`: the page (a button, so link scanners that fetch every URL do not
 * unsubscribe anyone). `POST` with the same URL unsubscribes: the page's button, and mail clients' one-click
 * (`List-Unsubscribe=One-Click`, RFC 8058). No login: the signed token is the proof.
 */
export const unsubscribePageEndpoint: Endpoint = {
  path: '/unsubscribe',
  method: 'get',
  handler: async (req) => {
    const office = await officeName(req)
    const contact = await contactOfToken(req)
    if (!contact) return invalidLink(office)
    if (contact.status === 'unsubscribed') {
      return unsubscribePage({ office, title: 'Ya estás dado de baja', body: `<p>${escapeHtml(maskEmail(contact.email))} ya no recibe nuestros boletines de prensa.</p>` })
    }
    const action = escapeHtml(`${pregon(req).cms.url}/api/press-contacts/unsubscribe?t=${encodeURIComponent(new URL(req.url!).searchParams.get('t')!)}`)
    return unsubscribePage({
      office,
      title: 'Dejar de recibir boletines',
      body: `<p>¿Quieres que ${escapeHtml(maskEmail(contact.email))} deje de recibir los boletines de prensa?</p>
<form method="post" action="${action}"><input type="hidden" name="confirmar" value="si"><button type="submit">Sí, darme de baja</button></form>`,
    })
  },
}

export const unsubscribeEndpoint: Endpoint = {
  path: '/unsubscribe',
  method: 'post',
  handler: async (req) => {
    const office = await officeName(req)
    const contact = await contactOfToken(req)
    if (!contact) return invalidLink(office)
    if (contact.status !== 'unsubscribed') {
      // As the system: the person is not signed in; the token proved who they are.
      await req.payload.update({ collection: 'press-contacts', id: contact.id, data: { status: 'unsubscribed', unsubscribedAt: new Date().toISOString() }, depth: 0 })
      req.payload.logger.info({ contactId: contact.id }, 'press contact unsubscribed')
    }
    return unsubscribePage({
      office,
      title: 'Listo: te diste de baja',
      body: `<p>${escapeHtml(maskEmail(contact.email))} ya no recibirá nuestros boletines de prensa. Si fue un error, responde a cualquiera de nuestros correos.</p>`,
    })
  },
}

export const pressContactEndpoints: Endpoint[] = [importEndpoint, exportEndpoint, arcoEndpoint, unsubscribePageEndpoint, unsubscribeEndpoint]
