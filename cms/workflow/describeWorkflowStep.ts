import type { Payload, PayloadRequest } from 'payload'
import { CHANNEL_CATALOGUE, channelsFor, type Channel } from '@pregon/core/channels'
import type { Config } from '@pregon/core/loadConfig'
import { ITEM_FIELD } from '@pregon/core/distributedItem'
import { idOf, versionHash } from '@pregon/core/versionHash'
import type { User } from '../payload-types'
import { failureReasons, type Failure } from './failureReasons'
import { correctionAttempt, openCorrection, type WorkflowDoc } from './planWorkflowStep'
import { releaseProblems } from './releaseProblems'
import { planNetworkFollowUps, type PlannedFollowUp } from '../distribution/distributeFollowUps'
import { lawChecks } from './blackoutFor'
import type { PromotionFinding } from './promotionReview'
import { STATE_LABELS, type WorkflowState } from './states'
import { APPROVING_VERBS, GOING_OUT_VERBS, PUBLISHING_VERBS, RELEASING_VERBS, stepLabel, TRANSITIONS, type WorkflowVerb } from './transitions'
import type { WorkflowCollection } from './workflowCollections'

export interface PlannedChannel {
  channel: Channel
  label: string
  account: string
  /** No credentials: the post is recorded as a simulation, nothing reaches the network. */
  isSimulation: boolean
}

/** What a verb would do now, told before the person confirms it: the admin's confirmation dialog reads it. */
export interface WorkflowStepPreview {
  verb: WorkflowVerb
  label: string
  /** Spanish sentences, in order: where it goes, who gets it, when. */
  effects: string[]
  channels: PlannedChannel[]
  /** Journalists the press mailing (or the correction notice) would reach now. */
  journalists: number
  embargoUntil: string | null
  isCorrection: boolean
  /** Why it would be refused now (the same reasons the action gives), except a missing reason or notice. */
  failures: Failure[]
  /** Art. 134: what the approver must read and justify, one by one, before approving (empty for other verbs). */
  promotionFindings: PromotionFinding[]
}

const MIN_TEXT = 'x'.repeat(10)

/**
 * Describes the step without taking it: same checks as applyWorkflowAction (failureReasons, releaseProblems),
 * and the channels, accounts and number of journalists it would reach, for a confirmation that says exactly
 * what will happen.
 */
