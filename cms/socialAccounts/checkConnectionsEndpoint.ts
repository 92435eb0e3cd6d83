import { PregonError } from '@pregon/core/PregonError'
import { QUEUES } from '@pregon/core/queues'
import { roleOf } from '../access/roles'
import { enqueueInTransaction } from '../db/enqueueInTransaction'
import { inTransaction } from '../db/inTransaction'
import { endpoint, signedInUser } from '../http/errorReply'
import type { User } from '../payload-types'

/**
 * `POST /api/social-accounts/check`: «Probar conexión». The worker reads every configured account without
 * posting and records the result on its row (workers/src/tasks/checkSocialAccounts); the page shows it a few
 * seconds later. Those who answer for the accounts (approvers, admins) may ask.
 */
export const checkConnectionsEndpoint = endpoint({
  path: '/check',
  method: 'post',
  handler: async (req) => {
    const user = signedInUser<User>(req, { code: 'SOCIAL_CHECK_NOT_SIGNED_IN', message: 'Inicia sesión para probar la conexión de las cuentas.' })
    const role = roleOf({ user })
    if (role !== 'admin' && role !== 'approver') {
      throw new PregonError({
        code: 'SOCIAL_CHECK_ROLE_NOT_ALLOWED',
        kind: 'forbidden',
        message: 'Solo la persona titular (aprobación) o la administración pueden probar la conexión de las cuentas.',
      })
    }
    await inTransaction(req, () => enqueueInTransaction(req, [{ queue: QUEUES.checkSocialAccounts, data: { reason: 'manual' } }]))
    return Response.json({ message: 'Probando la conexión de cada cuenta configurada; el resultado aparece en esta página en unos segundos.' })
  },
})
