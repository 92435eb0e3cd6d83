// Declared in the CMS, whose admin previews the post with the same rules.
export { composeXText, type ComposePostTextInput as ComposeXTextInput } from '@pregon/core/composePostText'
export { X_MAX_WEIGHTED_LENGTH, xTextLength } from './xTextLength'
