import type { ArrayField, CollectionAfterChangeHook, CollectionConfig } from 'payload'
import { isAdmin } from '../access/isAdmin'
import { isStaff } from '../access/isStaff'
import { publishedOrStaff } from '../access/publishedOrStaff'
import { enqueueInTransaction } from '../db/enqueueInTransaction'
import { QUEUES } from '@pregon/core/queues'
import { programStatus, PROGRAM_STATUS_LABELS, PROGRAM_STATUSES } from '@pregon/core/programStatus'
import { slugField } from './shared/slugField'
import { workflowEndpoint, workflowPlanEndpoint } from '../workflow/workflowEndpoint'
import { correctionField, publishedAtField, recordField, workflowFields } from './shared/workflowFields'
import { guardWorkflow, refuseDeletingPublished, rememberDraftFlag } from './shared/guardWorkflow'
import { pressListsField, textOnlyDistributeToField } from './shared/distributionFields'
import { legalFields } from './shared/legalFields'
import { expedienteEndpoint } from '../expediente/expedienteEndpoint'
import { refreshShownMedia, rememberShownMedia } from './Media/mediaVisibility'

const listItem = (name: string, es: string, en: string): ArrayField => ({
  name,
  type: 'array',
  label: { es, en },
  labels: { singular: { es: 'Elemento', en: 'Item' }, plural: { es: 'Elementos', en: 'Items' } },
  fields: [{ name: 'item', type: 'text', required: true, label: { es: 'Texto', en: 'Text' } }],
})

/** The portal shows programs; changes reach it through a rebuild, in the transaction of the change. */
const enqueueRebuild: CollectionAfterChangeHook = async ({ doc, previousDoc, req }) => {
  if (doc._status === 'published' || previousDoc?._status === 'published') {
    await enqueueInTransaction(req, [{ queue: QUEUES.rebuildPortal, data: { reason: 'program-changed' } }])
  }
  return doc
}

/**
 * Programs and calls (programas / convocatorias) citizens can apply to: who, what papers, how, until when.
 * They go through the same workflow as bulletins.
 */
