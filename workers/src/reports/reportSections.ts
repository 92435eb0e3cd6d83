import { type Block, type Cell, type Section, type Table, cleanCounts, counted, noData, orNull, ranked } from './reportBlocks'
import type { Count, CouncilReport } from './types'
import { FEEDS_NOTE, NO_DATA, NO_OPEN_TRACKING, NOT_REPORTED_NOTE, REACH_NOTE, VISITOR_DAYS_NOTE, clean, formatDate, formatNumber, plural } from './reportWords'

const TONE_COLORS: Record<string, string> = { Positiva: '#1d5a2c', Neutral: '#4d4d4d', Negativa: '#8a1c1c', 'Sin marcar': '#6e6e6e' }


/**
 * The report's sections in order, the same for the HTML and the PDF. Charts and tables are numbered in reading
 * order, as in the municipality's printed reports («Gráfica 1», «Cuadro 1»).
 */
export function reportSections(r: CouncilReport, timeZone: string): Section[] {
  let charts = 0
  let tables = 0
  return sections(r, timeZone).map((s) => ({
    ...s,
    blocks: s.blocks.map((b): Block => {
      if (b.kind === 'table') return { ...b, table: { ...b.table, caption: `Cuadro ${++tables}. ${b.table.caption}` } }
      if (b.kind !== 'chart') return b
      return { ...b, heading: `Gráfica ${++charts}. ${b.heading}`, table: { ...b.table, caption: `Cuadro ${++tables}. ${b.table.caption}` } }
    }),
  }))
}

