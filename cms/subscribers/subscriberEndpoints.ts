import type { Endpoint, PayloadRequest } from 'payload'
import { sql as sqlTag } from '@payloadcms/db-postgres/drizzle'
import { RateLimiterMemory } from 'rate-limiter-flexible'
import { CONFIRMATION_TTL_HOURS, type SubscriptionChoice } from '@pregon/core/subscriptions'
import type { Config } from '@pregon/core/loadConfig'
import { QUEUES } from '@pregon/core/queues'
import { subscriberManageUrl, verifyToken } from '@pregon/core/unsubscribeToken'
import type { Subscriber } from '../payload-types'
import { clientAddress } from '../auth/clientAddress'
import { enqueueInTransaction } from '../db/enqueueInTransaction'
import { inTransaction } from '../db/inTransaction'
import { escapeHtml, maskEmail, unsubscribePage } from '../pressContacts/unsubscribePage'
import { FORM_FIELDS, formOf, readSubscriptionForm } from './readSubscriptionForm'
import { choiceFormHtml, type Department } from './choiceFormHtml'

const pregon = (req: PayloadRequest) => (req.payload.config.custom as { pregon: Readonly<Config> }).pregon
const secretOf = (req: PayloadRequest) => pregon(req).payloadSecret ?? req.payload.secret

/** Requests from one address in an hour: enough for a family behind one modem, not for a script. */
const PER_CLIENT = new RateLimiterMemory({ keyPrefix: 'subscribe-client', points: 10, duration: 60 * 60 })
/** Confirmation messages one address can receive in a day, and the least time between two. */
export const PER_ADDRESS = { perDay: 3, minSeconds: 60 } as const

async function office(req: PayloadRequest) {
  const settings = await req.payload.findGlobal({ slug: 'site-settings', depth: 0 })
  return { name: `${settings.officeName} · ${settings.municipalityName}`, privacyUrl: settings.privacyNoticeUrl ?? null, privacyVersion: settings.privacyNoticeVersion ?? '1' }
}

const portalLink = (req: PayloadRequest, label = 'Volver al portal') => `<p><a href="${escapeHtml(pregon(req).portal.url)}/">${label}</a></p>`

async function departments(req: PayloadRequest): Promise<Department[]> {
  const { docs } = await req.payload.find({ collection: 'departments', depth: 0, pagination: false, sort: 'name', select: { name: true }, req })
  return docs.map((doc) => ({ id: Number(doc.id), name: doc.name }))
}

/** The same answer for every address, known or not (no enumeration), and for a bot that filled the honeypot. */
const checkYourInbox = (req: PayloadRequest, officeName: string) =>
  unsubscribePage({
    office: officeName,
    status: 202,
    title: 'Revisa tu correo',
    body: `<p>Si la dirección es correcta, en unos minutos te llegará un correo con un enlace para confirmar tu suscripción. No te enviaremos nada más hasta que lo confirmes. El enlace vence en ${CONFIRMATION_TTL_HOURS} horas.</p>
<p>¿No llega? Revisa la carpeta de correo no deseado, o vuelve a suscribirte en unos minutos.</p>${portalLink(req)}`,
  })

/**
 * `POST /api/subscribers/subscribe`: the portal's form (urlencoded, no JavaScript needed) or JSON. Writes the
 * request (a new address waits unconfirmed; a known one keeps its preferences until it confirms the new
 * ones) and queues the confirmation message in the same transaction. Always the same answer.
 */
