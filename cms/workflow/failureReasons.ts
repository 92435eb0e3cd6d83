import type { Role } from '../access/roles'
import { STATE_LABELS, type WorkflowState } from './states'
import { APPROVING_VERBS, GOING_OUT_VERBS, TRANSITIONS, type WorkflowVerb } from './transitions'
import { MIN_JUSTIFICATION } from '@pregon/core/law/blackout'

export type FailureCode =
  | 'WORKFLOW_NOT_SIGNED_IN'
  | 'WORKFLOW_ROLE_NOT_ALLOWED'
  | 'WORKFLOW_TRANSITION_NOT_ALLOWED'
  | 'WORKFLOW_OWN_WORK'
  | 'WORKFLOW_REASON_REQUIRED'
  | 'WORKFLOW_NOT_APPROVED_VERSION'
  | 'WORKFLOW_PUBLISH_AT_REQUIRED'
  | 'WORKFLOW_PUBLISH_AT_BEFORE_EMBARGO'
  | 'WORKFLOW_NOTHING_TO_REVIEW'
  | 'WORKFLOW_CONTENT_INCOMPLETE'
  | 'WORKFLOW_POST_TEXT_TOO_LONG'
  | 'WORKFLOW_NOTICE_REQUIRED'
  | 'WORKFLOW_CORRECTION_NOTE_REQUIRED'
  | 'WORKFLOW_CORRECTION_UNCHANGED'
  | 'WORKFLOW_NO_CORRECTION'
  | 'WORKFLOW_BLACKOUT'
  | 'WORKFLOW_BLACKOUT_JUSTIFICATION'
  | 'WORKFLOW_CLASSIFICATION_REQUIRED'
  | 'WORKFLOW_PHOTO_UNDECLARED'
  | 'WORKFLOW_PROMOTION_UNACKNOWLEDGED'
  | 'WORKFLOW_PROMOTION_IN_BLACKOUT'

export interface Failure {
  code: FailureCode
  /** A full Spanish sentence for the person: what is wrong and what to do. */
  message: string
  /** 401: nobody is signed in; 403: this person may not; 422: the input is missing or wrong; 409: nobody may, in this state. */
  status: 401 | 403 | 409 | 422
}

export interface WorkflowAttempt {
  verb: WorkflowVerb
  state: WorkflowState
  actor: { id: number | string; role: Role | null } | null
  /** Users who changed the content of the current version since its last approval. */
  editedBy: ReadonlyArray<number | string>
  reason?: string | null
  /** Hash of the working copy, and of the version that was approved (if any). */
  contentHash: string
  approvedHash?: string | null
  /** For «Programar»: the instant the approver chose. */
  publishAt?: string | null
  /** An embargo on the working copy: nothing goes public before it lifts. */
  embargoUntil?: string | null
  /** Published in an emergency and not yet reviewed by an approver. */
  needsReview?: boolean
  /** Who made the emergency publication (nobody reviews their own). */
  publishedInEmergencyBy?: number | string | null
  /** For «Retirar»: the notice the public will read (the reason stays in the record). */
  notice?: string | null
  /** An open correction of a published item: its public note, and whether the text differs from the public one. */
  correction?: { note: string; isMinor: boolean; changesText: boolean } | null
  /**
   * The veda electoral period the step would put the item out in (now, or at the chosen `publishAt`), with how
   * the period reads («del 3 de abril al 6 de junio de 2027»), and the item's exception, if any.
   */
  blackout?: { name: string; span: string; exception: string | null; justification: string | null } | null
  /**
   * Art. 134: the watched names, words and photos found in the item, the approver's acknowledgement of each (by
   * key), its photos nobody has said whether a public servant appears in, and the veda period in force now.
   */
  promotion?: {
    findings: ReadonlyArray<{ key: string; label: string; found: string }>
    acknowledged: Readonly<Record<string, string>>
    undeclaredPhotos: readonly string[]
    periodNow: string | null
  } | null
  now: Date
}

const MIN_REASON = 10

// Steps that take a correction towards the public: it must change the text and say so publicly (unless minor).
const RELEASING_CORRECTION = new Set<WorkflowVerb>(['submit', 'approve', 'approve-publish', 'schedule', 'publish'])

