import type { Pool } from 'pg'
import { itemLink } from '@pregon/core/distributedItem'
import type { PressMessageTemplate } from './personalizePressEmail'
import { renderSubscriberEmail, type SubscriberEmailInput, type SubscriberEmailItem } from './renderSubscriberEmail'

const KIND_LABELS: Record<string, string> = { boletin: 'Boletín', comunicado: 'Comunicado', aviso: 'Aviso', posicionamiento: 'Posicionamiento' }

export interface OfficeWords {
  office: string
  municipality: string
  privacyNoticeUrl?: string | null
  replyTo?: string | null
  siteUrl: string
  timeZone: string
}

/** The items named by keys ('b12' a bulletin, 'p3' a program) as a citizen's message lists them, in the keys' order. */
export async function emailItems(pool: Pool, keys: string[], { siteUrl, timeZone }: Pick<OfficeWords, 'siteUrl' | 'timeZone'>): Promise<SubscriberEmailItem[]> {
  const ids = (prefix: string) => keys.filter((key) => key.startsWith(prefix)).map((key) => Number(key.slice(1)))
  const { rows } = await pool.query<{ key: string; collection: 'bulletins' | 'programs'; title: string; summary: string | null; slug: string; kind: string | null; published_at: Date }>(
    `SELECT 'b' || id AS key, 'bulletins' AS collection, title, summary, slug, kind::text AS kind, published_at FROM bulletins WHERE id = ANY($1::int[])
     UNION ALL
     SELECT 'p' || id, 'programs', title, summary, slug, NULL, published_at FROM programs WHERE id = ANY($2::int[])`,
    [ids('b'), ids('p')],
  )
  const byKey = new Map(rows.map((row) => [row.key, row]))
  const date = new Intl.DateTimeFormat('es-MX', { dateStyle: 'long', timeStyle: 'short', timeZone })
  return keys.flatMap((key) => {
    const row = byKey.get(key)
    if (!row) return []
    return [
      {
        title: row.title,
        summary: row.summary ?? '',
        url: itemLink(siteUrl, row.collection, row.slug),
        kindLabel: row.collection === 'programs' ? 'Convocatoria' : (KIND_LABELS[row.kind ?? 'boletin'] ?? 'Boletín'),
        dateLabel: date.format(row.published_at ?? new Date()),
      },
    ]
  })
}

/** One composed message for citizens, ready for per-recipient substitution (composePressMessages). */
export async function subscriberTemplate(input: Omit<SubscriberEmailInput, 'office' | 'municipality' | 'privacyNoticeUrl'> & { words: OfficeWords }): Promise<PressMessageTemplate> {
  const { words, ...rest } = input
  const email = await renderSubscriberEmail({ ...rest, office: words.office, municipality: words.municipality, privacyNoticeUrl: words.privacyNoticeUrl ?? null })
  return { ...email, replyTo: words.replyTo ?? null }
}

/** The office's words for a message, read once per mailing. */
export async function officeWords(pool: Pool, { siteUrl, timeZone }: { siteUrl: string; timeZone: string }): Promise<OfficeWords> {
  const { rows } = await pool.query<{ office_name: string; municipality_name: string; privacy_notice_url: string | null; contact_email: string | null }>(
    'SELECT office_name, municipality_name, privacy_notice_url, contact_email FROM site_settings LIMIT 1',
  )
  const row = rows[0]
  return { office: row?.office_name ?? 'Comunicación Social', municipality: row?.municipality_name ?? '', privacyNoticeUrl: row?.privacy_notice_url ?? null, replyTo: row?.contact_email ?? null, siteUrl, timeZone }
}