const subscribe: Endpoint = {
  path: '/subscribe',
  method: 'post',
  handler: async (req) => {
    const { name, privacyVersion } = await office(req)
    const client = clientAddress(req.headers.get('x-forwarded-for'), pregon(req).cms.trustedProxies)
    try {
      await PER_CLIENT.consume(client)
    } catch {
      return unsubscribePage({
        office: name,
        status: 429,
        title: 'Demasiadas solicitudes',
        body: `<p>Recibimos muchas solicitudes de suscripción desde esta conexión (código <code>SUBSCRIBE_TOO_MANY_REQUESTS</code>). Espera una hora y vuelve a intentarlo.</p>${portalLink(req)}`,
      })
    }
    const form = await formOf(req)
    if ((form.get(FORM_FIELDS.honeypot) ?? '') !== '') {
      req.payload.logger.info('subscription refused: honeypot filled')
      return checkYourInbox(req, name)
    }
    const reading = readSubscriptionForm(form)
    if (!reading.ok) {
      return unsubscribePage({
        office: name,
        status: 422,
        title: 'Revisa tu suscripción',
        body: `<p>No pudimos registrar la suscripción (código <code>SUBSCRIBE_INVALID</code>):</p><ul>${reading.problems.map((p) => `<li>${escapeHtml(p)}</li>`).join('')}</ul>
<p><a href="${escapeHtml(pregon(req).portal.url)}/suscribirse/">Volver al formulario</a></p>`,
      })
    }
    const known = new Set((await departments(req)).map((d) => d.id))
    const choice: SubscriptionChoice = { ...reading.choice, departments: reading.choice.departments.filter((id) => known.has(id)) }
    await recordRequest(req, { email: reading.email, choice, privacyVersion })
    return checkYourInbox(req, name)
  },
}

async function recordRequest(req: PayloadRequest, { email, choice, privacyVersion }: { email: string; choice: SubscriptionChoice; privacyVersion: string }): Promise<void> {
  const now = new Date()
  const pendingChoice = { ...choice, privacyVersion, acceptedAt: now.toISOString() }
  await inTransaction(req, async (db) => {
    // Serialises two requests for the same address (the unique email would refuse the second create).
    await db.execute(sqlLock(email))
    const found = await req.payload.find({ collection: 'subscribers', where: { email: { equals: email } }, limit: 1, depth: 0, req })
    const existing = found.docs[0]
    const last = existing?.lastConfirmationAt ? new Date(existing.lastConfirmationAt) : null
    const sameDay = last !== null && now.getTime() - last.getTime() < 24 * 3_600_000
    const sentToday = sameDay ? Number(existing?.confirmationsSent ?? 0) : 0
    if (last && (now.getTime() - last.getTime() < PER_ADDRESS.minSeconds * 1000 || sentToday >= PER_ADDRESS.perDay)) {
      req.payload.logger.info({ subscriberId: existing?.id }, 'subscription request over the per-address limit: no message')
      return
    }
    const data = { pendingChoice, requestedAt: now.toISOString(), lastConfirmationAt: now.toISOString(), confirmationsSent: sentToday + 1 }
    const subscriber = existing
      ? await req.payload.update({ collection: 'subscribers', id: existing.id, data, depth: 0, req })
      : await req.payload.create({ collection: 'subscribers', data: { email, status: 'pending', frequency: choice.frequency, ...data }, depth: 0, req })
    await enqueueInTransaction(req, [{ queue: QUEUES.sendSubscriberNotice, data: { subscriberId: subscriber.id, requestedAt: now.toISOString() } }])
  })
}

// A transaction-scoped advisory lock on the address's hash: released at commit or rollback.
function sqlLock(email: string) {
  return sqlTag`SELECT pg_advisory_xact_lock(hashtext(${`subscriber:${email}`}))`
}
/** The subscriber a link's token names, for a purpose; null when the link is not ours or they are gone. */
async function subscriberOf(req: PayloadRequest, purpose: 'subscriberManage' | 'subscriberConfirm'): Promise<{ subscriber: Subscriber; subject: string; token: string } | null> {
  const token = new URL(req.url ?? 'http://localhost').searchParams.get('t') ?? ''
  const subject = verifyToken({ secret: secretOf(req), purpose, token })
  if (!subject) return null
  const subscriber = await req.payload.findByID({ collection: 'subscribers', id: subject.split('.')[0]!, depth: 0, disableErrors: true, req })
  return subscriber ? { subscriber, subject, token } : null
}

