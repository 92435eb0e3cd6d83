import { ACCEPTED_DOCUMENT_TYPES, ACCEPTED_IMAGE_TYPES, RENDITIONS, THUMBNAIL_RENDITION, type MediaLimits } from '@pregon/media'
import type { CollectionConfig } from 'payload'
import { isAdmin } from '../../access/isAdmin'
import { isStaff } from '../../access/isStaff'
import { publishedMediaOrStaff } from '../../access/publishedMediaOrStaff'
import { freezeApprovedMedia, freezeApprovedMediaChange, refuseDeletingApprovedMedia } from './freezeApprovedMedia'
import { recordRenditions, writeRenditions } from './renditionFiles'
import { ALT_TEXT_LABEL, validateAltText } from './altText'
import { requireAltText } from './requireAltText'
import { sanitizeUpload } from './sanitizeUpload'
import { signedMediaLinkEndpoint } from '../../media/signedMediaLink'

/**
 * Photos and attachments. Files live in the media directory (git-ignored); the portal links what it shows,
 * and the public reads through the API only what a published bulletin shows.
 * Uploads pass the media intake (sanitizeUpload); every rendition and network crop is made from the clean file.
 */
export function createMedia({ staticDir, limits }: { staticDir: string; limits: MediaLimits }): CollectionConfig {
  // Files in the local media folder; with a cloud storage adapter (README, "S3-compatible storage") set false.
  const storage = { isLocal: true }
  return {
    slug: 'media',
    labels: { singular: { es: 'Imagen o archivo', en: 'Media' }, plural: { es: 'Medios', en: 'Media' } },
    admin: {
      useAsTitle: 'alt',
      defaultColumns: ['filename', 'alt', 'updatedAt'],
      group: { es: 'Contenido', en: 'Content' },
      // Checks the alt text before the file is sent and shows the upload under way.
      components: { edit: { SaveButton: '/collections/Media/MediaSaveButton#MediaSaveButton' } },
    },
    hooks: {
      beforeOperation: [freezeApprovedMedia, requireAltText, sanitizeUpload(limits)],
      beforeChange: [freezeApprovedMediaChange, recordRenditions(staticDir, storage)],
      beforeDelete: [refuseDeletingApprovedMedia],
      afterChange: [writeRenditions(staticDir, storage)],
    },
    access: {
      read: publishedMediaOrStaff,
      create: isStaff,
      update: isStaff,
      delete: isAdmin,
    },
    endpoints: [signedMediaLinkEndpoint(staticDir)],
    upload: {
      staticDir,
      mimeTypes: [...ACCEPTED_IMAGE_TYPES, ...ACCEPTED_DOCUMENT_TYPES],
      // Declared for Payload's `sizes` metadata, URLs and clean-up; the files are made by @pregon/media
      // (renditionFiles.ts), since Payload is given no sharp and makes none itself.
      imageSizes: RENDITIONS.map(({ name, width, height }) => ({ name, width, ...(height ? { height } : {}) })),
      adminThumbnail: THUMBNAIL_RENDITION,
      focalPoint: true,
      // Every crop comes from the focal point; a free crop would change the original the crops are cut from.
      crop: false,
    },
    fields: [
      {
        name: 'alt',
        type: 'text',
        required: true,
        label: { es: ALT_TEXT_LABEL, en: 'Alt text or description' },
        admin: {
          description: {
            es: 'Describe la imagen para quien no puede verla (lectores de pantalla, redes sociales), o di qué contiene el documento. Obligatorio.',
            en: 'Describe the image for people who cannot see it. Required.',
          },
        },
        validate: validateAltText,
      },
      { name: 'credit', type: 'text', label: { es: 'Crédito', en: 'Credit' } },
      {
        name: 'showsPublicServant',
        type: 'radio',
        options: [
          { value: 'no', label: { es: 'No', en: 'No' } },
          { value: 'si', label: { es: 'Sí', en: 'Yes' } },
        ],
        label: { es: '¿Aparece algún servidor público en la foto?', en: 'Does a public servant appear?' },
        admin: {
          layout: 'horizontal',
          description: {
            es: 'Hay que contestarlo para publicar la foto (artículo 134 de la Constitución: nada de promoción personalizada). Si aparece, quien aprueba debe justificarlo, y durante una veda no puede publicarse.',
            en: 'Required to publish the photo (Art. 134).',
          },
        },
      },
      {
        // Kept by the system (mediaVisibility.ts): whether a published bulletin or program shows this file.
        name: 'shownPublicly',
        type: 'checkbox',
        defaultValue: false,
        index: true,
        label: { es: 'Visible en el portal', en: 'Shown publicly' },
        access: { create: () => false, update: () => false },
        admin: {
          readOnly: true,
          position: 'sidebar',
          description: { es: 'Lo marca Pregón cuando un boletín o programa publicado muestra este archivo.', en: 'Set by Pregón while published content shows this file.' },
        },
      },
      {
        name: 'cropPreviews',
        type: 'ui',
        label: { es: 'Recortes para cada red', en: 'Crops per network' },
        admin: { components: { Field: '/components/CropPreviews#CropPreviews' } },
      },
    ],
  }
}
