import { buildPayloadConfig } from './buildPayloadConfig'
import { loadConfig } from './config/loadConfig'

// The admin (Next) and Payload's CLI read this file; everything else calls buildPayloadConfig itself.
export default buildPayloadConfig(loadConfig())
