import type { CollectionConfig, Field, GlobalConfig, Plugin } from 'payload'
import { spanishDateAdmin } from './dateAdmin'

const JSON_VIEW = '/components/JsonView#JsonView'

/** Fields, at any depth (groups, rows, tabs, arrays, blocks), made for the people who read the admin. */
function adaptFields(fields: Field[]): Field[] {
  return fields.map((field): Field => {
    if (field.type === 'date') return { ...field, admin: spanishDateAdmin(field.admin) }
    // Payload's JSON field is a Monaco editor loaded from a CDN (jsdelivr): requests leave the office's server
    // and fail offline. People read these values, they never type JSON: a formatted, read-only view instead.
    if (field.type === 'json' && !field.admin?.hidden && !field.admin?.components?.Field) {
      return { ...field, admin: { ...field.admin, readOnly: true, components: { ...field.admin?.components, Field: JSON_VIEW } } }
    }
    if (field.type === 'tabs') return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: adaptFields(tab.fields) })) }
    if (field.type === 'blocks') return { ...field, blocks: field.blocks.map((block) => ({ ...block, fields: adaptFields(block.fields) })) }
    if ('fields' in field && Array.isArray(field.fields)) return { ...field, fields: adaptFields(field.fields) } as Field
    return field
  })
}

// Payload's «API» tab shows the raw document and its REST address: for whoever runs the server, not for editors.
const isAdminRequest = ({ req }: { req: { user?: unknown } }) => (req.user as { role?: string } | null)?.role === 'admin'

function withApiTabForAdmins(views: { edit?: Record<string, unknown> } | undefined) {
  const api = (views?.edit?.api ?? {}) as { tab?: object }
  return { ...views, edit: { ...views?.edit, api: { ...api, tab: { condition: isAdminRequest, ...api.tab } } } }
}

function adaptCollection(collection: CollectionConfig): CollectionConfig {
  const views = collection.admin?.components?.views
  return {
    ...collection,
    fields: adaptFields(collection.fields),
    admin: {
      ...collection.admin,
      components: { ...collection.admin?.components, views: withApiTabForAdmins(views) as typeof views },
    },
  }
}

function adaptGlobal(global: GlobalConfig): GlobalConfig {
  const views = global.admin?.components?.views
  return {
    ...global,
    fields: adaptFields(global.fields),
    admin: { ...global.admin, components: { ...global.admin?.components, views: withApiTabForAdmins(views) as typeof views } },
  }
}

/**
 * The admin as the office reads it, applied to every collection and global once: Spanish 24-hour date pickers,
 * JSON shown as text (no CDN editor), and the «API» tab only for admins.
 */
export const peopleFacingAdmin: Plugin = (config) => ({
  ...config,
  collections: config.collections?.map(adaptCollection),
  globals: config.globals?.map(adaptGlobal),
})
