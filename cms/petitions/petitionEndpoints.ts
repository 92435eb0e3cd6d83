import type { Endpoint, PayloadRequest } from 'payload'
import { RateLimiterMemory } from 'rate-limiter-flexible'
import type { Config } from '@pregon/core/loadConfig'
import { clientAddress } from '../auth/clientAddress'
import { escapeHtml, unsubscribePage } from '../pressContacts/unsubscribePage'
import { formOf } from '../subscribers/readSubscriptionForm'
import { PETITION_FIELDS, readPetitionForm } from './readPetitionForm'
import { PETITION_STATES } from './petitionStates'

const pregon = (req: PayloadRequest) => (req.payload.config.custom as { pregon: Readonly<Config> }).pregon

/** Petitions one connection may file in an hour: a family's, not a script's. */
const PER_CLIENT = new RateLimiterMemory({ keyPrefix: 'petition-client', points: 5, duration: 60 * 60 })
/** Folio look-ups per connection per hour: plenty for a person, too few to walk every folio. */
const LOOKUPS = new RateLimiterMemory({ keyPrefix: 'petition-lookup', points: 60, duration: 60 * 60 })
const FOLIO = /^PET-\d{4}-\d{5,}$/

async function officeOf(req: PayloadRequest) {
  const settings = await req.payload.findGlobal({ slug: 'site-settings', depth: 0 })
  return { name: `${settings.officeName} · ${settings.municipalityName}`, privacyVersion: settings.privacyNoticeVersion ?? '1', timeZone: settings.timeZone ?? 'America/Mexico_City' }
}

const portal = (req: PayloadRequest) => escapeHtml(pregon(req).portal.url)
const backToForm = (req: PayloadRequest) => `<p><a href="${portal(req)}/peticiones/">Volver a peticiones</a></p>`
const lookupUrl = (req: PayloadRequest, folio: string) => `${pregon(req).cms.url}/api/petitions/folio?folio=${encodeURIComponent(folio)}`

async function tooMany(limiter: RateLimiterMemory, req: PayloadRequest): Promise<boolean> {
  try {
    await limiter.consume(clientAddress(req.headers.get('x-forwarded-for'), pregon(req).cms.trustedProxies))
    return false
  } catch {
    return true
  }
}

/**
 * `POST /api/petitions/submit`: the portal's petition form (urlencoded, no JavaScript needed). Same abuse rules
 * as subscriptions (a limit per connection, a honeypot); every problem told at once; the answer gives the folio
 * and how to follow it. A bot that filled the honeypot gets a page that looks alike and no petition.
 */
const submit: Endpoint = {
  path: '/submit',
  method: 'post',
  handler: async (req) => {
    const office = await officeOf(req)
    if (await tooMany(PER_CLIENT, req)) {
      return unsubscribePage({
        office: office.name,
        status: 429,
        title: 'Demasiadas peticiones',
        body: `<p>Recibimos muchas peticiones desde esta conexión (código <code>PETITION_TOO_MANY_REQUESTS</code>). Espere una hora y vuelva a intentarlo, o llame a la oficina.</p>${backToForm(req)}`,
      })
    }
    const form = await formOf(req)
    if ((form.get(PETITION_FIELDS.honeypot) ?? '') !== '') {
      req.payload.logger.info('petition refused: honeypot filled')
      return unsubscribePage({ office: office.name, status: 202, title: 'Recibimos su petición', body: `<p>Gracias. La oficina la revisará.</p>${backToForm(req)}` })
    }
    const reading = readPetitionForm(form)
    if (!reading.ok) {
      return unsubscribePage({
        office: office.name,
        status: 422,
        title: 'Revise su petición',
        body: `<p>No pudimos registrar la petición (código <code>PETITION_INVALID</code>):</p><ul>${reading.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>
<p>Regrese con el botón «Atrás» de su navegador: lo que escribió sigue ahí.</p>${backToForm(req)}`,
      })
    }
    const petition = await req.payload.create({
      collection: 'petitions',
      overrideAccess: true,
      depth: 0,
      data: { ...reading.petition, channel: 'portal', state: 'recibida', privacyNoticeVersion: office.privacyVersion },
    })
    const folio = escapeHtml(petition.folio ?? '')
    return unsubscribePage({
      office: office.name,
      status: 201,
      title: 'Recibimos su petición',
      body: `<p>Su folio es:</p><p style="font-size:1.6rem;font-weight:bold;letter-spacing:.05em">${folio}</p>
<p>Guárdelo: con él puede consultar en qué va su petición, sin cuenta ni contraseña.</p>
<p><a href="${escapeHtml(lookupUrl(req, petition.folio ?? ''))}">Consultar mi petición</a></p>${backToForm(req)}`,
    })
  },
}

/**
 * `GET /api/petitions/folio?folio=PET-…`: where a petition is, for anyone who has its folio. Only its state, the
 * department attending it and the dates: nothing the citizen wrote and nothing about them, since folios follow
 * one another and can be guessed.
 */
const lookup: Endpoint = {
  path: '/folio',
  method: 'get',
  handler: async (req) => {
    const office = await officeOf(req)
    const folio = (new URL(req.url ?? 'http://localhost').searchParams.get('folio') ?? '').trim().toUpperCase()
    if (await tooMany(LOOKUPS, req)) {
      return unsubscribePage({ office: office.name, status: 429, title: 'Demasiadas consultas', body: `<p>Espere una hora y vuelva a consultar (código <code>PETITION_TOO_MANY_LOOKUPS</code>).</p>${backToForm(req)}` })
    }
    const found = FOLIO.test(folio)
      ? (await req.payload.find({ collection: 'petitions', overrideAccess: true, depth: 1, limit: 1, where: { folio: { equals: folio } }, select: { folio: true, state: true, department: true, receivedAt: true, turnedAt: true, attendedAt: true, closedAt: true, dueDate: true } })).docs[0]
      : undefined
    if (!found) {
      return unsubscribePage({
        office: office.name,
        status: 404,
        title: 'No encontramos ese folio',
        body: `<p>Revise que lo escribió completo, con guiones: <strong>PET-2026-00042</strong> (código <code>PETITION_NOT_FOUND</code>).</p>${backToForm(req)}`,
      })
    }
    const date = new Intl.DateTimeFormat('es-MX', { dateStyle: 'long', timeZone: office.timeZone })
    const state = PETITION_STATES.find((s) => s.value === found.state) ?? PETITION_STATES[0]
    const department = found.department && typeof found.department === 'object' ? found.department.name : null
    const rows: Array<[string, string | null | undefined]> = [
      ['Recibida', found.receivedAt],
      ['Turnada', found.turnedAt],
      ['Fecha compromiso', found.state === 'turnada' ? found.dueDate : null],
      ['Atendida', found.attendedAt],
      ['Cerrada', found.closedAt],
    ]
    return unsubscribePage({
      office: office.name,
      title: `Petición ${escapeHtml(found.folio ?? folio)}`,
      body: `<p>Estado: <strong>${state.label}</strong>. ${state.public}</p>
${department ? `<p>La atiende: ${escapeHtml(department)}.</p>` : ''}
<dl>${rows
        .filter(([, value]) => value)
        .map(([name, value]) => `<dt>${name}</dt><dd>${date.format(new Date(value!))}</dd>`)
        .join('')}</dl>${backToForm(req)}`,
    })
  },
}

export const petitionEndpoints: Endpoint[] = [submit, lookup]
