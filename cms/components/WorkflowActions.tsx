'use client'
import { Button, toast, useAuth, useConfig, useDocumentInfo, useFormFields, useFormModified } from '@payloadcms/ui'
import { useEffect, useRef, useState } from 'react'
import type { Role } from '../access/roles'
import { TRANSITIONS, WORKFLOW_VERBS, type WorkflowState, type WorkflowVerb } from '../workflow'
import { nextStepSentence, stateHeadline } from '../workflow/stateSentences'
import { stepLabel } from '../workflow/transitions'
import type { WorkflowStepPreview } from '../workflow/describeWorkflowStep'
import { postAction } from './postAction'
import './WorkflowActions.css'

/** Verbs that change what the public sees or who gets it: they are confirmed in a dialog that says exactly what happens. */
const CONFIRMED = new Set<WorkflowVerb>(['publish', 'approve-publish', 'emergency-publish', 'schedule', 'withdraw', 'reject', 'correct', 'discard-correction'])

interface Inputs {
  reason: string
  notice: string
  publishAt: string
  /** Art. 134: the approver's reason for each finding, by its key. */
  acknowledgements: Record<string, string>
}

const MIN_TEXT = 10

const REASON_LABELS: Partial<Record<WorkflowVerb, string>> = {
  reject: 'Motivo del rechazo (lo verá quien editó, en su panel)',
  withdraw: 'Motivo interno (solo queda en el registro, no se publica)',
  'emergency-publish': 'Motivo de la emergencia (queda en el registro interno)',
}

/**
 * Replaces Payload's "Publicar cambios": the item's editorial state, said once with what happens next, and the
 * workflow verbs this person may use now. Each verb calls `POST /api/<collection>/:id/workflow/<verb>`, which
 * re-checks everything on the server; those that reach the public or take it back first show what will happen
 * (`GET …/workflow-plan/<verb>`) and ask for confirmation in a dialog, never `window.prompt`.
 */
