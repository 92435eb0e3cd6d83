'use client'
import { FieldLabel, useField } from '@payloadcms/ui'
import type { JSONFieldClientComponent } from 'payload'

/** A JSON value as formatted, read-only text: what the office reads, with nothing loaded from outside. */
export const JsonView: JSONFieldClientComponent = ({ field, path }) => {
  const { value } = useField<unknown>({ path: path ?? field.name })
  const id = `field-${(path ?? field.name).replace(/\./g, '__')}`
  return (
    <div className="field-type json-view">
      <FieldLabel as="span" label={field.label} path={path} />
      {value === null || value === undefined ? (
        <p id={id} className="json-view__empty">
          —
        </p>
      ) : (
        <pre id={id} className="json-view__value" tabIndex={0} aria-label="Valor (solo lectura)">
          {JSON.stringify(value, null, 2)}
        </pre>
      )}
    </div>
  )
}
