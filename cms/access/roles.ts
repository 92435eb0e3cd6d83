import type { PayloadRequest } from 'payload'

export const ROLES = ['admin', 'approver', 'editor'] as const
export type Role = (typeof ROLES)[number]

interface UserWithRole {
  role?: Role | null
}

export function roleOf(req: Pick<PayloadRequest, 'user'>): Role | null {
  const user = req.user as UserWithRole | null | undefined
  return user?.role ?? null
}
