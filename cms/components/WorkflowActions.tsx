'use client'
import { Button, toast, useAuth, useConfig, useDocumentInfo, useFormFields, useFormModified } from '@payloadcms/ui'
import { useState } from 'react'
import type { Role } from '../access/roles'
import { TRANSITIONS, WORKFLOW_VERBS, type WorkflowState, type WorkflowVerb } from '../workflow'
import { postAction } from './postAction'


/**
 * Replaces Payload's "Publicar cambios": the workflow verbs this person may use in this state, each
 * calling `POST /api/<collection>/:id/workflow/<verb>`, which re-checks everything on the server.
 */
export function WorkflowActions() {
  const { id, collectionSlug } = useDocumentInfo()
  const { user } = useAuth()
  const { config } = useConfig()
  const isModified = useFormModified()
  const state = useFormFields(([fields]) => fields.workflowState?.value) as WorkflowState | undefined
  const [busy, setBusy] = useState<WorkflowVerb | null>(null)
  // «Programar» asks when: the date is the approver's decision, sent with the verb (a save cannot set it).
  const [publishAt, setPublishAt] = useState<string | null>(null)

  const role = (user as { role?: Role } | null)?.role
  if (!id || !role) return null
  const verbs = WORKFLOW_VERBS.filter((verb) => {
    const transition = TRANSITIONS[verb]
    return transition.roles.includes(role) && transition.from.includes(state ?? 'draft')
  })

  async function run(verb: WorkflowVerb, when?: string) {
    if (isModified) {
      toast.error('Guarda el borrador antes de continuar con el flujo editorial.')
      return
    }
    if (verb === 'schedule' && when === undefined) {
      setPublishAt(publishAt === null ? '' : null)
      return
    }
    let reason: string | null = null
    if (TRANSITIONS[verb].needsReason) {
      reason = window.prompt(`Motivo de «${TRANSITIONS[verb].label}» (queda en el registro):`)
      if (reason === null) return
    }
    setBusy(verb)
    try {
      // A full reload after success: the form must show the state and approval the server now holds.
      const body = { reason, ...(when ? { publishAt: new Date(when).toISOString() } : {}) }
      if (await postAction(`${config.serverURL}${config.routes.api}/${collectionSlug}/${id}/workflow/${verb}`, body)) window.location.reload()
    } finally {
      setBusy(null)
    }
  }

  return (
    <div className="workflow-actions">
      {verbs.map((verb) => (
        <Button
          key={verb}
          id={`workflow-${verb}`}
          buttonStyle={verb === 'reject' || verb === 'emergency-publish' ? 'secondary' : 'primary'}
          size="medium"
          disabled={busy !== null}
          onClick={() => void run(verb)}
        >
          {busy === verb ? 'Procesando…' : TRANSITIONS[verb].label}
        </Button>
      ))}
      {publishAt !== null && (
        <form
          className="workflow-actions__schedule"
          onSubmit={(event) => {
            event.preventDefault()
            if (publishAt) void run('schedule', publishAt)
          }}
        >
          <label htmlFor="workflow-publish-at">Publicar el (hora de tu equipo)</label>
          <input id="workflow-publish-at" type="datetime-local" required value={publishAt} onChange={(event) => setPublishAt(event.target.value)} />
          <Button type="submit" buttonStyle="primary" size="medium" disabled={busy !== null || !publishAt}>
            {busy === 'schedule' ? 'Procesando…' : 'Confirmar programación'}
          </Button>
        </form>
      )}
    </div>
  )
}

/** Unpublishing is a withdrawal with a public notice, never a silent button. */
export function NoUnpublish() {
  return null
}
