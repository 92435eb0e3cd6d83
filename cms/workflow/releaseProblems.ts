import { postTextTooLong } from '../collections/Bulletins/fields/contentFields'
import type { Bulletin } from '../payload-types'
import type { Failure } from '.'
import { postTextField, postTextOverflow, SOCIAL_CHANNELS } from '@pregon/core/channels'
import { CLASSIFICATION_LABELS, CLASSIFICATIONS } from '@pregon/core/law/blackout'

const hasText = (value: unknown) => typeof value === 'string' && value.trim().length > 0

/**
 * What must hold before a working copy goes to review or out (title and lead; a bulletin's body and its texts for each network): drafts may be incomplete (Payload does not
 * validate them), so the workflow checks here, with the same Spanish sentences the admin shows.
 */
export function releaseProblems(collection: string, bulletin: Partial<Bulletin>): Failure[] {
  const problems: Failure[] = []
  const missing = [
    ['title', 'el título'],
    ['summary', 'la entrada'],
  ].filter(([field]) => !hasText(bulletin[field as keyof Bulletin]))
  const body = bulletin.body as { root?: { children?: unknown[] } } | undefined
  if (collection === 'bulletins' && !body?.root?.children?.length) missing.push(['body', 'el cuerpo'])
  if (missing.length > 0) {
    problems.push({
      code: 'WORKFLOW_CONTENT_INCOMPLETE',
      status: 409,
      message: `Falta ${missing.map(([, label]) => label).join(', ')}: complétalo y guarda el borrador antes de continuar.`,
    })
  }
  if (!(CLASSIFICATIONS as readonly string[]).includes((bulletin as { classification?: string | null }).classification ?? '')) {
    problems.push({
      code: 'WORKFLOW_CLASSIFICATION_REQUIRED',
      status: 409,
      message: `Elige la «Clasificación» (${CLASSIFICATIONS.map((value) => CLASSIFICATION_LABELS[value].toLowerCase()).join(', ')}) y guarda el borrador antes de continuar: la veda electoral y los informes la usan.`,
    })
  }
  for (const channel of SOCIAL_CHANNELS) {
    const text = (bulletin as Record<string, unknown>)[postTextField(channel)]
    const overflow = hasText(text) ? postTextOverflow(channel, text as string) : null
    if (overflow) problems.push({ code: 'WORKFLOW_POST_TEXT_TOO_LONG', status: 409, message: postTextTooLong(channel, overflow) })
  }
  return problems
}
