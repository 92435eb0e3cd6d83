import type { RelationshipField, SelectField } from 'payload'
import { CHANNEL_OPTIONS, defaultChannels } from '@pregon/core/channels'
import type { Config } from '@pregon/core/loadConfig'
import { staffOnly } from '../../access/isStaff'

/** «Difundir en»: the channels an item goes out on when published; new items offer every configured one. */
export const distributeToField: SelectField = {
  name: 'distributeTo',
  access: staffOnly,
  type: 'select',
  hasMany: true,
  defaultValue: ({ req }) => defaultChannels((req?.payload?.config.custom as { pregon?: Readonly<Config> } | undefined)?.pregon),
  label: { es: 'Difundir en', en: 'Distribute to' },
  options: CHANNEL_OPTIONS,
  admin: {
    position: 'sidebar',
    description: { es: 'El portal y el RSS siempre lo muestran al publicarse.', en: 'The portal and RSS always show it.' },
  },
}

/** «Listas de prensa»: who gets the press mailing; none chosen, the whole press directory. */
export const pressListsField: RelationshipField = {
  name: 'pressLists',
  access: staffOnly,
  type: 'relationship',
  relationTo: 'mailing-lists',
  hasMany: true,
  label: { es: 'Listas de prensa', en: 'Press lists' },
  filterOptions: { audience: { equals: 'press' } },
  admin: {
    position: 'sidebar',
    description: {
      es: 'A quién se envía por correo. Si no eliges ninguna, va a todo el directorio de medios.',
      en: 'Who gets the press mailing; none chosen: the whole press directory.',
    },
  },
}