export async function describeWorkflowStep({
  payload,
  req,
  collection,
  id,
  verb,
  user,
  now = new Date(),
}: {
  payload: Payload
  req: PayloadRequest
  collection: WorkflowCollection
  id: number | string
  verb: WorkflowVerb
  user: User | null
  now?: Date
}): Promise<WorkflowStepPreview> {
  const config = (payload.config.custom as { pregon: Readonly<Config> }).pregon
  const current = (await payload.findByID({ collection, id, draft: true, depth: 0, overrideAccess: false, user, req })) as WorkflowDoc
  const state: WorkflowState = current.workflowState ?? 'draft'
  const correction = openCorrection(current)
  const publicDoc = correction ? ((await payload.findByID({ collection, id, depth: 0, overrideAccess: true, req })) as WorkflowDoc) : null
  // «Programar» is checked against the time the approver picks, when the step is taken.
  const { blackout, review, periodNow } = await lawChecks({ req, verb, collection, item: current, publishAt: null, now })
  // The dialog asks for each justification: the preview does not refuse for their absence.
  const acknowledged = Object.fromEntries((review?.findings ?? []).map((finding) => [finding.key, MIN_TEXT]))
  const failures = [
    ...failureReasons({
      verb,
      state,
      actor: user ? { id: user.id, role: user.role } : null,
      editedBy: (current.editedBy as Array<number | string> | null) ?? [],
      // The dialog asks for them: a preview does not refuse for their absence.
      reason: MIN_TEXT,
      notice: MIN_TEXT,
      contentHash: versionHash(current),
      approvedHash: current.approval?.hash ?? null,
      publishAt: verb === 'schedule' ? new Date(now.getTime() + 3_600_000).toISOString() : null,
      embargoUntil: current.embargoUntil ?? null,
      needsReview: current.needsReview ?? false,
      correction: correctionAttempt(current, publicDoc),
      blackout,
      promotion: review && { ...review, acknowledged, periodNow },
      now,
    }),
    ...(RELEASING_VERBS.has(verb) ? releaseProblems(collection, current) : []),
  ]

  const embargoUntil = current.embargoUntil && new Date(current.embargoUntil) > now ? current.embargoUntil : null
  const chosen = GOING_OUT_VERBS.has(verb) ? channelsFor(current) : []
  const done = new Set<string>()
  for (const channel of chosen) {
    const earlier = await payload.count({ collection: 'distributions', where: { [ITEM_FIELD[collection]]: { equals: id }, channel: { equals: channel } }, req, overrideAccess: true })
    if (earlier.totalDocs > 0) done.add(channel)
  }
  const channels: PlannedChannel[] = chosen
    .filter((channel) => !done.has(channel))
    .map((channel) => {
      const spec = CHANNEL_CATALOGUE[channel]
      return { channel, label: spec.label, account: spec.account(config), isSimulation: 'isLive' in spec ? !spec.isLive(config) : false }
    })
  const mailsPress = channels.some((c) => c.channel === 'press-mailing')
  const correctionMailing = correction !== null && !correction.isMinor && chosen.includes('press-mailing')
  const journalists = mailsPress ? await countPressAudience(payload, req, current) : correctionMailing ? await countEarlierRecipients(payload, req, collection, id) : 0

  const { timeZone } = await payload.findGlobal({ slug: 'site-settings', req })
  const format = new Intl.DateTimeFormat('es-MX', { dateStyle: 'long', timeStyle: 'short', timeZone: timeZone ?? undefined })
  const effects: string[] = []
  const networks = channels.filter((c) => CHANNEL_CATALOGUE[c.channel].kind === 'social')
  const networkList = networks.map((c) => `${c.label} (${c.account}${c.isSimulation ? ', simulación: sin credenciales, no se publica de verdad' : ''})`).join(', ')
  if (verb === 'approve-publish') effects.push('Apruebas esta versión a tu nombre y en el mismo paso se publica: no queda en «Aprobado» para programarla (para eso usa «Aprobar»).')
  if (PUBLISHING_VERBS.has(verb) || verb === 'emergency-publish') {
    if (correction) {
      effects.push('La página del portal y su entrada en el RSS cambian al texto corregido (la misma dirección).')
      effects.push(correction.isMinor ? 'Es una corrección de ortografía o estilo: no se muestra nota pública.' : `Se muestra la nota pública: «${correction.note.trim()}».`)
      if (correctionMailing) effects.push(`Se avisa con un correo «Corrección» a ${journalists} ${journalists === 1 ? 'periodista' : 'periodistas'} que recibieron la versión anterior.`)
      const followUps = correction.isMinor ? [] : await planNetworkFollowUps({ payload, req, collection, itemId: id, kind: 'correction' })
      effects.push(...followUpSentences(followUps, 'correction'))
      effects.push('Las publicaciones ya hechas en redes no se editan.')
    } else if (embargoUntil && PUBLISHING_VERBS.has(verb)) {
      effects.push(`Está bajo embargo hasta el ${format.format(new Date(embargoUntil))}.`)
      if (mailsPress) effects.push(`Ahora: el correo a prensa sale a ${journalists} ${journalists === 1 ? 'periodista' : 'periodistas'}, marcado «EMBARGO».`)
      effects.push(`Al levantarse el embargo: el portal y el RSS${networks.length ? `, y ${networkList}` : ''}.`)
    } else {
      effects.push('Se publica ahora en el portal y en el RSS.')
      if (networks.length) effects.push(`Se publica en ${networkList}.`)
      if (mailsPress) effects.push(`Se envía por correo a ${journalists} ${journalists === 1 ? 'periodista' : 'periodistas'}.`)
      if (verb === 'emergency-publish') effects.push('Sale primero en todas las colas y queda marcada «no revisado» hasta que otra persona con rol de aprobación la revise.')
    }
  } else if (verb === 'schedule') {
    effects.push(`Se publicará a la hora que elijas en el portal y el RSS${networks.length ? `, y en ${networkList}` : ''}${mailsPress ? `, y se enviará a ${journalists} periodistas` : ''}.`)
  } else if (verb === 'withdraw') {
    effects.push('El contenido deja de verse en el portal y en el RSS; en su dirección queda el aviso público que escribas.')
    effects.push(...followUpSentences(await planNetworkFollowUps({ payload, req, collection, itemId: id, kind: 'withdrawal' }), 'withdrawal'))
    effects.push('El motivo interno queda solo en el registro. Los correos ya enviados no se retiran.')
  } else if (verb === 'correct') {
    effects.push('Se abre una corrección: el texto publicado pasa a un borrador que puedes cambiar, con una nota pública.')
    effects.push('Lo publicado no cambia hasta que otra persona con rol de aprobación apruebe la corrección y se publique.')
  } else if (verb === 'discard-correction') {
    effects.push('Se descartan los cambios de la corrección; el borrador vuelve a ser igual a lo publicado.')
  } else {
    const to = TRANSITIONS[verb].to
    if (to) effects.push(`Pasa a «${STATE_LABELS[to]}».`)
  }
  return { verb, label: stepLabel(verb, correction !== null), effects, channels, journalists, embargoUntil, isCorrection: correction !== null, failures, promotionFindings: APPROVING_VERBS.has(verb) || verb === 'emergency-publish' ? (review?.findings ?? []) : [] }
}

