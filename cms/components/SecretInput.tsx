'use client'
import { PasswordField } from '@payloadcms/ui'
import type { TextFieldClientComponent } from 'payload'

/** A credential's secret part: typed hidden, never offered by the browser's autofill, never shown again. */
export const SecretInput: TextFieldClientComponent = ({ field, path }) => (
  <PasswordField field={field} path={path ?? field.name} autoComplete="new-password" validate={() => true} />
)