const invalidLink = (req: PayloadRequest, officeName: string, code: string) =>
  unsubscribePage({
    office: officeName,
    status: 400,
    title: 'Enlace no válido',
    body: `<p>Este enlace no es válido, ya venció o la suscripción ya no existe (código <code>${code}</code>). Copia el enlace completo del correo más reciente, o vuelve a suscribirte en el portal.</p>
<p><a href="${escapeHtml(pregon(req).portal.url)}/suscribirse/">Suscribirme</a></p>`,
  })

/** A confirmation link names one request (its time): a newer request, a confirmation or 48 hours retire it. */
function isCurrentRequest(subscriber: Subscriber, subject: string, now = Date.now()): boolean {
  const seconds = Number(subject.split('.')[1])
  const requestedAt = subscriber.requestedAt ? new Date(subscriber.requestedAt).getTime() : NaN
  return Boolean(subscriber.pendingChoice) && Math.floor(requestedAt / 1000) === seconds && now - requestedAt < CONFIRMATION_TTL_HOURS * 3_600_000
}

const selfAction = (req: PayloadRequest, path: string, token: string) => escapeHtml(`${pregon(req).cms.url}/api/subscribers/${path}?t=${encodeURIComponent(token)}`)

/** `GET /api/subscribers/confirm?t=…`: a button, so mail scanners that fetch every link confirm nothing. */
const confirmPage: Endpoint = {
  path: '/confirm',
  method: 'get',
  handler: async (req) => {
    const { name } = await office(req)
    const found = await subscriberOf(req, 'subscriberConfirm')
    if (!found || !isCurrentRequest(found.subscriber, found.subject)) return invalidLink(req, name, 'SUBSCRIBE_CONFIRM_INVALID_LINK')
    return unsubscribePage({
      office: name,
      title: 'Confirma tu suscripción',
      body: `<p>Confirma que ${escapeHtml(maskEmail(found.subscriber.email))} quiere recibir los avisos del portal.</p>
<form method="post" action="${selfAction(req, 'confirm', found.token)}"><button type="submit">Confirmar mi suscripción</button></form>`,
    })
  },
}

const confirm: Endpoint = {
  path: '/confirm',
  method: 'post',
  handler: async (req) => {
    const { name } = await office(req)
    const found = await subscriberOf(req, 'subscriberConfirm')
    if (!found) return invalidLink(req, name, 'SUBSCRIBE_CONFIRM_INVALID_LINK')
    const { subscriber } = found
    if (!isCurrentRequest(subscriber, found.subject)) {
      if (subscriber.status === 'active' && !subscriber.pendingChoice) return confirmed(req, name, subscriber)
      return invalidLink(req, name, 'SUBSCRIBE_CONFIRM_INVALID_LINK')
    }
    const pending = subscriber.pendingChoice as unknown as SubscriptionChoice & { privacyVersion: string; acceptedAt: string }
    const now = new Date().toISOString()
    const updated = await req.payload.update({
      collection: 'subscribers',
      id: subscriber.id,
      depth: 0,
      req,
      data: {
        ...choiceData(pending),
        status: 'active',
        privacy: { version: pending.privacyVersion, acceptedAt: pending.acceptedAt },
        confirmedAt: now,
        unsubscribedAt: null,
        pendingChoice: null,
        bounce: { at: null, reason: null },
      },
    })
    req.payload.logger.info({ subscriberId: subscriber.id }, 'subscription confirmed')
    return confirmed(req, name, updated)
  },
}

const choiceData = (choice: SubscriptionChoice) => ({
  frequency: choice.frequency,
  departments: choice.departments,
  kinds: choice.kinds as Subscriber['kinds'],
  includeBulletins: choice.includeBulletins,
  includePrograms: choice.includePrograms,
  emergencies: choice.emergencies,
})

