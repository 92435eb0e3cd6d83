/** The office's report to the council (the Informe's communication chapter), for a month or a year. */

/** One bar or slice: a label and its count. */
export interface Count {
  label: string
  value: number
}

export interface CouncilReport {
  period: {
    kind: 'month' | 'year'
    /** «noviembre de 2026», «2026». */
    label: string
    /** ISO instants, [start, end). */
    start: string
    end: string
  }
  /** «Coordinación de Comunicación Social · Municipio de Guasave». */
  office: string
  /** ISO instant. */
  generatedAt: string
  bulletins: {
    total: number
    byDepartment: Count[]
    /** «Boletín», «Aviso», «Comunicado»… */
    byKind: Count[]
    /** A year's report: one per month («ene», «feb»…); a month's report: one per week or day as the caller sets. */
    byMonth: Count[]
  }
  /** Programs and calls announced in the period, with the window citizens had to apply. */
  programs: Array<{ title: string; department: string | null; opensAt: string | null; closesAt: string | null }>
  /** Per channel (Facebook, X, correo a prensa, suscriptores…): what went out and what the networks report back. */
  reach: Array<{ channel: string; sent: number; failed: number; reactions: number | null; shares: number | null; replies: number | null }>
  /** Press mailings: messages accepted by recipients' servers, bounced, failed. No open tracking. */
  pressMail: { delivered: number; bounced: number; failed: number }
  portal: {
    views: number
    /** Distinct visitors summed day by day (a visitor is only known within a day). */
    visitorDays: number
    byDay: Count[]
    topPages: Array<{ path: string; title: string | null; views: number }>
    /** Readers per feed, as aggregators report them (the largest count seen in the period). */
    feeds: Array<{ feed: string; readers: number }>
  }
  /** Our bulletins as outlets ran them: items per outlet. */
  pickUp: Count[]
  petitions: {
    received: number
    byDepartment: Array<{ department: string; received: number; attended: number; medianDaysToAttend: number | null }>
  }
  /** The síntesis's items mentioning the municipality, by the tone staff marked. */
  mentions: { positiva: number; neutral: number; negativa: number; sinMarcar: number }
  /** What the report does not count and why, in Spanish («Las búsquedas en el portal no se registran: …»). */
  notes: string[]
}