export const Programs: CollectionConfig = {
  slug: 'programs',
  labels: { singular: { es: 'Programa o convocatoria', en: 'Program' }, plural: { es: 'Programas y convocatorias', en: 'Programs' } },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'issuingLevel', 'closesAt', 'workflowState'],
    group: { es: 'Contenido', en: 'Content' },
    components: {
      edit: {
        PublishButton: '/components/WorkflowActions#WorkflowActions',
        UnpublishButton: '/components/WorkflowActions#NoUnpublish',
      },
    },
  },
  versions: { drafts: true, maxPerDoc: 100 },
  defaultSort: '-publishedAt',
  access: { read: publishedOrStaff, readVersions: isStaff, create: isStaff, update: isStaff, delete: isAdmin },
  endpoints: [workflowEndpoint('programs'), workflowPlanEndpoint('programs'), expedienteEndpoint('programs')],
  hooks: {
    beforeOperation: [rememberDraftFlag],
    beforeChange: [guardWorkflow, rememberShownMedia('programs')],
    afterChange: [refreshShownMedia('programs'), enqueueRebuild],
    beforeDelete: [refuseDeletingPublished],
  },
  fields: [
    correctionField,
    { name: 'title', type: 'text', required: true, maxLength: 200, label: { es: 'Nombre del programa', en: 'Name' } },
    slugField('title'),
    {
      type: 'row',
      fields: [
        {
          name: 'issuingLevel',
          type: 'select',
          defaultValue: 'municipal',
          label: { es: 'Nivel de gobierno', en: 'Issuing level' },
          options: [
            { value: 'federal', label: { es: 'Federal', en: 'Federal' } },
            { value: 'estatal', label: { es: 'Estatal', en: 'State' } },
            { value: 'municipal', label: { es: 'Municipal', en: 'Municipal' } },
          ],
          admin: { width: '40%' },
        },
        { name: 'agency', type: 'text', label: { es: 'Dependencia que lo ofrece', en: 'Agency' }, admin: { width: '60%' } },
      ],
    },
    { name: 'summary', type: 'textarea', required: true, maxLength: 600, label: { es: 'En qué consiste', en: 'Summary' } },
    { name: 'eligibility', type: 'textarea', label: { es: 'Quién puede solicitarlo', en: 'Who can apply' } },
    listItem('requirements', 'Requisitos', 'Requirements'),
    listItem('documents', 'Documentos que hay que llevar', 'Documents to bring'),
    { name: 'howToApply', type: 'textarea', label: { es: 'Cómo y dónde solicitarlo', en: 'How and where to apply' } },
    {
      name: 'plainLanguage',
      type: 'ui',
      label: { es: 'Lenguaje claro', en: 'Plain language' },
      admin: {
        components: {
          Field: {
            path: '/components/PlainLanguageHints#PlainLanguageHints',
            clientProps: { sources: [{ path: 'summary', label: 'En qué consiste' }, { path: 'eligibility', label: 'Quién puede solicitarlo' }, { path: 'howToApply', label: 'Cómo solicitarlo' }] },
          },
        },
      },
    },
    {
      type: 'row',
      fields: [
        { name: 'opensAt', type: 'date', label: { es: 'Abre', en: 'Opens' }, admin: { width: '50%', date: { pickerAppearance: 'dayAndTime' } } },
        { name: 'closesAt', type: 'date', label: { es: 'Cierra', en: 'Closes' }, admin: { width: '50%', date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
    {
      name: 'applicationStatus',
      type: 'select',
      virtual: true,
      label: { es: 'Estado de la convocatoria', en: 'Application status' },
      options: PROGRAM_STATUSES.map((value) => ({ value, label: { es: PROGRAM_STATUS_LABELS[value], en: value } })),
      admin: { position: 'sidebar', readOnly: true },
      // Derived, never stored: it changes with the clock, not with an edit.
      hooks: { afterRead: [({ siblingData }) => programStatus({ opensAt: siblingData?.opensAt, closesAt: siblingData?.closesAt, now: new Date() })] },
    },
    { name: 'contact', type: 'text', label: { es: 'Contacto para dudas', en: 'Contact' } },
    {
      name: 'attachments',
      type: 'upload',
      relationTo: 'media',
      hasMany: true,
      label: { es: 'Convocatoria y formatos (PDF)', en: 'Attachments (PDF)' },
      filterOptions: { mimeType: { equals: 'application/pdf' } },
    },
    {
      name: 'relatedBulletins',
      type: 'relationship',
      relationTo: 'bulletins',
      hasMany: true,
      label: { es: 'Boletines relacionados', en: 'Related bulletins' },
    },
    {
      ...textOnlyDistributeToField,
      admin: {
        position: 'sidebar',
        description: {
          es: 'El portal siempre lo muestra al publicarse. En redes sale con la fecha límite; por correo, con requisitos y cómo solicitarlo. Instagram no está: solo publica con foto.',
          en: 'The portal always shows it. Networks get it with its deadline; the press mailing with requirements and how to apply.',
        },
      },
    },
    pressListsField,
    ...legalFields,
    {
      name: 'socialPreviews',
      type: 'ui',
      label: { es: 'Vista previa en redes', en: 'Social previews' },
      admin: { components: { Field: { path: '/components/SocialPreviewsField#SocialPreviewsField', serverProps: { itemCollection: 'programs' } } } },
    },
    ...workflowFields,
    {
      name: 'distributionPanel',
      type: 'ui',
      label: { es: 'Difusión', en: 'Distribution' },
      admin: { components: { Field: { path: '/components/DistributionPanel#DistributionPanel', serverProps: { itemCollection: 'programs' } } } },
    },
    recordField,
    publishedAtField,
  ],
}