/**
 * What a correction or withdrawal does on the networks where the item was posted: «Se responderá a la
 * publicación original en Facebook y X con la nota de corrección», «Se borrará la publicación en X».
 */
export function followUpSentences(followUps: readonly PlannedFollowUp[], kind: 'correction' | 'withdrawal'): string[] {
  const names = (action: 'reply' | 'delete') => {
    const list = [...new Set(followUps.filter((f) => f.action === action).map((f) => (f.isMain ? f.accountLabel : `${CHANNEL_CATALOGUE[f.channel].label} (${f.accountLabel})`)))]
    return list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} y ${list.at(-1)}`
  }
  const what = kind === 'correction' ? 'la nota de corrección' : 'el aviso de retiro'
  const sentences: string[] = []
  if (names('reply')) sentences.push(`Se responderá a la publicación original en ${names('reply')} con ${what}.`)
  if (names('delete')) sentences.push(`Se borrará la publicación en ${names('delete')} (donde la red no deje borrar, se responderá con el aviso).`)
  if (followUps.some((f) => f.original.isDryRun)) sentences.push('Donde la publicación original fue una simulación, esto también se simula.')
  if (sentences.length === 0) sentences.push(kind === 'correction' ? 'En redes no se hace nada: no hay publicaciones que responder o las cuentas están configuradas para no responder.' : 'En redes no se hace nada: no hay publicaciones que responder o borrar, o las cuentas están configuradas para no hacerlo.')
  return sentences
}

/** Active journalists of the bulletin's press lists (the whole directory when it names none), as the mailing counts them. */
async function countPressAudience(payload: Payload, req: PayloadRequest, bulletin: WorkflowDoc): Promise<number> {
  const lists = ((idOf(bulletin.pressLists ?? []) as unknown[]) ?? []).map(Number)
  const { totalDocs } = await payload.count({
    collection: 'press-contacts',
    where: { and: [{ status: { equals: 'active' } }, ...(lists.length > 0 ? [{ lists: { in: lists } }] : [])] },
    req,
    overrideAccess: true,
  })
  return totalDocs
}

/** Journalists who received an earlier version of the item (those a correction notice goes to). */
async function countEarlierRecipients(payload: Payload, req: PayloadRequest, collection: WorkflowCollection, id: number | string): Promise<number> {
  const { docs } = await payload.find({
    collection: 'deliveries',
    where: { and: [{ [`distribution.${ITEM_FIELD[collection]}`]: { equals: id } }, { status: { equals: 'sent' } }] },
    depth: 0,
    select: { contact: true },
    pagination: false,
    req,
    overrideAccess: true,
  })
  return new Set(docs.map((delivery) => String(idOf((delivery as { contact?: unknown }).contact)))).size
}
