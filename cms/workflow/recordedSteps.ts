import type { AuditEntry } from '../audit/recordAudit'
import type { PromotionReview } from './promotionReview'
import type { WorkflowState } from './states'
import { APPROVING_VERBS, stepLabel, type WorkflowVerb } from './transitions'
import type { WorkflowCollection } from './workflowCollections'

/** The record of what the approver acknowledged under Art. 134, and why. */
export function acknowledgementRecord(verb: WorkflowVerb, review: PromotionReview | null, acknowledgements: Readonly<Record<string, string>>): string | null {
  if (!review || review.findings.length === 0 || !(APPROVING_VERBS.has(verb) || verb === 'emergency-publish')) return null
  return `Art. 134, menciones justificadas: ${review.findings.map((finding) => `«${finding.found}» (${finding.label}, ${finding.subject}): ${acknowledgements[finding.key]!.trim()}`).join('; ')}`
}

/**
 * The record's entries for a step: one, or for «Aprobar y publicar» the approval and the publication it takes
 * (same person, same moment, same version), so the record, its CSV export and the expediente read them as they
 * read an approval followed by a publication. The Art. 134 justifications go with the approval; the embargo,
 * correction and veda exception notes, and the channels, with the publication.
 */
export function recordedSteps({
  verb,
  collection,
  id,
  title,
  from,
  to,
  contentHash,
  isCorrection,
  channels,
  reasons,
}: {
  verb: WorkflowVerb
  collection: WorkflowCollection
  id: number | string
  title: string
  from: WorkflowState
  to: WorkflowState
  contentHash: string
  isCorrection: boolean
  channels: string[] | null
  reasons: { step: string | null; exception: string | null; acknowledgement: string | null }
}): AuditEntry[] {
  const joined = (...parts: Array<string | null>) => parts.filter(Boolean).join(' · ') || null
  const entry = (action: WorkflowVerb, fromState: WorkflowState, toState: WorkflowState, reason: string | null, recorded: string[] | null): AuditEntry => ({
    summary: `${stepLabel(action, isCorrection)}: ${title}`,
    action,
    itemCollection: collection,
    itemId: String(id),
    itemTitle: title,
    fromState,
    toState,
    versionHash: contentHash,
    reason,
    channels: recorded,
  })
  if (verb === 'approve-publish') {
    return [entry('approve', from, 'approved', reasons.acknowledgement, null), entry('publish', 'approved', to, joined(reasons.step, reasons.exception), channels)]
  }
  return [entry(verb, from, to, joined(reasons.step, reasons.exception, reasons.acknowledgement), channels)]
}
