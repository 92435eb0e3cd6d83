import { ValidationError, type CollectionBeforeOperationHook, type CollectionBeforeValidateHook, type PayloadRequest } from 'payload'
import type { Problem } from '@pregon/core/PregonError'
import { passwordProblem, type PasswordOwner } from './passwordPolicy'

/**
 * A refused password, as Payload's own field errors read: the admin shows the message under the password
 * field; API clients get 422 with the code beside the message (`codeEveryRefusal`).
 */
export class PasswordRefused extends ValidationError {
  constructor(problem: Problem) {
    super({ collection: 'users', errors: [{ path: 'password', message: problem.message }] })
    this.message = problem.message
    this.status = 422
    Object.assign(this.data, { code: problem.code })
  }
}

function refuseWeak(password: unknown, owner: PasswordOwner): void {
  // No password in the data: nothing is being set (Payload itself requires one on create).
  if (typeof password !== 'string' || password === '') return
  const problem = passwordProblem(password, owner)
  if (problem) throw new PasswordRefused(problem)
}

interface UserData {
  password?: unknown
  email?: string | null
  name?: string | null
}

/** Creating a user, and changing a password (one's own or, as an admin, anyone's): the data carries `password`. */
export const checkPasswordOnSave: CollectionBeforeValidateHook = ({ data, originalDoc }) => {
  const incoming = (data ?? {}) as UserData
  const existing = (originalDoc ?? {}) as UserData
  refuseWeak(incoming.password, { email: incoming.email ?? existing.email, name: incoming.name ?? existing.name })
  return data
}

/** Resetting a forgotten password goes around the save hooks: its own operation, checked before it hashes. */
export const checkPasswordOnReset: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'resetPassword') return args
  const { token, password } = (args as { data: { token?: unknown; password?: unknown } }).data
  refuseWeak(password, typeof token === 'string' ? await ownerOfResetToken(req, token) : {})
  return args
}

async function ownerOfResetToken(req: PayloadRequest, token: string): Promise<PasswordOwner> {
  const user = await req.payload.db.findOne<UserData & { id: number }>({ collection: 'users', where: { resetPasswordToken: { equals: token } }, req })
  return { email: user?.email, name: user?.name }
}
