'use client'
import { useFormFields } from '@payloadcms/ui'
import { postTextField, postTextRules, type SocialChannel } from '@pregon/core/channels'
import { useBulletinLink } from './SocialPreviews'

/** The live count a network will apply (link included) under its text field: the composer's own figure. */
export function PostTextCounter({ siteUrl, channel }: { siteUrl: string; channel: SocialChannel }) {
  const text = useFormFields(([fields]) => fields[postTextField(channel)]?.value)
  const url = useBulletinLink(siteUrl)
  if (typeof text !== 'string' || text.trim() === '') return null
  const { max, compose } = postTextRules(channel)
  const total = compose({ title: '', url, customText: text }).fullLength
  const isOver = total > max
  return (
    <p className={`x-text-counter${isOver ? ' x-text-counter--over' : ''}`} aria-live="polite">
      {total.toLocaleString('es-MX')}/{max.toLocaleString('es-MX')}
      {isOver ? ` · sobran ${total - max}` : ''}
    </p>
  )
}
