import type { CollectionConfig, Endpoint, PayloadRequest } from 'payload'
import { stringify } from 'csv-stringify/sync'
import { csvSafeCast } from '@pregon/core/csvSafe'
import { PregonError } from '@pregon/core/PregonError'
import { isAdmin } from '../access/isAdmin'
import { isStaff } from '../access/isStaff'
import { roleOf } from '../access/roles'
import { shareByOutlet, TRANSPARENCY_COLUMNS, transparencyRow, type OrderRow } from '../advertising/advertisingShare'
import { escapeHtml, unsubscribePage } from '../pressContacts/unsubscribePage'

const MEDIA = [
  { value: 'impreso', label: 'Prensa impresa' },
  { value: 'digital', label: 'Medio digital' },
  { value: 'radio', label: 'Radio' },
  { value: 'television', label: 'Televisión' },
  { value: 'exterior', label: 'Publicidad exterior' },
  { value: 'redes', label: 'Redes sociales (pauta)' },
  { value: 'otro', label: 'Otro' },
] as const
const mediumLabel = (value: string) => MEDIA.find((m) => m.value === value)?.label ?? value
const DAY = /^\d{4}-\d{2}-\d{2}$/

/** The orders overlapping [from, to] (whole days), with their outlet's name. */
async function ordersIn(req: PayloadRequest): Promise<{ from: string; to: string; rows: OrderRow[] }> {
  if (!roleOf(req)) throw new PregonError({ code: 'not-signed-in', kind: 'not-signed-in', message: 'Inicie sesión para ver el padrón de publicidad oficial.' })
  const params = new URL(req.url ?? 'http://localhost').searchParams
  const year = new Date().getFullYear()
  const from = params.get('desde') ?? `${year}-01-01`
  const to = params.get('hasta') ?? `${year}-12-31`
  if (!DAY.test(from) || !DAY.test(to) || from > to) throw new PregonError({ code: 'ADVERTISING_PERIOD_INVALID', kind: 'invalid', message: 'Escriba el periodo con fechas AAAA-MM-DD (desde ≤ hasta), por ejemplo ?desde=2026-01-01&hasta=2026-06-30.' })
  const { docs } = await req.payload.find({
    collection: 'advertising-orders',
    overrideAccess: false,
    user: req.user,
    depth: 1,
    pagination: false,
    sort: 'periodStart',
    where: { and: [{ periodStart: { less_than_equal: `${to}T23:59:59.999Z` } }, { periodEnd: { greater_than_equal: `${from}T00:00:00.000Z` } }] },
  })
  const rows = docs.map((doc) => ({
    outlet: doc.outlet && typeof doc.outlet === 'object' ? doc.outlet.name : String(doc.outlet ?? ''),
    medium: mediumLabel(doc.medium),
    provider: doc.provider,
    contract: doc.contract,
    campaign: doc.campaign,
    amount: doc.amount,
    periodStart: doc.periodStart,
    periodEnd: doc.periodEnd,
  }))
  return { from, to, rows }
}

const answer = async (run: () => Promise<Response>) => {
  try {
    return await run()
  } catch (error) {
    if (error instanceof PregonError) return Response.json({ errors: [{ code: error.code, message: error.message }] }, { status: error.status })
    throw error
  }
}

const money = new Intl.NumberFormat('es-MX', { style: 'currency', currency: 'MXN' })

/**
 * `GET /api/advertising-orders/share?desde=&hasta=`: each outlet's share of the period's official advertising, as
 * a page; `GET /api/advertising-orders/transparency.csv?desde=&hasta=`: the transparency layout, for staff.
 */
