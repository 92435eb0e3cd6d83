import type { PayloadRequest } from 'payload'
import type { AuditLog, User } from '../payload-types'

/** Pregón itself acting on a person's earlier decision (a scheduled publication the approver set). */
export interface SystemActor {
  system: string
}

export type AuditEntry = Omit<AuditLog, 'id' | 'createdAt' | 'updatedAt' | 'at' | 'actorId' | 'actorName' | 'actorEmail' | 'actorRole'>

/**
 * Writes one entry of the record (the append-only audit log) in the request's transaction, naming who acted:
 * a person by id, name, e-mail and role, or the system. Summaries are cut to the column's 250 characters.
 */
export async function recordAudit({ req, actor, at = new Date(), entry }: { req: PayloadRequest; actor: User | SystemActor; at?: Date; entry: AuditEntry }): Promise<void> {
  const person = 'system' in actor ? null : actor
  await req.payload.create({
    collection: 'audit-log',
    overrideAccess: true,
    req,
    data: {
      ...entry,
      summary: entry.summary.slice(0, 250),
      at: at.toISOString(),
      actorId: person ? String(person.id) : null,
      actorName: person?.name ?? `Sistema: ${(actor as SystemActor).system}`,
      actorEmail: person?.email ?? null,
      actorRole: person?.role ?? 'system',
    },
  })
}
