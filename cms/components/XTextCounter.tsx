'use client'
import { useFormFields } from '@payloadcms/ui'
import { postTextRules } from '@pregon/core/channels'
import { useBulletinLink } from './SocialPreviews'

/** The live count X will apply (link included), under the "Texto para X" field: the composer's own figure. */
export function XTextCounter({ siteUrl }: { siteUrl: string }) {
  const text = useFormFields(([fields]) => fields.xText?.value)
  const url = useBulletinLink(siteUrl)
  if (typeof text !== 'string' || text.trim() === '') return null
  const { max, compose } = postTextRules('x')
  const total = compose({ title: '', url, customText: text }).fullLength
  const isOver = total > max
  return (
    <p className={`x-text-counter${isOver ? ' x-text-counter--over' : ''}`} aria-live="polite">
      {total}/{max}
      {isOver ? ` · sobran ${total - max}` : ''}
    </p>
  )
}
