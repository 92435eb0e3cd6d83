import { ValidationError, type RelationshipField, type SelectField } from 'payload'
import { CHANNEL_LABELS, CHANNEL_OPTIONS, defaultChannels, isChannel, postsWithoutImage, type Channel } from '@pregon/core/channels'
import type { Config } from '@pregon/core/loadConfig'
import { staffOnly } from '../../access/isStaff'

const configOf = (req: { payload?: { config: { custom?: unknown } } } | undefined) => (req?.payload?.config.custom as { pregon?: Readonly<Config> } | undefined)?.pregon

/**
 * Refuses, on the field, channels outside `offered`, draft or not: Payload does not validate a draft's choices,
 * and the database would refuse a value it has no room for with an error nobody can act on.
 */
function refuseUnoffered(offered: (channel: Channel) => boolean, why: (channels: Channel[]) => string): NonNullable<NonNullable<SelectField['hooks']>['beforeValidate']>[number] {
  return ({ value, req, collection }) => {
    const values: unknown[] = Array.isArray(value) ? value : []
    const unknown = values.filter((channel) => !isChannel(channel))
    const refused = values.filter((channel): channel is Channel => isChannel(channel) && !offered(channel))
    if (unknown.length === 0 && refused.length === 0) return value
    const message =
      unknown.length > 0
        ? `«Difundir en» no reconoce ${unknown.map((channel) => `«${String(channel)}»`).join(', ')}: elige canales de la lista.`
        : why(refused)
    throw new ValidationError({ collection: collection?.slug, errors: [{ path: 'distributeTo', message }], req })
  }
}

/** «Difundir en»: the channels an item goes out on when published; new items offer every configured one. */
export const distributeToField: SelectField = {
  name: 'distributeTo',
  access: staffOnly,
  type: 'select',
  hasMany: true,
  defaultValue: ({ req }) => defaultChannels(configOf(req)),
  label: { es: 'Difundir en', en: 'Distribute to' },
  options: CHANNEL_OPTIONS,
  admin: {
    position: 'sidebar',
    description: { es: 'El portal y el RSS siempre lo muestran al publicarse.', en: 'The portal and RSS always show it.' },
  },
  hooks: { beforeValidate: [refuseUnoffered(() => true, () => '')] },
}

/**
 * «Difundir en» of an item that carries no photo (a program): the channels that publish text alone, so nobody
 * chooses one that would only skip it.
 */
export const textOnlyDistributeToField: SelectField = {
  ...distributeToField,
  defaultValue: ({ req }) => defaultChannels(configOf(req)).filter(postsWithoutImage),
  options: CHANNEL_OPTIONS.filter((option) => postsWithoutImage(option.value)),
  hooks: {
    beforeValidate: [
      refuseUnoffered(postsWithoutImage, (refused) => `${refused.map((channel) => CHANNEL_LABELS[channel]).join(', ')}: solo publica con foto y esto no lleva imagen; quítalo de «Difundir en».`),
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
