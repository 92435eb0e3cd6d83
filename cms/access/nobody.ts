import type { Access } from 'payload'

/** For records only workers write (with overrideAccess): no API may create, change or delete them. */
export const nobody: Access = () => false
