'use client'
import { useConfig, useDocumentInfo, useFormFields } from '@payloadcms/ui'
import { useEffect, useState } from 'react'
import type { PromotionFinding } from '../workflow/promotionReview'
import type { WorkflowStepPreview } from '../workflow/describeWorkflowStep'

/**
 * «Artículo 134» in the sidebar: what the check finds in the saved working copy (watched names, titles and words,
 * photos declared to show a public servant), each in its context, so the editor can rephrase before review and
 * knows what the approver will have to justify. Read from the server's own plan for an approval, after each save.
 */
export function PromotionFindings() {
  const { id, collectionSlug } = useDocumentInfo()
  const { config } = useConfig()
  const savedAt = useFormFields(([fields]) => fields.updatedAt?.value as string | undefined)
  const [findings, setFindings] = useState<PromotionFinding[] | null>(null)

  useEffect(() => {
    if (!id) return
    const controller = new AbortController()
    fetch(`${config.serverURL}${config.routes.api}/${collectionSlug}/${id}/workflow-plan/approve`, { credentials: 'include', signal: controller.signal })
      .then(async (response) => (response.ok ? ((await response.json()) as WorkflowStepPreview).promotionFindings : null))
      .then(setFindings)
      .catch(() => {})
    return () => controller.abort()
  }, [id, collectionSlug, config, savedAt])

  if (!id || findings === null) return null
  return (
    <section className="promotion-findings" aria-labelledby="promotion-findings-title">
      <h4 id="promotion-findings-title">Artículo 134</h4>
      {findings.length === 0 ? (
        <p>Sin menciones de servidores públicos ni palabras vigiladas en lo guardado.</p>
      ) : (
        <>
          <p>
            Posible promoción personalizada: quien aprueba tendrá que justificar cada una, y durante una veda no puede publicarse. Si no es necesaria, quítala.
          </p>
          <ul>
            {findings.map((finding) => (
              <li key={finding.key}>
                <strong>«{finding.found}»</strong> en {finding.label} ({finding.subject})
                <br />
                <em>{finding.context}</em>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