function sections(r: CouncilReport, timeZone: string): Section[] {
  // A year is told by month, a month by day (assembleCouncilReport's buckets).
  const unit = r.period.kind === 'year' ? 'mes' : 'día'
  const Unit = unit === 'mes' ? 'Mes' : 'Día'
  const sent = r.reach.reduce((sum, c) => sum + c.sent, 0)
  const mentions: Count[] = [
    { label: 'Positiva', value: r.mentions.positiva },
    { label: 'Neutral', value: r.mentions.neutral },
    { label: 'Negativa', value: r.mentions.negativa },
    { label: 'Sin marcar', value: r.mentions.sinMarcar },
  ]
  const mentionTotal = mentions.reduce((sum, m) => sum + m.value, 0)
  const day = (iso: string | null) => (iso === null ? 'Sin fecha' : formatDate(iso, timeZone, 'medium'))

  return [
    {
      id: 'resumen',
      heading: 'Resumen',
      blocks: [
        {
          kind: 'figures',
          items: [
            { label: 'Boletines publicados', value: formatNumber(r.bulletins.total) },
            { label: 'Programas y convocatorias', value: formatNumber(r.programs.length) },
            { label: 'Publicaciones enviadas a canales', value: formatNumber(sent) },
            { label: 'Páginas vistas en el portal', value: formatNumber(r.portal.views) },
            { label: 'Peticiones ciudadanas recibidas', value: formatNumber(r.petitions.received) },
            { label: 'Menciones en la prensa', value: formatNumber(mentionTotal) },
          ],
        },
      ],
    },
    {
      id: 'boletines',
      heading: 'Boletines',
      blocks: [
        { kind: 'text', text: `Se publicaron ${plural(r.bulletins.total, 'boletín', 'boletines')} en el periodo.` },
        ...counted({ title: 'Boletines por dependencia', rows: ranked(r.bulletins.byDepartment), column: 'Dependencia', valueColumn: 'Boletines' }),
        ...counted({ title: 'Boletines por tipo', rows: ranked(r.bulletins.byKind), column: 'Tipo', valueColumn: 'Boletines' }),
        ...counted({ title: `Boletines por ${unit}`, rows: cleanCounts(r.bulletins.byMonth), column: Unit, valueColumn: 'Boletines', chart: { mark: 'bar', unit } }),
      ],
    },
    {
      id: 'programas',
      heading: 'Programas y convocatorias',
      blocks:
        r.programs.length === 0
          ? [{ kind: 'text', text: 'No se anunciaron programas ni convocatorias en el periodo.' }]
          : [
              {
                kind: 'table',
                table: {
                  caption: 'Programas y convocatorias anunciados, con el plazo para solicitarlos',
                  columns: [{ label: 'Programa o convocatoria' }, { label: 'Dependencia' }, { label: 'Abre' }, { label: 'Cierra' }],
                  rows: r.programs.map((p) => [clean(p.title), p.department === null ? 'Sin dependencia' : clean(p.department), day(p.opensAt), day(p.closesAt)]),
                },
              },
            ],
    },
    {
      id: 'alcance',
      heading: 'Alcance por canal',
      blocks:
        r.reach.length === 0
          ? [{ kind: 'text', text: NO_DATA }]
          : [
              { kind: 'text', text: REACH_NOTE },
              {
                kind: 'table',
                table: {
                  caption: 'Publicaciones por canal y lo que cada red informa',
                  columns: ['Canal', 'Enviadas', 'Fallidas', 'Reacciones', 'Compartidos', 'Respuestas'].map((label, i) => ({ label, isNumber: i > 0 })),
                  rows: r.reach.map((c) => [clean(c.channel), formatNumber(c.sent), formatNumber(c.failed), orNull(c.reactions), orNull(c.shares), orNull(c.replies)]),
                  ...(r.reach.some((c) => c.reactions === null || c.shares === null || c.replies === null) ? { footnote: NOT_REPORTED_NOTE } : {}),
                },
              },
            ],
    },
    {
      id: 'correo',
      heading: 'Correo a prensa',
      blocks: [
        {
          kind: 'table',
          table: {
            caption: 'Correos a medios de comunicación',
            columns: [{ label: 'Entregados', isNumber: true }, { label: 'Rebotados', isNumber: true }, { label: 'Fallidos', isNumber: true }],
            rows: [[formatNumber(r.pressMail.delivered), formatNumber(r.pressMail.bounced), formatNumber(r.pressMail.failed)]],
          },
        },
        { kind: 'text', text: NO_OPEN_TRACKING },
      ],
    },
    {
      id: 'portal',
      heading: 'Portal',
      blocks: [
        { kind: 'figures', items: [{ label: 'Páginas vistas', value: formatNumber(r.portal.views) }, { label: 'Visitantes-día', value: formatNumber(r.portal.visitorDays) }] },
        { kind: 'text', text: VISITOR_DAYS_NOTE },
        ...counted({ title: `Páginas vistas por ${unit}`, rows: cleanCounts(r.portal.byDay), column: Unit, valueColumn: 'Páginas vistas', chart: { mark: 'line', unit } }),
        r.portal.topPages.length === 0
          ? { kind: 'text', text: noData('Páginas más vistas') }
          : {
              kind: 'table',
              table: {
                caption: 'Páginas más vistas',
                columns: [{ label: 'Página' }, { label: 'Dirección' }, { label: 'Vistas', isNumber: true }],
                rows: r.portal.topPages.map((p) => [p.title === null ? 'Sin título' : clean(p.title), clean(p.path), formatNumber(p.views)]),
              },
            },
        r.portal.feeds.length === 0
          ? { kind: 'text', text: noData('Lectores por feed') }
          : {
              kind: 'table',
              table: { caption: 'Lectores por feed', columns: [{ label: 'Feed' }, { label: 'Lectores', isNumber: true }], rows: r.portal.feeds.map((f) => [clean(f.feed), formatNumber(f.readers)]), footnote: FEEDS_NOTE },
            },
      ],
    },
    {
      id: 'retoma',
      heading: 'Retoma en medios',
      blocks: [
        { kind: 'text', text: 'Notas de los medios que publicaron nuestros boletines, por medio.' },
        ...counted({ title: 'Boletines retomados por medio', rows: ranked(r.pickUp), column: 'Medio', valueColumn: 'Notas' }),
      ],
    },
    {
      id: 'peticiones',
      heading: 'Peticiones ciudadanas',
      blocks: [
        { kind: 'text', text: `Se recibieron ${plural(r.petitions.received, 'petición', 'peticiones')} en el periodo.` },
        ...petitionBlocks(r),
      ],
    },
    {
      id: 'menciones',
      heading: 'Menciones en la prensa',
      blocks: [
        { kind: 'text', text: 'Notas de la síntesis que mencionan al municipio, por el tono que marcó el personal.' },
        mentionTotal === 0
          ? { kind: 'text', text: NO_DATA }
          : {
              kind: 'chart',
              heading: 'Menciones por tono',
              chart: { type: 'bars', title: 'Menciones por tono', rows: mentions, colors: TONE_COLORS },
              table: { caption: 'Menciones por tono', columns: [{ label: 'Tono' }, { label: 'Notas', isNumber: true }], rows: mentions.map((m) => [m.label, formatNumber(m.value)]) },
            },
      ],
    },
    {
      id: 'notas',
      heading: 'Lo que este informe no cuenta',
      blocks: r.notes.length === 0 ? [{ kind: 'text', text: 'Sin notas.' }] : [{ kind: 'list', items: r.notes.map(clean) }],
    },
  ]
}

function petitionBlocks(r: CouncilReport): Block[] {
  const petitions = r.petitions.byDepartment
    .map((p) => ({ ...p, department: clean(p.department) }))
    .sort((a, b) => b.received - a.received || a.department.localeCompare(b.department, 'es-MX'))
  if (petitions.length === 0) return [{ kind: 'text', text: noData('Peticiones por dependencia') }]
  const title = 'Peticiones recibidas por dependencia'
  const median = (days: number | null): Cell => (days === null ? { shown: '—', spoken: 'sin peticiones atendidas' } : formatNumber(days))
  const table: Table = {
    caption: title,
    columns: [{ label: 'Dependencia' }, { label: 'Recibidas', isNumber: true }, { label: 'Atendidas', isNumber: true }, { label: 'Mediana de días', isNumber: true }],
    rows: petitions.map((p) => [p.department, formatNumber(p.received), formatNumber(p.attended), median(p.medianDaysToAttend)]),
    ...(petitions.some((p) => p.medianDaysToAttend === null) ? { footnote: 'Mediana de días: la mitad de las peticiones atendidas lo fue en ese número de días o menos. «—»: ninguna atendida todavía.' } : {}),
  }
  return [{ kind: 'chart', heading: title, chart: { type: 'bars', title, rows: petitions.map((p) => ({ label: p.department, value: p.received })) }, table }]
}
