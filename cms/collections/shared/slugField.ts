import type { TextField } from 'payload'
import { slugify } from '@pregon/core/slugify'

/** A unique slug derived from another field when left empty. */
export function slugField(from: string): TextField {
  return {
    name: 'slug',
    type: 'text',
    required: true,
    unique: true,
    index: true,
    label: { es: 'Slug (dirección web)', en: 'Slug' },
    admin: {
      position: 'sidebar',
      description: {
        es: 'Se genera a partir del título si se deja vacío. Solo letras sin acentos, números y guiones.',
        en: 'Generated from the title when empty.',
      },
    },
    hooks: {
      beforeValidate: [
        ({ value, data }) => {
          const source = typeof value === 'string' && value.trim() !== '' ? value : (data?.[from] as string | undefined)
          return typeof source === 'string' ? slugify(source) : value
        },
      ],
    },
  }
}
