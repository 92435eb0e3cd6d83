import type { Block, CollectionBeforeOperationHook, CollectionBeforeValidateHook, Field, GlobalBeforeValidateHook, Plugin, PayloadRequest } from 'payload'
import { PregonError } from '@pregon/core/PregonError'
import { checkText, checkValue, DEFAULT_MAX_LENGTH, hasNul, mendText, mendValue, TEXT_CONTROL_CHARACTERS, type TextRefusal } from '@pregon/core/textGuard'
import { toApiError } from '../../http/errorReply'

/**
 * Ledgers only Pregón writes (no API lets anyone write them), from what networks and mail servers answered.
 * Their text is mended, never refused: a refused write after a post went out would leave it unrecorded and
 * send it again. Everything else — what people write — is refused.
 */
const WRITTEN_BY_PREGON = new Set(['distributions', 'deliveries', 'social-accounts', 'scheduler-status'])

/** One value of the data, where it sits and how the admin names it. */
interface Leaf {
  field: Field & { name: string; type: string }
  value: unknown
  /** The admin form's path: `requirements.1.item`. */
  path: string
  /** How a person reads it: «Requisitos n.º 2 › Texto». */
  label: string
  set(value: unknown): void
}

type Fields = readonly Field[]
type Row = Record<string, unknown>
const isRow = (value: unknown): value is Row => Boolean(value) && typeof value === 'object' && !Array.isArray(value)

function labelOf(field: { label?: unknown; name?: string }, req: PayloadRequest): string {
  const { label } = field
  if (typeof label === 'string') return label
  if (typeof label === 'function') return String(label({ i18n: req.i18n, t: req.t }))
  if (isRow(label)) return String(label.es ?? Object.values(label)[0] ?? field.name)
  return field.name ?? ''
}

/** Every data-carrying field present in `data`, through rows, tabs, groups, arrays and blocks. */
function leavesOf(fields: Fields, data: Row, req: PayloadRequest, at: { path: string; label: string }, found: Leaf[] = []): Leaf[] {
  const join = (a: string, b: string, glue: string) => (a ? `${a}${glue}${b}` : b)
  for (const field of fields) {
    if (field.type === 'ui') continue
    if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        if ('name' in tab && tab.name) {
          const value = data[tab.name]
          if (isRow(value)) leavesOf(tab.fields, value, req, { path: join(at.path, tab.name, '.'), label: join(at.label, labelOf(tab, req), ' › ') }, found)
        } else leavesOf(tab.fields, data, req, at, found)
      }
      continue
    }
    if (!('name' in field) || !field.name) {
      // Rows, collapsibles and unnamed groups only lay out their fields.
      if ('fields' in field) leavesOf(field.fields, data, req, at, found)
      continue
    }
    const { name } = field
    const value = data[name]
    // Passwords are hashed, never stored; virtual and join fields are not stored at all.
    if (value === undefined || value === null || field.type === 'join' || name === 'password' || ('virtual' in field && field.virtual)) continue
    const path = join(at.path, name, '.')
    const label = join(at.label, labelOf(field, req), ' › ')
    if (field.type === 'group') {
      if (isRow(value)) leavesOf(field.fields, value, req, { path, label }, found)
    } else if (field.type === 'array' || field.type === 'blocks') {
      if (!Array.isArray(value)) continue
      value.forEach((row, index) => {
        if (!isRow(row)) return
        const rowAt = { path: `${path}.${index}`, label: `${label} n.º ${index + 1}` }
        const blockFields = field.type === 'blocks' ? blockOf(field, row.blockType, req)?.fields : field.fields
        if (blockFields) leavesOf(blockFields, row, req, rowAt, found)
      })
    } else {
      found.push({ field: field as Leaf['field'], value, path, label, set: (next) => (data[name] = next) })
    }
  }
  return found
}

function blockOf(field: { blocks?: Block[]; blockReferences?: Array<string | Block> }, slug: unknown, req: PayloadRequest): Block | undefined {
  const inline = [...(field.blocks ?? []), ...(field.blockReferences ?? []).filter((block): block is Block => typeof block !== 'string')]
  return inline.find((block) => block.slug === slug) ?? req.payload.config.blocks?.find((block) => block.slug === slug)
}

/** The field's rule: one or several lines, and its own `maxLength` or the default for its type. */
function ruleOf(field: Leaf['field']): { kind: 'text' | 'json' | 'other'; isMultiLine: boolean; maxLength?: number } {
  const own = 'maxLength' in field && typeof field.maxLength === 'number' ? field.maxLength : undefined
  switch (field.type) {
    case 'text':
      return { kind: 'text', isMultiLine: false, maxLength: own ?? DEFAULT_MAX_LENGTH.text }
    case 'email':
      return { kind: 'text', isMultiLine: false, maxLength: own ?? DEFAULT_MAX_LENGTH.email }
    case 'textarea':
      return { kind: 'text', isMultiLine: true, maxLength: own ?? DEFAULT_MAX_LENGTH.textarea }
    case 'code':
      return { kind: 'text', isMultiLine: true }
    case 'richText':
      return { kind: 'json', isMultiLine: true, maxLength: DEFAULT_MAX_LENGTH.richText }
    case 'json':
      return { kind: 'json', isMultiLine: true }
    default:
      // Selects, dates, relationships, numbers: no text of their own, but whatever string arrives is checked.
      return { kind: 'other', isMultiLine: false }
  }
}

