import os from 'node:os'
import type { Endpoint, PayloadRequest } from 'payload'
import { PregonError } from '@pregon/core/PregonError'
import type { Config } from '@pregon/core/loadConfig'
import { poolOf } from '../db/poolOf'
import { errorReply } from '../http/errorReply'
import { migrations } from '../migrations'
import { collectMetrics } from './collectMetrics'
import { healthReply } from './health'
import { canScrapeMetrics } from './metricsAccess'
import { checkReadiness, readinessStatus } from './readiness'

const NO_STORE = { 'Cache-Control': 'no-store' }
const configOf = (req: PayloadRequest) => req.payload.config.custom.pregon as Readonly<Config>

/**
 * `/api/health` (liveness), `/api/ready` (readiness, 200/503) and `/api/metrics` (Prometheus). In production
 * the admin's server answers `/api/health` itself before Next and Payload (cms/bin/serveAdmin.ts); this
 * endpoint is the same answer for everything else that mounts Payload's routes.
 */
export const opsEndpoints: Endpoint[] = [
  {
    path: '/health',
    method: 'get',
    handler: async () => Response.json(healthReply('admin'), { headers: NO_STORE }),
  },
  {
    path: '/ready',
    method: 'get',
    handler: async (req) => {
      const config = configOf(req)
      const report = await checkReadiness({
        db: poolOf(req.payload),
        dataDir: config.dataDir,
        portalDir: config.portalDir,
        expectedMigrations: migrations.map((migration) => migration.name),
      })
      return Response.json(report, { status: readinessStatus(report), headers: NO_STORE })
    },
  },
  {
    path: '/metrics',
    method: 'get',
    handler: async (req) => {
      const config = configOf(req)
      const isAllowed = canScrapeMetrics(
        {
          forwardedFor: req.headers.get('x-forwarded-for'),
          isMarkedForwarded: req.headers.has('forwarded') || req.headers.has('x-real-ip'),
          authorization: req.headers.get('authorization'),
        },
        { token: config.metricsToken, bindHost: config.bindHost, machineAddresses: machineAddresses() },
      )
      if (!isAllowed) {
        return errorReply(
          new PregonError({
            code: 'METRICS_FORBIDDEN',
            kind: 'forbidden',
            message: 'Las métricas solo se consultan desde el propio servidor o con el token METRICS_TOKEN (Authorization: Bearer …).',
          }),
        )
      }
      const registry = await collectMetrics({ db: poolOf(req.payload), dataDir: config.dataDir })
      return new Response(await registry.metrics(), { headers: { 'Content-Type': registry.contentType, ...NO_STORE } })
    },
  },
]

function machineAddresses(): string[] {
  return Object.values(os.networkInterfaces()).flatMap((entries) => (entries ?? []).map((entry) => entry.address))
}
