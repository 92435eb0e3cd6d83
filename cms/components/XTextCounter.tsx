'use client'
import { useFormFields } from '@payloadcms/ui'
import { xTextTotal } from '../collections/Bulletins/fields/contentFields'
import { X_MAX_WEIGHTED_LENGTH } from '@pregon/core/xTextLength'

/** The live count X will apply (link included), under the "Texto para X" field. */
export function XTextCounter() {
  const text = useFormFields(([fields]) => fields.xText?.value)
  if (typeof text !== 'string' || text.trim() === '') return null
  const total = xTextTotal(text)
  const isOver = total > X_MAX_WEIGHTED_LENGTH
  return (
    <p className={`x-text-counter${isOver ? ' x-text-counter--over' : ''}`} aria-live="polite">
      {total}/{X_MAX_WEIGHTED_LENGTH}
      {isOver ? ` · sobran ${total - X_MAX_WEIGHTED_LENGTH}` : ''}
    </p>
  )
}
