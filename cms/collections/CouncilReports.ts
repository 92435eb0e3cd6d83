import type { CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionConfig, Endpoint, PayloadRequest } from 'payload'
import fs from 'node:fs/promises'
import path from 'node:path'
import type { Config } from '@pregon/core/loadConfig'
import { PregonError } from '@pregon/core/PregonError'
import { QUEUES } from '@pregon/core/queues'
import { isAdmin } from '../access/isAdmin'
import { isStaff } from '../access/isStaff'
import { roleOf } from '../access/roles'
import { enqueueInTransaction } from '../db/enqueueInTransaction'
import { toApiError } from '../http/errorReply'

const PERIOD = /^(\d{4})(-(0[1-9]|1[0-2]))?$/

/** Where the worker writes each report's PDF (DATA_DIR/reports), and the file of one report. */
export const reportsDir = (config: Readonly<Config>) => path.join(config.dataDir, 'reports')
export const reportPdfName = (id: number | string) => `informe-${id}.pdf`

const pregon = (req: PayloadRequest) => (req.payload.config.custom as { pregon: Readonly<Config> }).pregon

const checkPeriod: CollectionBeforeChangeHook = ({ data, operation }) => {
  if (operation !== 'create') return data
  const period = String(data.period ?? '').trim()
  if (!PERIOD.test(period)) {
    throw toApiError(new PregonError({ code: 'REPORT_PERIOD_INVALID', kind: 'invalid', message: 'Escriba el periodo como año y mes (2026-11) para un informe mensual, o solo el año (2026) para el anual.' }))
  }
  return { ...data, period, status: 'pending', kind: period.length === 4 ? 'year' : 'month' }
}

/** A new report (or one asked for again) is made by the worker: assembled, rendered, its PDF written. */
const makeIt: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (doc.status === 'pending' && (operation === 'create' || previousDoc?.status !== 'pending')) {
    await enqueueInTransaction(req, [{ queue: QUEUES.makeCouncilReport, data: { reportId: doc.id } }])
  }
  return doc
}

async function reportFor(req: PayloadRequest) {
  if (!roleOf(req)) throw new PregonError({ code: 'not-signed-in', kind: 'not-signed-in', message: 'Inicie sesión para ver los informes.' })
  const id = String(req.routeParams?.id ?? '')
  const report = await req.payload.findByID({ collection: 'council-reports', id, depth: 0, overrideAccess: false, user: req.user, disableErrors: true })
  if (!report || report.status !== 'ready') throw new PregonError({ code: 'REPORT_NOT_READY', kind: 'not-found', message: 'Ese informe no existe o todavía no está listo.' })
  return report
}

const asResponse = async (run: () => Promise<Response>) => {
  try {
    return await run()
  } catch (error) {
    if (error instanceof PregonError) return Response.json({ errors: [{ code: error.code, message: error.message }] }, { status: error.status })
    throw error
  }
}

const privateHeaders = { 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex' }

/** `GET /api/council-reports/:id/html` and `/pdf`: the report as it was made, for staff. */
const reportEndpoints: Endpoint[] = [
  {
    path: '/:id/html',
    method: 'get',
    handler: (req) => asResponse(async () => new Response((await reportFor(req)).html ?? '', { headers: { 'Content-Type': 'text/html; charset=utf-8', ...privateHeaders } })),
  },
  {
    path: '/:id/pdf',
    method: 'get',
    handler: (req) =>
      asResponse(async () => {
        const report = await reportFor(req)
        const bytes = await fs.readFile(path.join(reportsDir(pregon(req)), reportPdfName(report.id)))
        return new Response(new Uint8Array(bytes), { headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="informe-comunicacion-${report.period}.pdf"`, ...privateHeaders } })
      }),
  },
]

/**
 * The office's reports to the council (the Informe's communication chapter), monthly or annual. Each is made once
 * by the worker from the data of its period and kept as it was handed over: its HTML (charts, each with its
 * table) and its PDF. The month just ended is made on the 1st by itself; any other, on request.
 */
export const CouncilReports: CollectionConfig = {
  slug: 'council-reports',
  labels: { singular: { es: 'Informe al Cabildo', en: 'Council report' }, plural: { es: 'Informes al Cabildo', en: 'Council reports' } },
  admin: {
    useAsTitle: 'period',
    defaultColumns: ['period', 'kind', 'status', 'generatedAt'],
    group: { es: 'Informes', en: 'Reports' },
    description: { es: 'Escriba el periodo (2026-11 para noviembre, 2026 para el año) y guarde: el informe se prepara en unos segundos, con gráficas y tablas, para ver o descargar en PDF.', en: 'Monthly and annual reports.' },
  },
  defaultSort: '-period',
  access: { read: isStaff, create: isStaff, update: isStaff, delete: isAdmin },
  endpoints: reportEndpoints,
  hooks: { beforeChange: [checkPeriod], afterChange: [makeIt] },
  fields: [
    { name: 'period', type: 'text', required: true, label: { es: 'Periodo', en: 'Period' }, access: { update: () => false }, admin: { description: { es: '2026-11 (mensual) o 2026 (anual). No cambia después: para otro periodo, cree otro informe.', en: 'YYYY-MM or YYYY.' } } },
    {
      name: 'kind',
      type: 'select',
      label: { es: 'Tipo', en: 'Kind' },
      options: [
        { value: 'month', label: { es: 'Mensual', en: 'Monthly' } },
        { value: 'year', label: { es: 'Anual', en: 'Annual' } },
      ],
      admin: { readOnly: true },
    },
    {
      name: 'status',
      type: 'select',
      defaultValue: 'pending',
      label: { es: 'Estado', en: 'Status' },
      options: [
        { value: 'pending', label: { es: 'Preparándose', en: 'Pending' } },
        { value: 'ready', label: { es: 'Listo', en: 'Ready' } },
        { value: 'failed', label: { es: 'No se pudo preparar', en: 'Failed' } },
      ],
      admin: { position: 'sidebar', description: { es: 'Para rehacerlo con datos corregidos, cambie el estado a «Preparándose» y guarde.', en: 'Set to pending to make it again.' } },
    },
    { name: 'links', type: 'ui', admin: { components: { Field: '/components/ReportLinks#ReportLinks' } } },
    { name: 'generatedAt', type: 'date', label: { es: 'Preparado el', en: 'Generated at' }, admin: { readOnly: true, position: 'sidebar', date: { pickerAppearance: 'dayAndTime' } } },
    { name: 'error', type: 'textarea', label: { es: 'Error', en: 'Error' }, admin: { readOnly: true, condition: (data) => Boolean(data?.error) } },
    { name: 'html', type: 'textarea', admin: { hidden: true } },
  ],
}
