import { ValidationError, type CollectionBeforeOperationHook } from 'payload'
import { ALT_TEXT_LABEL, validateAltText } from './altText'

/**
 * A new file without alt text is refused before the media intake reads it: Payload validates fields only after
 * the file has been processed, seconds of work on a phone photo for nothing. The refusal names the field (by
 * path, so the admin marks it, and by label, so its toast reads in Spanish).
 */
export const requireAltText: CollectionBeforeOperationHook = ({ args, operation, collection }) => {
  if (operation !== 'create' || (args.duplicateFromID !== undefined && args.duplicateFromID !== null)) return args
  // Someone not signed in gets the 403 of the access check, not advice on the form.
  if (!args.overrideAccess && !args.req?.user) return args
  const verdict = validateAltText((args.data as { alt?: unknown } | undefined)?.alt)
  if (verdict !== true) throw new ValidationError({ collection: collection.slug, errors: [{ path: 'alt', label: ALT_TEXT_LABEL, message: verdict }] }, args.req?.t)
  return args
}
