'use client'
import { PasswordField, TextField } from '@payloadcms/ui'
import type { TextFieldClientComponent } from 'payload'

/*
 * The credential inputs of a social account are virtual fields (sealed before the row is written, never stored as
 * typed), which Payload shows read-only by default: these keep them editable.
 */

/** A credential's secret part: typed hidden, never offered by the browser's autofill, never shown again. */
export const SecretInput: TextFieldClientComponent = ({ field, path }) => (
  <PasswordField field={field} path={path ?? field.name} autoComplete="new-password" validate={() => true} />
)

/** A credential's public part (a page id, a handle, a channel). */
export const CredentialInput: TextFieldClientComponent = (props) => <TextField {...props} readOnly={false} />
