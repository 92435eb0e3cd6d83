import { buildPayloadConfig } from './buildPayloadConfig'
import { loadConfig } from '@pregon/core/loadConfig'

// The admin (Next) and Payload's CLI read this file; everything else calls buildPayloadConfig itself.
export default buildPayloadConfig(loadConfig())
