import type { CollectionConfig } from 'payload'
import { isAdmin } from '../../access/isAdmin'
import { isStaff } from '../../access/isStaff'
import { publishedOrStaff } from '../../access/publishedOrStaff'
import { slugField } from '../shared/slugField'
import { workflowEndpoint, workflowPlanEndpoint } from '../../workflow/workflowEndpoint'
import { contentFields } from './fields/contentFields'
import { legalFields } from '../shared/legalFields'
import { alertUntilField } from './fields/alertUntilField'
import { correctionField, publishedAtField, recordField, workflowFields } from '../shared/workflowFields'
import { enqueuePublication } from './hooks/enqueuePublication'
import { refreshShownMedia, rememberShownMedia } from '../Media/mediaVisibility'
import { portalPreviewEndpoint } from '../../preview/portalPreview'
import { expedienteEndpoint } from '../../expediente/expedienteEndpoint'
import { pressEmailPreviewEndpoint } from '../../distribution/pressEmailPreview'
import { bulletinViewsEndpoint } from '../../stats/bulletinViews'
import { guardWorkflow, refuseDeletingPublished, rememberDraftFlag } from '../shared/guardWorkflow'

export const Bulletins: CollectionConfig = {
  slug: 'bulletins',
  labels: { singular: { es: 'Boletín', en: 'Bulletin' }, plural: { es: 'Boletines', en: 'Bulletins' } },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'department', 'workflowState', 'publishedAt'],
    group: { es: 'Contenido', en: 'Content' },
    listSearchableFields: ['title', 'summary'],
    components: {
      edit: {
        PublishButton: '/components/WorkflowActions#WorkflowActions',
        UnpublishButton: '/components/WorkflowActions#NoUnpublish',
      },
    },
  },
  versions: { drafts: true, maxPerDoc: 100 },
  defaultSort: '-publishedAt',
  // The portal's and the API's lists: newest published first, of everything or of one department; the same
  // index answers their totals. Payload repeats them on the versions table (the admin's working copies).
  indexes: [{ fields: ['_status', 'publishedAt'] }, { fields: ['department', '_status', 'publishedAt'] }],
  access: {
    read: publishedOrStaff,
    readVersions: isStaff,
    create: isStaff,
    update: isStaff,
    delete: isAdmin,
  },
  endpoints: [pressEmailPreviewEndpoint, workflowEndpoint('bulletins'), workflowPlanEndpoint('bulletins'), portalPreviewEndpoint, expedienteEndpoint('bulletins'), bulletinViewsEndpoint],
  hooks: {
    beforeOperation: [rememberDraftFlag],
    beforeChange: [guardWorkflow, rememberShownMedia('bulletins')],
    beforeDelete: [refuseDeletingPublished],
    afterChange: [refreshShownMedia('bulletins'), enqueuePublication],
  },
  fields: [
    correctionField,
    { name: 'title', type: 'text', required: true, maxLength: 200, label: { es: 'Título', en: 'Title' } },
    slugField('title'),
    {
      name: 'summary',
      type: 'textarea',
      required: true,
      maxLength: 600,
      label: { es: 'Entrada (resumen)', en: 'Summary (lead)' },
      admin: { description: { es: 'Uno o dos enunciados: qué, quién, cuándo, dónde.', en: 'One or two sentences.' } },
    },
    { name: 'body', type: 'richText', required: true, label: { es: 'Cuerpo', en: 'Body' } },
    { name: 'plainLanguage', type: 'ui', label: { es: 'Lenguaje claro', en: 'Plain language' }, admin: { components: { Field: '/components/PlainLanguageHints#PlainLanguageHints' } } },
    {
      name: 'heroImage',
      type: 'upload',
      relationTo: 'media',
      label: { es: 'Imagen principal', en: 'Hero image' },
    },
    {
      name: 'department',
      type: 'relationship',
      relationTo: 'departments',
      label: { es: 'Dependencia', en: 'Department' },
      admin: { position: 'sidebar' },
    },
    ...legalFields,
    alertUntilField,
    ...contentFields,
    {
      name: 'socialPreviews',
      type: 'ui',
      label: { es: 'Vista previa en redes', en: 'Social previews' },
      admin: { components: { Field: '/components/SocialPreviewsField#SocialPreviewsField' } },
    },
    { name: 'pressEmailPreview', type: 'ui', label: { es: 'Vista previa del correo a prensa', en: 'Press email preview' }, admin: { components: { Field: '/components/PressEmailPreview#PressEmailPreview' } } },
    { name: 'portalPreview', type: 'ui', label: { es: 'Vista previa en el portal', en: 'Portal preview' }, admin: { components: { Field: '/components/PortalPreview#PortalPreview' } } },
    ...workflowFields,
    {
      name: 'distributionPanel',
      type: 'ui',
      label: { es: 'Difusión', en: 'Distribution' },
      admin: { components: { Field: '/components/DistributionPanel#DistributionPanel' } },
    },
    recordField,
    publishedAtField,
  ],
}