function refusalOf(leaf: Leaf): TextRefusal | null {
  const rule = ruleOf(leaf.field)
  const { label, value } = leaf
  if (rule.kind === 'text' && (typeof value === 'string' || Array.isArray(value))) {
    // `hasMany` text fields hold a list; each item has the field's limit, as Payload's own validation has it.
    for (const item of Array.isArray(value) ? value : [value]) {
      const refusal = typeof item === 'string' ? checkText({ label, value: item, isMultiLine: rule.isMultiLine, maxLength: rule.maxLength }) : null
      if (refusal) return refusal
    }
    return null
  }
  return checkValue({ label, value, isMultiLine: rule.isMultiLine, maxLength: rule.kind === 'json' ? rule.maxLength : undefined })
}

function mend(leaf: Leaf): void {
  const rule = ruleOf(leaf.field)
  leaf.set(typeof leaf.value === 'string' ? mendText(leaf.value, rule) : mendValue(leaf.value, { isMultiLine: rule.isMultiLine }))
}

/**
 * Checks every string a save brings, drafts included (Payload skips field validation on drafts), before any
 * of it reaches PostgreSQL; what people write is refused with 422, naming the field. The refusal carries
 * `data.errors` in Payload's ValidationError shape, so the admin marks the field itself, and a stable code
 * (TEXT_CONTROL_CHARACTERS, TEXT_TOO_LONG) beside the Spanish message.
 */
function guard({ slug, fields, data, req }: { slug: string; fields: Fields; data: unknown; req: PayloadRequest }): void {
  if (!isRow(data)) return
  const leaves = leavesOf(fields, data, req, { path: '', label: '' })
  if (WRITTEN_BY_PREGON.has(slug)) {
    leaves.forEach(mend)
    return
  }
  const refused = leaves.flatMap((leaf) => {
    const refusal = refusalOf(leaf)
    return refusal ? [{ path: leaf.path, refusal }] : []
  })
  const first = refused[0]
  if (!first) return
  throw toApiError(
    new PregonError({
      code: first.refusal.code,
      kind: 'invalid',
      message: first.refusal.message,
      problems: refused.map(({ refusal }) => ({ code: refusal.code, message: refusal.message })),
      details: { errors: refused.map(({ path, refusal }) => ({ path, message: refusal.fieldMessage })) },
    }),
  )
}

const guardCollection: CollectionBeforeValidateHook = ({ collection, data, req }) => {
  guard({ slug: collection.slug, fields: collection.fields, data, req })
  return data
}

const guardGlobal: GlobalBeforeValidateHook = ({ global, data, req }) => {
  guard({ slug: global.slug, fields: global.fields, data, req })
  return data
}

const nulRefusal = (code: string, message: string) => toApiError(new PregonError({ code, kind: 'invalid', message }))

/** Operations that look an account up by what was sent; `unlock` and `verify` run no hook Pregón could use. */
const SIGN_IN_OPERATIONS = new Set<string>(['login', 'forgotPassword', 'resetPassword'])

/**
 * PostgreSQL cannot compare a NUL either: a `where` or an id with one (REST, GraphQL, Local API), or a sign-in
 * with one, answered 500. Sign-in and password resets never reach beforeValidate, so their data is seen here.
 */
const refuseNulInQuery: CollectionBeforeOperationHook = ({ args, operation }) => {
  const { where, id, data } = args as { where?: unknown; id?: unknown; data?: unknown }
  if (hasNul(where) || hasNul(id)) {
    throw nulRefusal('QUERY_NUL_CHARACTER', 'La búsqueda contiene un carácter nulo (U+0000), que no puede aparecer en ningún texto guardado; quítalo y vuelve a buscar.')
  }
  if (SIGN_IN_OPERATIONS.has(operation) && hasNul(data)) {
    throw nulRefusal(TEXT_CONTROL_CHARACTERS, 'El correo, la contraseña o el enlace contienen un carácter nulo (U+0000); escríbelos de nuevo sin copiarlos de otro lugar.')
  }
  return args
}

/**
 * Puts the guard first in every collection's and global's hooks: `beforeValidate` runs for every create and
 * update (REST, GraphQL, Local API, drafts and autosaves) after field hooks normalised the data and before
 * Payload's own validation, collection hooks and the database; `beforeOperation` sees every query's `where`.
 */
export const refuseHostileText: Plugin = (config) => ({
  ...config,
  collections: config.collections?.map((collection) => ({
    ...collection,
    hooks: {
      ...collection.hooks,
      beforeOperation: [refuseNulInQuery, ...(collection.hooks?.beforeOperation ?? [])],
      beforeValidate: [guardCollection, ...(collection.hooks?.beforeValidate ?? [])],
    },
  })),
  globals: config.globals?.map((global) => ({
    ...global,
    hooks: { ...global.hooks, beforeValidate: [guardGlobal, ...(global.hooks?.beforeValidate ?? [])] },
  })),
})
