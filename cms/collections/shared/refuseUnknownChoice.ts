import { ValidationError, type SelectField } from 'payload'

type BeforeValidate = NonNullable<NonNullable<SelectField['hooks']>['beforeValidate']>[number]

/**
 * Refuses, on the field, a value a select does not offer, draft or not: Payload does not validate a draft's
 * choices, and PostgreSQL would answer a value its enum has no room for with a 500 nobody can act on.
 */
export function refuseUnknownChoice({ path, label, values }: { path: string; label: string; values: readonly string[] }): BeforeValidate {
  return ({ value, req, collection }) => {
    const given: unknown[] = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value]
    const unknown = given.filter((choice) => !values.includes(choice as string))
    if (unknown.length === 0) return value
    const message = `«${label}» no reconoce ${unknown.map((choice) => `«${String(choice)}»`).join(', ')}: elige una opción de la lista.`
    throw new ValidationError({ collection: collection?.slug, errors: [{ path, message }], req })
  }
}
