'use client'
import { FieldLabel, useField } from '@payloadcms/ui'
import type { TextFieldClientComponent } from 'payload'

/** A stored address shown as a link to open, not as an input to edit. */
export const LinkView: TextFieldClientComponent = ({ field, path }) => {
  const { value } = useField<string>({ path: path ?? field.name })
  if (!value) return null
  return (
    <div className="field-type link-view">
      <FieldLabel as="span" label={field.label} path={path} />
      <p>
        <a href={value} target="_blank" rel="noopener noreferrer">
          Ver la publicación
        </a>
      </p>
    </div>
  )
}