const confirmed = (req: PayloadRequest, officeName: string, subscriber: Subscriber) =>
  unsubscribePage({
    office: officeName,
    title: 'Suscripción confirmada',
    body: `<p>Listo: ${escapeHtml(maskEmail(subscriber.email))} recibirá los avisos que elegiste. Cada correo trae un enlace para cambiar tus preferencias o darte de baja.</p>
<p><a href="${escapeHtml(subscriberManageUrl({ cmsUrl: pregon(req).cms.url, secret: secretOf(req), subscriberId: subscriber.id }))}">Ver o cambiar mis preferencias</a></p>${portalLink(req)}`,
  })

/** `GET /api/subscribers/manage?t=…`: the citizen's preferences, with «Darme de baja», their data and its deletion. */
const managePage: Endpoint = {
  path: '/manage',
  method: 'get',
  handler: async (req) => {
    const { name, privacyUrl } = await office(req)
    const found = await subscriberOf(req, 'subscriberManage')
    if (!found) return invalidLink(req, name, 'SUBSCRIBER_MANAGE_INVALID_LINK')
    return manageView(req, { officeName: name, privacyUrl, subscriber: found.subscriber, token: found.token })
  },
}

async function manageView(req: PayloadRequest, { officeName, privacyUrl, subscriber, token, notice }: { officeName: string; privacyUrl: string | null; subscriber: Subscriber; token: string; notice?: string }) {
  const isActive = subscriber.status === 'active'
  const choice: SubscriptionChoice = {
    frequency: subscriber.frequency,
    departments: ((subscriber.departments ?? []) as Array<number | { id: number }>).map((d) => Number(typeof d === 'object' ? d.id : d)),
    kinds: (subscriber.kinds ?? []) as string[],
    includeBulletins: subscriber.includeBulletins !== false,
    includePrograms: subscriber.includePrograms !== false,
    emergencies: subscriber.emergencies !== false,
  }
  const status = isActive
    ? `<p>${escapeHtml(maskEmail(subscriber.email))} está suscrito.</p>`
    : `<p>${escapeHtml(maskEmail(subscriber.email))} <strong>no recibe avisos</strong> (${subscriber.status === 'bounced' ? 'su buzón rechazó nuestros correos' : 'se dio de baja o no confirmó'}). Guardar tus preferencias la vuelve a activar.</p>`
  return unsubscribePage({
    office: officeName,
    title: 'Tus avisos por correo',
    body: `${notice ? `<p role="status"><strong>${escapeHtml(notice)}</strong></p>` : ''}${status}
<form method="post" action="${selfAction(req, 'manage', token)}">${choiceFormHtml({ choice, departments: await departments(req) })}
<button type="submit" name="accion" value="guardar">Guardar preferencias</button>
${isActive ? '<button type="submit" name="accion" value="baja" class="secondary">Darme de baja de todo</button>' : ''}</form>
<h2>Tus datos personales</h2>
<p>Guardamos tu correo, tus preferencias, cuándo aceptaste el aviso de privacidad${privacyUrl ? ` (<a href="${escapeHtml(privacyUrl)}">léelo aquí</a>)` : ''} y qué correos te enviamos.</p>
<p><a href="${selfAction(req, 'data', token)}">Descargar mis datos</a></p>
<form method="post" action="${selfAction(req, 'erase', token)}"><button type="submit" class="secondary">Borrar mis datos</button></form>${portalLink(req)}`,
  })
}

/**
 * `POST /api/subscribers/manage?t=…`: mail clients' one-click unsubscribe (RFC 8058, body
 * `List-Unsubscribe=One-Click`), and the preferences page's buttons. The signed token is the proof.
 */
