import { PregonError } from '@pregon/core/PregonError'
import { roleOf } from '../access/roles'
import { findAuditEntries } from '../audit/auditExport'
import { poolOf } from '../db/poolOf'
import { endpoint, signedInUser } from '../http/errorReply'
import type { User } from '../payload-types'
import { expedienteFiles, zipExpediente } from './expedienteZip'
import { readExpediente } from './readExpediente'

const NOUN = { bulletins: 'boletin', programs: 'programa' } as const

/**
 * `GET /api/<bulletins|programs>/:id/expediente`: staff only. A ZIP of exactly what went out of the item
 * (expedienteZip): its pages and feed items as published, its posts, its press mailings, its record and a
 * manifest of digests. 401 signed out, 403 not staff, 404 no such item.
 */
export const expedienteEndpoint = (collection: 'bulletins' | 'programs') =>
  endpoint({
    path: '/:id/expediente',
    method: 'get',
    handler: async (req) => {
      const user = signedInUser<User>(req, { code: 'EXPEDIENTE_NOT_SIGNED_IN', message: 'Inicia sesión con una cuenta del equipo para descargar el expediente.' })
      if (roleOf(req) === null) throw new PregonError({ code: 'EXPEDIENTE_FORBIDDEN', kind: 'forbidden', message: 'Solo el equipo de Comunicación Social puede descargar expedientes.' })
      const id = Number((req.routeParams as { id?: string } | undefined)?.id)
      const notFound = (cause?: unknown) =>
        new PregonError({ code: 'EXPEDIENTE_NOT_FOUND', kind: 'not-found', message: 'No existe ese contenido o no tienes acceso a él: revisa el enlace.', ...(cause ? { cause } : {}) })
      if (!Number.isInteger(id) || id <= 0) throw notFound()
      const item = await req.payload.findByID({ collection, id, depth: 0, overrideAccess: false, user, disableErrors: true }).catch((error: unknown) => {
        throw notFound(error)
      })
      if (!item) throw notFound()
      const generatedAt = new Date()
      const [rows, audit] = await Promise.all([
        readExpediente(poolOf(req.payload), { collection, id }),
        findAuditEntries(req.payload, user, { itemCollection: collection, itemId: String(id) }),
      ])
      const slug = item.slug ?? ''
      const files = expedienteFiles({ item: { collection, id, title: item.title, slug }, rows, audit, generatedAt })
      const zip = zipExpediente(files, generatedAt)
      const name = `expediente-${NOUN[collection]}-${id}${slug ? `-${slug.replace(/[^a-z0-9-]/gi, '')}` : ''}.zip`
      return new Response(Buffer.from(zip), {
        headers: { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' },
      })
    },
  })