/** Why `verb` cannot be applied now; empty when it can. Pure: hooks, REST actions and buttons share it. */
export function failureReasons(attempt: WorkflowAttempt): Failure[] {
  const transition = TRANSITIONS[attempt.verb]
  const { actor } = attempt
  if (!actor || actor.role === null) {
    return [{ code: 'WORKFLOW_NOT_SIGNED_IN', status: 401, message: 'Inicia sesión con una cuenta del equipo para usar el flujo editorial.' }]
  }
  const failures: Failure[] = []
  if (transition.isSystemOnly && actor.id !== 'system') {
    return [{ code: 'WORKFLOW_ROLE_NOT_ALLOWED', status: 403, message: `Solo Pregón puede «${transition.label}», por sí mismo; nadie puede hacerlo a mano.` }]
  }
  if (!transition.roles.includes(actor.role)) {
    failures.push({
      code: 'WORKFLOW_ROLE_NOT_ALLOWED',
      status: 403,
      message: `Tu rol no permite «${transition.label}». Pide a quien aprueba (o a la administración) que lo haga.`,
    })
  }
  if (!transition.from.includes(attempt.state)) {
    const allowed = transition.from.map((state) => `«${STATE_LABELS[state]}»`).join(' o ')
    failures.push({
      code: 'WORKFLOW_TRANSITION_NOT_ALLOWED',
      status: 409,
      message: `No se puede «${transition.label}» un contenido en estado «${STATE_LABELS[attempt.state]}»; solo desde ${allowed}.`,
    })
  }
  if (APPROVING_VERBS.has(attempt.verb) && attempt.editedBy.some((id) => String(id) === String(actor.id))) {
    failures.push({
      code: 'WORKFLOW_OWN_WORK',
      status: 403,
      message: 'No puedes aprobar una versión que tú editaste: otra persona con rol de aprobación debe revisarla.',
    })
  }
  if (transition.needsReason && (attempt.reason ?? '').trim().length < MIN_REASON) {
    failures.push({
      code: 'WORKFLOW_REASON_REQUIRED',
      status: 422,
      message:
        attempt.verb === 'reject'
          ? `Escribe el motivo del rechazo (al menos ${MIN_REASON} caracteres): quien editó lo verá en su panel.`
          : `Escribe el motivo de «${transition.label}» (al menos ${MIN_REASON} caracteres); queda en el registro interno, no se publica.`,
    })
  }
  if ((attempt.verb === 'publish' || attempt.verb === 'schedule') && attempt.approvedHash !== attempt.contentHash) {
    failures.push({
      code: 'WORKFLOW_NOT_APPROVED_VERSION',
      status: 409,
      message: 'El contenido cambió después de aprobarse: envíalo de nuevo a revisión para aprobar esta versión.',
    })
  }
  if (attempt.verb === 'schedule' && !(attempt.publishAt && new Date(attempt.publishAt) > attempt.now)) {
    failures.push({
      code: 'WORKFLOW_PUBLISH_AT_REQUIRED',
      status: 422,
      message: 'Indica una fecha y hora futuras para programar la publicación.',
    })
  } else if (attempt.verb === 'schedule' && attempt.embargoUntil && new Date(attempt.publishAt!) < new Date(attempt.embargoUntil)) {
    failures.push({
      code: 'WORKFLOW_PUBLISH_AT_BEFORE_EMBARGO',
      status: 422,
      message: 'La publicación no puede programarse antes de que se levante el embargo; elige una fecha igual o posterior.',
    })
  }
  if (attempt.verb === 'withdraw' && (attempt.notice ?? '').trim().length < MIN_REASON) {
    failures.push({
      code: 'WORKFLOW_NOTICE_REQUIRED',
      status: 422,
      message: `Escribe el aviso público que verá la ciudadanía en lugar del contenido (al menos ${MIN_REASON} caracteres).`,
    })
  }
  const { correction } = attempt
  if (correction && RELEASING_CORRECTION.has(attempt.verb)) {
    if (!correction.changesText) {
      failures.push({
        code: 'WORKFLOW_CORRECTION_UNCHANGED',
        status: 422,
        message: 'La corrección no cambia nada del texto publicado: corrige el texto, o descarta la corrección.',
      })
    }
    if (!correction.isMinor && correction.note.trim().length < MIN_REASON) {
      failures.push({
        code: 'WORKFLOW_CORRECTION_NOTE_REQUIRED',
        status: 422,
        message: `Escribe la nota pública de la corrección (al menos ${MIN_REASON} caracteres), o marca «Solo ortografía o estilo» si no cambia el sentido.`,
      })
    }
  }
  // During a veda an item goes out only with an allowed exception and a justification.
  if (attempt.blackout && GOING_OUT_VERBS.has(attempt.verb)) failures.push(...blackoutFailures(attempt.verb, attempt.blackout))
  if (attempt.promotion) failures.push(...promotionFailures(attempt.verb, attempt.promotion))
  if (attempt.verb === 'discard-correction' && !correction) {
    failures.push({ code: 'WORKFLOW_NO_CORRECTION', status: 409, message: 'Este contenido no tiene una corrección abierta que descartar.' })
  }
  if (attempt.verb === 'review') {
    if (!attempt.needsReview) {
      failures.push({ code: 'WORKFLOW_NOTHING_TO_REVIEW', status: 409, message: 'Este contenido no tiene una publicación de emergencia pendiente de revisar.' })
    } else if (attempt.publishedInEmergencyBy !== null && attempt.publishedInEmergencyBy !== undefined && String(attempt.publishedInEmergencyBy) === String(actor.id)) {
      failures.push({
        code: 'WORKFLOW_OWN_WORK',
        status: 403,
        message: 'No puedes revisar tu propia publicación de emergencia: debe hacerlo otra persona con rol de aprobación.',
      })
    }
  }
  return failures
}

