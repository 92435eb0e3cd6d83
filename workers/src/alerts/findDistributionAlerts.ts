import { CHANNEL_LABELS, channelSpec, isChannel } from '@pregon/core/channels'
import { howToRenew } from '@pregon/core/socialCredentials'
import { poolOf, type AlertCondition } from '@pregon/cms/worker'
import type { TaskContext } from '../tasks/TaskContext'
import { distributedItemOf, ITEM_NOUN, type DistributedCollection } from '@pregon/core/distributedItem'

/**
 * A finished press mailing needs a person when at least this share of the messages it tried bounced (and
 * at least BOUNCE_MIN_COUNT of them): above ~2 % mailbox providers start to distrust a sender, and at 5 %
 * the list has stale addresses that someone must correct or remove. The count keeps one typo in a list of
 * twenty from raising an alarm.
 */
export const BOUNCE_MIN_SHARE = 0.05
export const BOUNCE_MIN_COUNT = 3
/** A mailing's problems stay an alert this long after it ends; later nobody resends that news. */
export const MAILING_ALERT_DAYS = 30

const DAY_MS = 24 * 60 * 60 * 1000
/** How long before a token expires it is told (Threads' last 60 days; Meta's long-lived user tokens too). */
export const TOKEN_WARNING_DAYS = 14

/**
 * Distributions a person must settle: an outcome nobody could confirm («Sin confirmar»: retry or mark it
 * published), a send that failed (retry or mark it published), a finished mailing with unconfirmed messages
 * (resend them) or with many bounces (correct the contacts, which resolves it), and social accounts whose
 * credentials the network refused («Reconectar»). Distribution alerts point at their bulletin or program, where the
 * «Difusión» panel has the actions and the record keeps the history.
 */
