import { ValidationError, type CollectionConfig, type Field, type GlobalConfig, type RadioField, type SelectField } from 'payload'

type ChoiceField = SelectField | RadioField
type BeforeValidate = NonNullable<NonNullable<ChoiceField['hooks']>['beforeValidate']>[number]

/**
 * Every select and radio of these collections or globals refuses, on the field, a value it does not offer,
 * draft or not: Payload does not validate a draft's choices, and PostgreSQL would answer a value its enum has
 * no room for with a 500 nobody can act on. Applied once to the whole configuration (buildPayloadConfig), so a
 * new field is guarded without anyone remembering to. A field's own, more specific check runs first.
 */
export function guardChoices<T extends CollectionConfig | GlobalConfig>(configs: T[]): T[] {
  return configs.map((config) => ({ ...config, fields: guardFields(config.fields) }))
}

function guardFields(fields: Field[]): Field[] {
  return fields.map((field): Field => {
    switch (field.type) {
      case 'select':
      case 'radio':
        return { ...field, hooks: { ...field.hooks, beforeValidate: [...(field.hooks?.beforeValidate ?? []), refuseUnknownChoice(field)] } } as Field
      case 'array':
      case 'group':
      case 'row':
      case 'collapsible':
        return { ...field, fields: guardFields(field.fields) } as Field
      case 'tabs':
        return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: guardFields(tab.fields) })) }
      case 'blocks':
        return { ...field, blocks: field.blocks.map((block) => ({ ...block, fields: guardFields(block.fields) })) }
      default:
        return field
    }
  })
}

function refuseUnknownChoice(field: ChoiceField): BeforeValidate {
  const values = field.options.map((option) => (typeof option === 'string' ? option : option.value))
  const label = typeof field.label === 'string' ? field.label : field.label && typeof field.label === 'object' ? (field.label.es ?? field.name) : field.name
  return ({ value, req, collection, global, path }) => {
    const given: unknown[] = value === null || value === undefined ? [] : Array.isArray(value) ? value : [value]
    const unknown = given.filter((choice) => !values.includes(choice as string))
    if (unknown.length === 0) return value
    const message = `«${label}» no reconoce ${unknown.map((choice) => `«${String(choice)}»`).join(', ')}: elige una opción de la lista.`
    throw new ValidationError({ collection: collection?.slug ?? global?.slug, errors: [{ path: path.join('.'), message }], req })
  }
}
