import type { Field } from 'payload'

/**
 * «Alerta hasta»: when the portal stops showing an emergency bulletin as the alert banner on every page and on the
 * offices' screens. Empty: a day after publication (ALERT_DEFAULT_HOURS in site/src/content/portalClock.ts).
 * Shown only for bulletins classified «emergencia»; one published with the emergency verb under another
 * classification is an alert for the default day. Content like the classification: approved with the text.
 */
export const alertUntilField: Field = {
  name: 'alertUntil',
  type: 'date',
  label: { es: 'Alerta hasta', en: 'Alert until' },
  admin: {
    position: 'sidebar',
    condition: (data) => data?.classification === 'emergencia',
    date: { pickerAppearance: 'dayAndTime', timeFormat: 'HH:mm' },
    description: {
      es: 'Hasta cuándo el portal muestra este boletín como alerta en todas sus páginas y en las pantallas de las oficinas. Si se deja vacío, 24 horas después de publicarse.',
      en: 'Until when the portal shows this bulletin as an alert. Empty: 24 hours after publication.',
    },
  },
}