export async function findDistributionAlerts(ctx: TaskContext, now: Date): Promise<AlertCondition[]> {
  const { payload } = ctx
  const conditions: AlertCondition[] = []

  const unsettled = await payload.find({
    collection: 'distributions',
    where: { status: { in: ['unknown', 'failed'] } },
    depth: 0,
    pagination: false,
    sort: 'id',
  })
  const named = new Map(unsettled.docs.map((row) => [row.id, distributedItemOf(row)]))
  const titles = await itemTitles(ctx, [...named.values()])
  for (const row of unsettled.docs) {
    // Rows without an item (none since a check forbids it, but older databases) get an alert without a page.
    const source = named.get(row.id) ?? null
    const title = (source && titles.get(`${source.collection}/${source.id}`)) || 'un contenido borrado'
    const where = isChannel(row.channel) ? channelSpec(row.channel).inSentence : row.channel
    const item = source === null ? null : { ...source, title }
    if (row.status === 'unknown') {
      conditions.push({
        key: `distribution:${row.id}:unconfirmed`,
        kind: 'distribution-unconfirmed',
        message: `Sin confirmar en ${where}: «${title}». Revisa la cuenta y después reintenta o márcala como publicada.`,
        item,
      })
    } else {
      conditions.push({
        key: `distribution:${row.id}:failed`,
        kind: 'distribution-failed',
        message: `Falló la difusión en ${where} de «${title}»${row.error ? `: ${oneLine(row.error)}` : ''}. Corrige y reintenta, o márcala como publicada.`,
        item,
      })
    }
  }

  const { rows: mailings } = await poolOf(payload).query<{ id: number; bulletin_id: number | null; program_id: number | null; title: string | null; attempted: string; bounced: string; unknown: string }>(
    `SELECT d.id, d.bulletin_id, d.program_id, coalesce(b.title, p.title) AS title,
            count(*) FILTER (WHERE dl.status NOT IN ('pending', 'suppressed')) AS attempted,
            count(*) FILTER (WHERE dl.status = 'bounced' AND c.status = 'bounced') AS bounced,
            count(*) FILTER (WHERE dl.status = 'unknown') AS unknown
       FROM distributions d
       JOIN deliveries dl ON dl.distribution_id = d.id
       LEFT JOIN press_contacts c ON c.id = dl.contact_id
       LEFT JOIN bulletins b ON b.id = d.bulletin_id
       LEFT JOIN programs p ON p.id = d.program_id
      WHERE d.channel = 'press-mailing' AND d.status IN ('sent', 'failed') AND coalesce(d.completed_at, d.updated_at) > $1
      GROUP BY d.id, b.title, p.title`,
    [new Date(now.getTime() - MAILING_ALERT_DAYS * DAY_MS).toISOString()],
  )
  for (const mailing of mailings) {
    const title = mailing.title ?? 'un contenido borrado'
    const source = distributedItemOf({ bulletin: mailing.bulletin_id, program: mailing.program_id })
    const item = source === null ? null : { ...source, title }
    const [attempted, bounced, unknown] = [Number(mailing.attempted), Number(mailing.bounced), Number(mailing.unknown)]
    if (unknown > 0) {
      conditions.push({
        key: `distribution:${mailing.id}:unconfirmed-messages`,
        kind: 'mailing-unconfirmed-messages',
        message: `El envío a prensa de «${title}» tiene ${unknown} ${unknown === 1 ? 'mensaje' : 'mensajes'} sin confirmar: reenvíalos desde ${source ? ITEM_NOUN[source.collection] : 'su página'}, en «Difusión».`,
        item,
      })
    }
    if (bounced >= BOUNCE_MIN_COUNT && attempted > 0 && bounced / attempted >= BOUNCE_MIN_SHARE) {
      conditions.push({
        key: `distribution:${mailing.id}:bounces`,
        kind: 'mailing-bounces',
        message: `El envío a prensa de «${title}» rebotó en ${bounced} de ${attempted} direcciones (${Math.round((bounced / attempted) * 100)} %): corrige o retira esos contactos de prensa.`,
        item,
      })
    }
  }

  const reconnect = await payload.find({ collection: 'social-accounts', where: { needsReconnect: { equals: true } }, depth: 0, pagination: false, sort: 'id' })
  for (const account of reconnect.docs) {
    const network = CHANNEL_LABELS[account.channel] ?? account.channel
    conditions.push({
      key: `social-account:${account.id}:reconnect`,
      kind: 'social-reconnect',
      message: `Reconectar la cuenta ${account.label ?? account.account} de ${network}: la red rechazó las credenciales. Para renovarlas, ${howToRenew(account.source)}; después reintenta sus difusiones.`,
      item: { collection: 'social-accounts', id: account.id, title: account.label ?? account.account },
    })
  }

  // A token the network says will expire (Meta's, Threads' after 60 days): told two weeks ahead, every day until
  // renewed, so posting never stops by surprise.
  const expiring = await payload.find({
    collection: 'social-accounts',
    where: { and: [{ tokenExpiresAt: { less_than: new Date(now.getTime() + TOKEN_WARNING_DAYS * DAY_MS).toISOString() } }, { needsReconnect: { not_equals: true } }] },
    depth: 0,
    pagination: false,
    sort: 'id',
  })
  const day = new Intl.DateTimeFormat('es-MX', { dateStyle: 'long', timeZone: ctx.timeZone ?? 'America/Mexico_City' })
  for (const account of expiring.docs) {
    const network = CHANNEL_LABELS[account.channel] ?? account.channel
    const at = new Date(account.tokenExpiresAt!)
    conditions.push({
      key: `social-account:${account.id}:token-expiring`,
      kind: 'social-token-expiring',
      message: `${at <= now ? 'Venció' : 'Vence'} el ${day.format(at)} el token de ${network} (${account.checkedAccount ?? account.label ?? account.account}): genera uno nuevo antes de que se detengan las publicaciones; ${howToRenew(account.source)}.`,
      item: { collection: 'social-accounts', id: account.id, title: account.label ?? account.account },
    })
  }
  return conditions
}

/** Titles of the bulletins and programs named, keyed `bulletins/12`, `programs/3`. */
async function itemTitles(ctx: TaskContext, items: ReadonlyArray<{ collection: DistributedCollection; id: number } | null>): Promise<Map<string, string>> {
  const ids = (collection: DistributedCollection) => [...new Set(items.flatMap((item) => (item?.collection === collection ? [item.id] : [])))]
  const { rows } = await poolOf(ctx.payload).query<{ key: string; title: string }>(
    `SELECT 'bulletins/' || id AS key, title FROM bulletins WHERE id = ANY($1::int[])
     UNION ALL SELECT 'programs/' || id AS key, title FROM programs WHERE id = ANY($2::int[])`,
    [ids('bulletins'), ids('programs')],
  )
  return new Map(rows.map((row) => [row.key, row.title]))
}

const oneLine = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > 160 ? `${line.slice(0, 159)}…` : line
}
