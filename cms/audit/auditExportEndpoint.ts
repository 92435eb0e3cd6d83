import { PregonError } from '@pregon/core/PregonError'
import { endpoint, signedInUser } from '../http/errorReply'
import type { User } from '../payload-types'
import { auditToCsv, findAuditEntries } from './auditExport'

const DAY = 24 * 60 * 60 * 1000

/**
 * `GET /api/audit-log/export?from=2026-11-01&to=2026-11-30&format=csv|json[&itemCollection=bulletins&itemId=12]`:
 * staff only. `to` is inclusive (the whole day).
 */
export const auditExportEndpoint = endpoint({
  path: '/export',
  method: 'get',
  handler: async (req) => {
    const user = signedInUser<User>(req, { code: 'AUDIT_NOT_SIGNED_IN', message: 'Inicia sesión con una cuenta del equipo para exportar el registro.' })
    const params = new URL(req.url ?? 'http://localhost').searchParams
    const parse = (name: string) => {
      const value = params.get(name)
      if (!value) return undefined
      const date = new Date(value)
      return Number.isNaN(date.getTime()) ? null : date
    }
    const from = parse('from')
    const to = parse('to')
    if (from === null || to === null) {
      throw new PregonError({ code: 'AUDIT_BAD_DATE', kind: 'invalid', message: 'Usa fechas con el formato AAAA-MM-DD en «from» y «to».' })
    }
    const format = params.get('format') === 'json' ? 'json' : 'csv'
    const entries = await findAuditEntries(req.payload, user, {
      from,
      to: to && new Date(to.getTime() + DAY),
      itemCollection: params.get('itemCollection') ?? undefined,
      itemId: params.get('itemId') ?? undefined,
    })
    const name = `registro-pregon-${params.get('from') ?? 'inicio'}-a-${params.get('to') ?? 'hoy'}.${format}`
    const headers = { 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' }
    if (format === 'json') return Response.json(entries, { headers })
    return new Response(auditToCsv(entries), { headers: { ...headers, 'Content-Type': 'text/csv; charset=utf-8' } })
  },
})