export function WorkflowActions() {
  const { id, collectionSlug } = useDocumentInfo()
  const { user } = useAuth()
  const { config } = useConfig()
  const isModified = useFormModified()
  const fields = useFormFields(([formFields]) => ({
    state: formFields.workflowState?.value as WorkflowState | undefined,
    needsReview: Boolean(formFields.needsReview?.value),
    correctionOpenedAt: formFields['correction.openedAt']?.value as string | undefined,
    correctionOpenedBy: formFields['correction.openedByName']?.value as string | undefined,
    approvedBy: formFields['approval.byName']?.value as string | undefined,
    publishAt: formFields.publishAt?.value as string | undefined,
    editedBy: formFields.editedBy?.value as Array<number | string> | null | undefined,
  }))
  const [busy, setBusy] = useState<WorkflowVerb | null>(null)
  const [asking, setAsking] = useState<WorkflowVerb | null>(null)

  const role = (user as { role?: Role } | null)?.role
  if (!id || !role) return null
  const state = fields.state ?? 'draft'
  const hasCorrection = Boolean(fields.correctionOpenedAt)
  const verbs = WORKFLOW_VERBS.filter((verb) => {
    const transition = TRANSITIONS[verb]
    if (transition.isSystemOnly || !transition.roles.includes(role) || !transition.from.includes(state)) return false
    if (verb === 'review') return fields.needsReview
    if (verb === 'discard-correction') return hasCorrection
    // Four eyes: whoever edited this version cannot approve it, so they are not offered to publish it in one step.
    if (verb === 'approve-publish') return !(fields.editedBy ?? []).some((editor) => String(editor) === String(user?.id))
    return true
  })
  // The approver's usual step first: on a phone the bar scrolls sideways and shows only the first one or two.
  verbs.sort((a, b) => Number(b === 'approve-publish') - Number(a === 'approve-publish'))
  const api = `${config.serverURL}${config.routes.api}/${collectionSlug}/${id}`

  async function run(verb: WorkflowVerb, inputs?: Inputs): Promise<boolean> {
    if (isModified) {
      toast.error('Guarda el borrador antes de continuar con el flujo editorial.')
      return false
    }
    if (CONFIRMED.has(verb) && !inputs) {
      setAsking(verb)
      return false
    }
    // An approval is one click, unless the Art. 134 check found something: then each finding is justified in the dialog.
    if (verb === 'approve' && !inputs && (await hasPromotionFindings(`${api}/workflow-plan/approve`))) {
      setAsking(verb)
      return false
    }
    setBusy(verb)
    try {
      const body = {
        reason: inputs?.reason || null,
        notice: inputs?.notice || null,
        ...(inputs?.publishAt ? { publishAt: new Date(inputs.publishAt).toISOString() } : {}),
        ...(inputs && Object.keys(inputs.acknowledgements).length > 0 ? { acknowledgements: inputs.acknowledgements } : {}),
      }
      // A full reload after success: the form must show the state and approval the server now holds.
      const done = await postAction(`${api}/workflow/${verb}`, body)
      if (done) window.location.reload()
      return done
    } finally {
      setBusy(null)
    }
  }

  const stateLine = (
    <p className={`workflow-actions__state workflow-actions__state--${hasCorrection ? 'correction' : state}`} role="status">
      <strong>{stateHeadline({ state, hasCorrection, needsReview: fields.needsReview })}</strong>
      <span>
        {nextStepSentence({
          state,
          hasCorrection,
          correctionOpenedBy: fields.correctionOpenedBy ?? null,
          approvedBy: fields.approvedBy ?? null,
          publishAt: fields.publishAt ?? null,
          needsReview: fields.needsReview,
        })}
      </span>
    </p>
  )
  const bar = verbs.length > 0 && (
    <div className="workflow-actions__bar">
      {verbs.map((verb) => (
        <Button
          key={verb}
          id={`workflow-${verb}`}
          buttonStyle={verb === 'reject' || verb === 'emergency-publish' || verb === 'withdraw' || verb === 'discard-correction' ? 'secondary' : 'primary'}
          size="medium"
          disabled={busy !== null}
          onClick={() => void run(verb)}
        >
          {busy === verb ? 'Procesando…' : stepLabel(verb, hasCorrection)}
        </Button>
      ))}
    </div>
  )
  const confirm = asking && (
    <ConfirmStep
      key={asking}
      verb={asking}
      planUrl={`${api}/workflow-plan/${asking}`}
      busy={busy !== null}
      onCancel={() => setAsking(null)}
      onConfirm={async (inputs) => {
        if (await run(asking, inputs)) setAsking(null)
      }}
    />
  )

  return (
    <div className="workflow-actions">
      {stateLine}
      {bar}
      {confirm}
    </div>
  )
}