const endpoints: Endpoint[] = [
  {
    path: '/share',
    method: 'get',
    handler: (req) =>
      answer(async () => {
        const { from, to, rows } = await ordersIn(req)
        const { total, outlets } = shareByOutlet(rows)
        const body = `<p>Del ${from} al ${to}: ${rows.length} órdenes, ${money.format(total)} en total.</p>
<table><caption>Reparto de la publicidad oficial por medio</caption><thead><tr><th scope="col">Medio</th><th scope="col">Órdenes</th><th scope="col">Monto</th><th scope="col">Porcentaje</th></tr></thead><tbody>
${outlets.map((o) => `<tr><th scope="row">${escapeHtml(o.outlet)}</th><td>${o.orders}</td><td>${money.format(o.amount)}</td><td>${o.percent.toFixed(1)} %</td></tr>`).join('\n')}
</tbody></table>
<p><a href="/api/advertising-orders/transparency.csv?desde=${from}&amp;hasta=${to}">Descargar CSV para el portal de transparencia</a></p>`
        const page = unsubscribePage({ office: 'Comunicación Social', title: 'Publicidad oficial: reparto por medio', body })
        return new Response(await page.text(), { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'private, no-store' } })
      }),
  },
  {
    path: '/transparency.csv',
    method: 'get',
    handler: (req) =>
      answer(async () => {
        const { from, to, rows } = await ordersIn(req)
        // With a byte-order mark: Excel in Spanish opens the accents right.
        const csv = `\uFEFF${stringify([[...TRANSPARENCY_COLUMNS], ...rows.map(transparencyRow)], { cast: csvSafeCast })}`
        return new Response(csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="publicidad-oficial-${from}-${to}.csv"`, 'Cache-Control': 'private, no-store' } })
      }),
  },
]

/**
 * The register of official advertising orders (Reglamento, art. 28 V: share official advertising among outlets with
 * equity): who was paid, for which campaign, when and how much, so the share per outlet and the transparency
 * report come from one place.
 */
export const AdvertisingOrders: CollectionConfig = {
  slug: 'advertising-orders',
  labels: { singular: { es: 'Orden de publicidad oficial', en: 'Advertising order' }, plural: { es: 'Publicidad oficial', en: 'Advertising orders' } },
  admin: {
    useAsTitle: 'campaign',
    defaultColumns: ['campaign', 'outlet', 'amount', 'periodStart', 'periodEnd', 'contract'],
    group: { es: 'Informes', en: 'Reports' },
    description: {
      es: 'Cada orden de pauta: medio, campaña, periodo, monto y contrato. El reparto por medio está en /api/advertising-orders/share y el CSV para transparencia en /api/advertising-orders/transparency.csv (añada ?desde=2026-01-01&hasta=2026-06-30).',
      en: 'Official advertising orders.',
    },
  },
  access: { read: isStaff, create: isStaff, update: isStaff, delete: isAdmin },
  endpoints,
  fields: [
    { name: 'outlet', type: 'relationship', relationTo: 'outlets', required: true, index: true, label: { es: 'Medio de comunicación', en: 'Outlet' } },
    { name: 'medium', type: 'select', required: true, label: { es: 'Tipo de medio', en: 'Medium' }, options: MEDIA.map(({ value, label }) => ({ value, label: { es: label, en: value } })) },
    { name: 'provider', type: 'text', required: true, maxLength: 200, label: { es: 'Proveedor (razón social)', en: 'Provider' } },
    { name: 'campaign', type: 'text', required: true, maxLength: 200, label: { es: 'Campaña o aviso institucional', en: 'Campaign' } },
    { name: 'contract', type: 'text', required: true, maxLength: 80, label: { es: 'Número de contrato', en: 'Contract' } },
    { name: 'amount', type: 'number', required: true, min: 0.01, max: 1_000_000_000, label: { es: 'Monto total (MXN, con IVA)', en: 'Amount (MXN)' } },
    {
      type: 'row',
      fields: [
        { name: 'periodStart', type: 'date', required: true, index: true, label: { es: 'Del', en: 'From' }, admin: { width: '50%', date: { pickerAppearance: 'dayOnly' } } },
        {
          name: 'periodEnd',
          type: 'date',
          required: true,
          index: true,
          label: { es: 'Al', en: 'To' },
          admin: { width: '50%', date: { pickerAppearance: 'dayOnly' } },
          validate: (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) =>
            !value || !siblingData.periodStart || new Date(String(value)) >= new Date(String(siblingData.periodStart)) ? true : 'La fecha final no puede ser anterior a la inicial.',
        },
      ],
    },
    { name: 'notes', type: 'textarea', label: { es: 'Notas', en: 'Notes' } },
  ],
}
