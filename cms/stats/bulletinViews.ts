import type { Endpoint } from 'payload'
import { poolOf } from '../db/poolOf'
import { roleOf } from '../access/roles'

/** Days of portal visits a bulletin's page shows. */
export const VIEW_DAYS = 30

/**
 * `GET /api/bulletins/:id/views`: how many times the bulletin's portal page was seen, day by day over the last
 * VIEW_DAYS days, from the worker's count of the access logs (workers/src/stats). Staff only; no visitor detail.
 */
export const bulletinViewsEndpoint: Endpoint = {
  path: '/:id/views',
  method: 'get',
  handler: async (req) => {
    if (!roleOf(req)) return Response.json({ errors: [{ code: 'not-signed-in', message: 'Inicie sesión.' }] }, { status: 401 })
    const bulletin = await req.payload.findByID({ collection: 'bulletins', id: String(req.routeParams?.id ?? ''), depth: 0, draft: true, overrideAccess: false, user: req.user, disableErrors: true, select: { slug: true } })
    if (!bulletin?.slug) return Response.json({ days: [], total: 0 })
    const { rows } = await poolOf(req.payload).query<{ day: string; views: number }>(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(views)::int AS views FROM stats_pages
        WHERE path = $1 AND day > current_date - $2::int GROUP BY day ORDER BY day`,
      [`/boletines/${bulletin.slug}/`, VIEW_DAYS],
    )
    return Response.json({ days: rows, total: rows.reduce((n, row) => n + row.views, 0) }, { headers: { 'Cache-Control': 'private, no-store' } })
  },
}