/** The confirmation: what will happen, read from the server, and the texts the verb needs. */
function ConfirmStep({
  verb,
  planUrl,
  busy,
  onCancel,
  onConfirm,
}: {
  verb: WorkflowVerb
  planUrl: string
  busy: boolean
  onCancel: () => void
  onConfirm: (inputs: Inputs) => Promise<void>
}) {
  const dialog = useRef<HTMLDialogElement>(null)
  const [plan, setPlan] = useState<WorkflowStepPreview | null>(null)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [inputs, setInputs] = useState<Inputs>({ reason: '', notice: '', publishAt: '', acknowledgements: {} })

  useEffect(() => {
    dialog.current?.showModal()
    fetch(planUrl, { credentials: 'include' })
      .then(async (response) => {
        const answer = (await response.json().catch(() => ({}))) as WorkflowStepPreview & { errors?: Array<{ message: string }> }
        if (response.ok) setPlan(answer)
        else setLoadError(answer.errors?.map((e) => e.message).join(' ') ?? 'No se pudo saber qué hará esta acción.')
      })
      .catch(() => setLoadError('No se pudo conectar con el servidor. Revisa tu conexión e inténtalo de nuevo.'))
  }, [planUrl])

  const label = plan?.label ?? TRANSITIONS[verb].label
  const reasonLabel = REASON_LABELS[verb]
  const findings = plan?.promotionFindings ?? []
  const ready =
    plan !== null &&
    plan.failures.length === 0 &&
    findings.every((finding) => (inputs.acknowledgements[finding.key] ?? '').trim().length >= MIN_TEXT) &&
    (!reasonLabel || inputs.reason.trim().length >= 10) &&
    (verb !== 'withdraw' || inputs.notice.trim().length >= 10) &&
    (verb !== 'schedule' || inputs.publishAt !== '')

  return (
    // No <form> inside: this sits within Payload's edit form, and a submit would bubble up to it (and save).
    <dialog ref={dialog} className="workflow-confirm" aria-labelledby="workflow-confirm-title" onCancel={onCancel} onClose={onCancel}>
      <div>
        <h2 id="workflow-confirm-title">{label}: ¿confirmas?</h2>
        {!plan && !loadError && <p>Consultando qué hará…</p>}
        {loadError && <p className="workflow-confirm__error">{loadError}</p>}
        {plan && (
          <>
            <ul className="workflow-confirm__effects">
              {plan.effects.map((effect) => (
                <li key={effect}>{effect}</li>
              ))}
            </ul>
            {plan.failures.length > 0 && (
              <div className="workflow-confirm__error" role="alert">
                <p>Ahora no se puede:</p>
                <ul>
                  {plan.failures.map((failure) => (
                    <li key={failure.code}>{failure.message}</li>
                  ))}
                </ul>
              </div>
            )}
          </>
        )}
        {findings.length > 0 && plan?.failures.length === 0 && (
          <fieldset className="workflow-confirm__findings">
            <legend>Artículo 134: justifica cada mención (queda en el registro)</legend>
            <p>Podría leerse como promoción personalizada de un servidor público. Si se queda, escribe por qué es información institucional.</p>
            {findings.map((finding, index) => (
              <label key={finding.key} className="workflow-confirm__field">
                <span>
                  <strong>«{finding.found}»</strong> en {finding.label} · {finding.subject}
                </span>
                <span className="workflow-confirm__context">{finding.context}</span>
                <textarea
                  id={`workflow-ack-${index}`}
                  rows={2}
                  required
                  minLength={MIN_TEXT}
                  value={inputs.acknowledgements[finding.key] ?? ''}
                  onChange={(e) => setInputs({ ...inputs, acknowledgements: { ...inputs.acknowledgements, [finding.key]: e.target.value } })}
                />
              </label>
            ))}
          </fieldset>
        )}
        {verb === 'schedule' && (
          <label className="workflow-confirm__field">
            Publicar el (hora de tu equipo)
            <input id="workflow-publish-at" type="datetime-local" required value={inputs.publishAt} onChange={(e) => setInputs({ ...inputs, publishAt: e.target.value })} />
          </label>
        )}
        {reasonLabel && (
          <label className="workflow-confirm__field">
            {reasonLabel}
            <textarea id="workflow-reason" rows={3} required minLength={10} value={inputs.reason} onChange={(e) => setInputs({ ...inputs, reason: e.target.value })} />
          </label>
        )}
        {verb === 'withdraw' && (
          <>
            <label className="workflow-confirm__field workflow-confirm__field--public">
              Aviso público (PÚBLICO: se mostrará en el portal en lugar del contenido)
              <textarea id="workflow-notice" rows={3} required minLength={10} value={inputs.notice} onChange={(e) => setInputs({ ...inputs, notice: e.target.value })} />
            </label>
            {inputs.notice.trim() && (
              <div className="workflow-confirm__preview" aria-label="Así se verá en el portal">
                <p className="workflow-confirm__preview-label">Así se verá en el portal:</p>
                <p>
                  <strong>Contenido retirado.</strong> {inputs.notice.trim()}
                </p>
              </div>
            )}
          </>
        )}
        <div className="workflow-confirm__buttons">
          <Button type="button" buttonStyle="secondary" size="medium" onClick={onCancel} disabled={busy}>
            Cancelar
          </Button>
          <Button id="workflow-confirm" buttonStyle="primary" size="medium" disabled={!ready || busy} onClick={() => void onConfirm(inputs)}>
            {busy ? 'Procesando…' : `Sí, ${label.charAt(0).toLowerCase()}${label.slice(1)}`}
          </Button>
        </div>
      </div>
    </dialog>
  )
}

/** Whether the server's plan for an approval lists Art. 134 findings (then the approver justifies each). */
async function hasPromotionFindings(planUrl: string): Promise<boolean> {
  const response = await fetch(planUrl, { credentials: 'include' }).catch(() => null)
  if (!response?.ok) return false
  const plan = (await response.json().catch(() => null)) as WorkflowStepPreview | null
  return (plan?.promotionFindings.length ?? 0) > 0
}

/** Unpublishing is a withdrawal with a public notice, never a silent button. */
export function NoUnpublish() {
  return null
}