function blackoutFailures(verb: WorkflowVerb, { name, span, exception, justification }: NonNullable<WorkflowAttempt['blackout']>): Failure[] {
  const when = verb === 'schedule' ? 'La fecha elegida cae en el periodo de veda' : 'Está en curso el periodo de veda'
  if (!exception) {
    return [
      {
        code: 'WORKFLOW_BLACKOUT',
        status: 409,
        message:
          `${when} «${name}» (${span}): no sale propaganda gubernamental en ningún canal (portal, RSS, redes ni correo). ` +
          'Solo puede salir si es de salud, educación, protección civil o de la autoridad electoral: elige la excepción en «Excepción de veda electoral», escribe la justificación y envíalo a aprobar; si no, prográmalo para después de la veda.',
      },
    ]
  }
  if ((justification ?? '').trim().length < MIN_JUSTIFICATION) {
    return [
      {
        code: 'WORKFLOW_BLACKOUT_JUSTIFICATION',
        status: 422,
        message: `${when} «${name}» (${span}): escribe en «Justificación de la excepción» por qué debe salir durante la veda (al menos ${MIN_JUSTIFICATION} caracteres) y envíalo a aprobar.`,
      },
    ]
  }
  return []
}

const ACKNOWLEDGING = new Set<WorkflowVerb>(['approve', 'approve-publish', 'emergency-publish'])
const DECLARING = new Set<WorkflowVerb>(['submit', 'approve', 'approve-publish', 'emergency-publish'])
const BLOCKED_IN_BLACKOUT = new Set<WorkflowVerb>(['approve', 'approve-publish', 'schedule', 'publish', 'emergency-publish'])
const quote = (finding: { label: string; found: string }) => `«${finding.found}» (${finding.label})`

function promotionFailures(verb: WorkflowVerb, { findings, acknowledged, undeclaredPhotos, periodNow }: NonNullable<WorkflowAttempt['promotion']>): Failure[] {
  const failures: Failure[] = []
  if (DECLARING.has(verb) && undeclaredPhotos.length > 0) {
    failures.push({
      code: 'WORKFLOW_PHOTO_UNDECLARED',
      status: 409,
      message: `Contesta en cada foto si aparece algún servidor público (artículo 134): falta en ${undeclaredPhotos.join(', ')}. Ábrela desde el campo de la imagen, elige «Sí» o «No» y guarda.`,
    })
  }
  if (findings.length === 0) return failures
  if (periodNow && BLOCKED_IN_BLACKOUT.has(verb)) {
    failures.push({
      code: 'WORKFLOW_PROMOTION_IN_BLACKOUT',
      status: 409,
      message: `Está en curso el periodo de veda «${periodNow}»: nada que nombre o muestre a un servidor público puede aprobarse ni publicarse. Quita ${findings.map(quote).join(', ')} y envíalo de nuevo a revisión.`,
    })
  } else if (ACKNOWLEDGING.has(verb)) {
    const missing = findings.filter((finding) => (acknowledged[finding.key] ?? '').trim().length < MIN_REASON)
    if (missing.length > 0) {
      failures.push({
        code: 'WORKFLOW_PROMOTION_UNACKNOWLEDGED',
        status: 422,
        message: `Para aprobar, justifica cada mención que podría ser promoción personalizada (artículo 134; al menos ${MIN_REASON} caracteres cada una): ${missing.map(quote).join(', ')}.`,
      })
    }
  }
  return failures
}
