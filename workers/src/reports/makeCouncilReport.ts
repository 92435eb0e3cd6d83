import fs from 'node:fs/promises'
import path from 'node:path'
import { poolOf, reportPdfName, reportsDir } from '@pregon/cms/worker'
import { partsIn } from '@pregon/core/subscriptions'
import type { TaskContext } from '../tasks/TaskContext'
import { assembleCouncilReport, parseReportPeriod } from './assembleCouncilReport'
import { renderReportHtml } from './renderReportHtml'
import { renderReportPdf } from './renderReportPdf'

/**
 * Makes one council report: its period's data assembled, rendered as the page (charts with their tables) and as
 * the PDF, both kept with the report (the PDF in DATA_DIR/reports, written whole before it is named). A failure
 * is written on the report in Spanish; the office can ask for it again.
 */
export async function makeCouncilReport(ctx: TaskContext, reportId: number | string, { now = new Date() }: { now?: Date } = {}): Promise<'ready' | 'failed' | 'skipped'> {
  const report = await ctx.payload.findByID({ collection: 'council-reports', id: reportId, depth: 0, overrideAccess: true, disableErrors: true })
  if (!report || report.status !== 'pending') return 'skipped'
  const pool = poolOf(ctx.payload)
  const period = parseReportPeriod(report.period)
  try {
    if (!period) throw new Error(`periodo «${report.period}» no válido`)
    const timeZone = ctx.timeZone ?? 'America/Mexico_City'
    const site = await ctx.payload.findGlobal({ slug: 'site-settings', depth: 0, overrideAccess: true })
    const data = await assembleCouncilReport(pool, { period, timeZone, office: [site.officeName, site.municipalityName].filter(Boolean).join(' · '), now })
    const html = await renderReportHtml(data, { timeZone })
    const pdf = await renderReportPdf(data, { timeZone })
    const dir = reportsDir(ctx.config)
    await fs.mkdir(dir, { recursive: true })
    const file = path.join(dir, reportPdfName(report.id))
    await fs.writeFile(`${file}.part`, pdf)
    await fs.rename(`${file}.part`, file)
    await pool.query(`UPDATE council_reports SET status = 'ready', html = $2, generated_at = $3, error = NULL, updated_at = now() WHERE id = $1`, [report.id, html, now])
    ctx.log.info({ reportId: report.id, period: report.period }, 'council report made')
    return 'ready'
  } catch (error) {
    const message = `No se pudo preparar el informe: ${(error as Error).message}. Intente de nuevo (estado «Preparándose» y guardar); si se repite, avise a sistemas.`
    await pool.query(`UPDATE council_reports SET status = 'failed', error = $2, updated_at = now() WHERE id = $1`, [report.id, message])
    ctx.log.error({ reportId: report.id, err: error }, 'council report failed')
    return 'failed'
  }
}

/** On the 1st: last month's report, unless the office already asked for it. */
export async function requestLastMonthReport(ctx: TaskContext, now = new Date()): Promise<string> {
  const today = partsIn(now, ctx.timeZone ?? 'America/Mexico_City')
  const year = today.month === 1 ? today.year - 1 : today.year
  const month = today.month === 1 ? 12 : today.month - 1
  const period = `${year}-${String(month).padStart(2, '0')}`
  const { totalDocs } = await ctx.payload.count({ collection: 'council-reports', where: { period: { equals: period } }, overrideAccess: true })
  if (totalDocs === 0) await ctx.payload.create({ collection: 'council-reports', overrideAccess: true, data: { period, status: 'pending' } })
  return period
}
