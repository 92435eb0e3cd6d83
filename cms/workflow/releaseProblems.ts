import { xTextTotal } from '../collections/Bulletins/fields/contentFields'
import type { Bulletin } from '../payload-types'
import type { Failure } from '.'
import { X_MAX_WEIGHTED_LENGTH } from '@pregon/core/xTextLength'

const hasText = (value: unknown) => typeof value === 'string' && value.trim().length > 0

/**
 * What must hold before a working copy goes to review or out (title and lead; a bulletin's body and X text): drafts may be incomplete (Payload does not
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
  if (hasText(bulletin.xText)) {
    const total = xTextTotal(bulletin.xText!)
    if (total > X_MAX_WEIGHTED_LENGTH) {
      problems.push({
        code: 'WORKFLOW_X_TEXT_TOO_LONG',
        status: 409,
        message: `El texto para X ocupa ${total} de ${X_MAX_WEIGHTED_LENGTH} caracteres (con el enlace): acórtalo ${total - X_MAX_WEIGHTED_LENGTH}.`,
      })
    }
  }
  return problems
}
