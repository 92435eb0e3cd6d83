// Declared in the CMS, whose admin counts the same way as the editor types.
export { X_MAX_WEIGHTED_LENGTH, X_URL_WEIGHT, xTextLength } from '@pregon/core/xTextLength'
