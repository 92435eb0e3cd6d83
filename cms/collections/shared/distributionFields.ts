import { ValidationError, type RelationshipField, type SelectField } from 'payload'
import { CHANNEL_LABELS, CHANNEL_OPTIONS, defaultChannels, isChannel, postsWithoutImage, type Channel } from '@pregon/core/channels'
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

/**
 * «Difundir en» of an item that carries no photo (a program): the channels that publish text alone, so nobody
 * chooses one that would only skip it.
 */
export const textOnlyDistributeToField: SelectField = {
  ...distributeToField,
  defaultValue: ({ req }) => defaultChannels((req?.payload?.config.custom as { pregon?: Readonly<Config> } | undefined)?.pregon).filter(postsWithoutImage),
  options: CHANNEL_OPTIONS.filter((option) => postsWithoutImage(option.value)),
  hooks: {
    // Payload does not validate a draft's choices, and the database would refuse one it has no value for with
    // an error nobody can act on: say which channel and why, on the field, draft or not.
    beforeValidate: [
      ({ value, req, collection }) => {
        const refused = (Array.isArray(value) ? value : []).filter((channel) => isChannel(channel) && !postsWithoutImage(channel))
        if (refused.length === 0) return value
        throw new ValidationError({
          collection: collection?.slug,
          errors: [{ path: 'distributeTo', message: `${refused.map((channel) => CHANNEL_LABELS[channel as Channel]).join(', ')}: solo publica con foto y esto no lleva imagen; quítalo de «Difundir en».` }],
          req,
        })
      },
    ],
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
