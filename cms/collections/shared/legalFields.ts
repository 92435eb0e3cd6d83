import type { Field } from 'payload'
import { BLACKOUT_EXCEPTION_LABELS, BLACKOUT_EXCEPTIONS, CLASSIFICATION_LABELS, CLASSIFICATIONS, MIN_JUSTIFICATION } from '@pregon/core/law/blackout'
import { staffOnly } from '../../access/isStaff'

/**
 * What the law needs to know of a bulletin or program: its classification (required before review; the veda
 * rules and reports read it) and, for one that must go out during a veda, the allowed exception and why. They
 * are content: the approver approves them with the text, so a change needs a new approval.
 */
export const legalFields: Field[] = [
  {
    name: 'classification',
    type: 'select',
    index: true,
    options: CLASSIFICATIONS.map((value) => ({ value, label: CLASSIFICATION_LABELS[value] })),
    label: { es: 'Clasificación', en: 'Classification' },
    admin: {
      position: 'sidebar',
      description: {
        es: 'Obligatoria antes de enviar a revisión. Durante una veda electoral, las campañas y la promoción de logros se retiran del portal.',
        en: 'Required before review.',
      },
    },
  },
  {
    name: 'blackoutException',
    type: 'select',
    access: staffOnly,
    options: BLACKOUT_EXCEPTIONS.map((value) => ({ value, label: BLACKOUT_EXCEPTION_LABELS[value] })),
    label: { es: 'Excepción de veda electoral', en: 'Blackout exception' },
    admin: {
      position: 'sidebar',
      description: {
        es: 'Solo si debe salir durante una veda: servicios de salud o educación, protección civil o información de la autoridad electoral.',
        en: 'Only for what must go out during a blackout.',
      },
    },
  },
  {
    name: 'blackoutJustification',
    type: 'textarea',
    access: staffOnly,
    maxLength: 1000,
    label: { es: 'Justificación de la excepción', en: 'Justification' },
    admin: {
      position: 'sidebar',
      condition: (data) => Boolean(data?.blackoutException),
      description: {
        es: `Por qué la ciudadanía necesita esto durante la veda (al menos ${MIN_JUSTIFICATION} caracteres). Queda en el registro.`,
        en: 'Why it must go out during the blackout.',
      },
    },
  },
  {
    name: 'promotionFindings',
    type: 'ui',
    label: { es: 'Artículo 134', en: 'Art. 134' },
    admin: { position: 'sidebar', components: { Field: '/components/PromotionFindings#PromotionFindings' } },
  },
  // Set by the scheduler when a scheduled publication fell in a veda: it went back to review, and says why.
  { name: 'blackoutHold', type: 'json', access: staffOnly, admin: { hidden: true } },
]