const manage: Endpoint = {
  path: '/manage',
  method: 'post',
  handler: async (req) => {
    const { name, privacyUrl } = await office(req)
    const found = await subscriberOf(req, 'subscriberManage')
    if (!found) return invalidLink(req, name, 'SUBSCRIBER_MANAGE_INVALID_LINK')
    const form = await formOf(req)
    const { subscriber, token } = found
    if (form.get('List-Unsubscribe') === 'One-Click' || form.get('accion') === 'baja') {
      if (subscriber.status !== 'unsubscribed') {
        await req.payload.update({ collection: 'subscribers', id: subscriber.id, data: { status: 'unsubscribed', unsubscribedAt: new Date().toISOString(), pendingChoice: null }, depth: 0, req })
        req.payload.logger.info({ subscriberId: subscriber.id }, 'subscriber unsubscribed')
      }
      if (form.get('List-Unsubscribe') === 'One-Click') return new Response('Baja registrada.', { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } })
      return unsubscribePage({
        office: name,
        title: 'Listo: te diste de baja',
        body: `<p>${escapeHtml(maskEmail(subscriber.email))} ya no recibirá avisos del portal. Si fue un error, <a href="${selfAction(req, 'manage', token)}">vuelve a activar tu suscripción</a>.</p>${portalLink(req)}`,
      })
    }
    const reading = readSubscriptionForm(form, { needsEmail: false })
    if (!reading.ok) return manageView(req, { officeName: name, privacyUrl, subscriber, token, notice: reading.problems.join(' ') })
    const known = new Set((await departments(req)).map((d) => d.id))
    const choice = { ...reading.choice, departments: reading.choice.departments.filter((id) => known.has(id)) }
    // Saving re-activates an address that left on purpose (the link proves it is theirs); not one that bounced.
    const status = subscriber.status === 'bounced' ? 'bounced' : 'active'
    const updated = await req.payload.update({
      collection: 'subscribers',
      id: subscriber.id,
      depth: 0,
      req,
      data: { ...choiceData(choice), status, ...(status === 'active' && subscriber.status !== 'active' ? { unsubscribedAt: null, confirmedAt: subscriber.confirmedAt ?? new Date().toISOString() } : {}) },
    })
    return manageView(req, { officeName: name, privacyUrl, subscriber: updated, token, notice: 'Guardamos tus preferencias.' })
  },
}

/** `GET /api/subscribers/data?t=…`: everything Pregón holds about this subscriber (ARCO access), as JSON. */
const data: Endpoint = {
  path: '/data',
  method: 'get',
  handler: async (req) => {
    const { name } = await office(req)
    const found = await subscriberOf(req, 'subscriberManage')
    if (!found) return invalidLink(req, name, 'SUBSCRIBER_MANAGE_INVALID_LINK')
    const { subscriber } = found
    const deliveries = await req.payload.find({ collection: 'subscriber-deliveries', where: { subscriber: { equals: subscriber.id } }, depth: 0, pagination: false, sort: 'createdAt', req })
    const { pendingChoice: _pending, confirmationsSent: _count, lastConfirmationAt: _last, ...record } = subscriber
    return Response.json(
      {
        generatedAt: new Date().toISOString(),
        subscription: record,
        messages: deliveries.docs.map((d) => ({ kind: d.digest ? 'resumen' : 'aviso', status: d.status, email: d.email, sentAt: d.sentAt ?? null })),
      },
      { headers: { 'Cache-Control': 'no-store', 'Content-Disposition': `attachment; filename="mis-datos-suscripcion.json"` } },
    )
  },
}

/** `POST /api/subscribers/erase?t=…`: deletes the subscription and the address on every message sent (ARCO cancellation). */
const erase: Endpoint = {
  path: '/erase',
  method: 'post',
  handler: async (req) => {
    const { name } = await office(req)
    const found = await subscriberOf(req, 'subscriberManage')
    if (!found) return invalidLink(req, name, 'SUBSCRIBER_MANAGE_INVALID_LINK')
    await inTransaction(req, async () => {
      await req.payload.delete({ collection: 'subscribers', id: found.subscriber.id, req })
    })
    req.payload.logger.info({ subscriberId: found.subscriber.id }, 'subscriber erased at their request')
    return unsubscribePage({ office: name, title: 'Borramos tus datos', body: `<p>Borramos tu suscripción y tu correo de nuestros registros de envíos. No recibirás más avisos.</p>${portalLink(req)}` })
  },
}

export const subscriberEndpoints: Endpoint[] = [subscribe, confirmPage, confirm, managePage, manage, data, erase]
