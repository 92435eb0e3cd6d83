import { commitTransaction, initTransaction, killTransaction, type PayloadRequest } from 'payload'
import { transactionDb, type TransactionDb } from './transactionDb'

/**
 * Runs `work` in the request's database transaction, starting one if the request has none: it commits when
 * `work` returns and rolls back when it throws, so a change, its record entry and its jobs land together or
 * not at all. A transaction the caller already opened is left for the caller to settle.
 */
export async function inTransaction<T>(req: PayloadRequest, work: (db: TransactionDb) => Promise<T>): Promise<T> {
  const ownsTransaction = await initTransaction(req)
  try {
    const result = await work(await transactionDb(req))
    if (ownsTransaction) await commitTransaction(req)
    return result
  } catch (error) {
    if (ownsTransaction) await killTransaction(req)
    throw error
  }
}
