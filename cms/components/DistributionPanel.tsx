import type { UIFieldServerProps } from 'payload'
import { roleOf } from '../access/roles'
import { CHANNEL_LABELS, channelSpec, DISTRIBUTION_STATUS_CATALOGUE, isSocialChannel, STATUS_LABELS, type DistributionStatus } from '@pregon/core/channels'
import { ITEM_FIELD, itemLink, programDeadline, type DistributedCollection } from '@pregon/core/distributedItem'
import type { Config } from '@pregon/core/loadConfig'
import { howToRenew } from '@pregon/core/socialCredentials'
import { composeWhatsAppText } from '@pregon/core/whatsappText'
import { followUpLabel, type FollowUpAction } from '@pregon/core/networkFollowUps'
import type { Bulletin, Distribution, Media, Program, User } from '../payload-types'
import { DistributionActions } from './DistributionActions'
import { WhatsAppShare } from './WhatsAppShare'

const ACTIONABLE = new Set<DistributionStatus>(['failed', 'unknown', 'pending'])

/**
 * «Difusión» on a bulletin's or program's edit page (`itemCollection`, bulletins by default): where it went, as the ledger says. Each channel's state, the link to
 * the post, the error or why it waits, attempts, and the two things a person can do about a distribution
 * the worker could not settle. Read as the signed-in person (staff only).
 */
export const DistributionPanel = async ({ id, payload, req, itemCollection = 'bulletins' }: UIFieldServerProps & { itemCollection?: DistributedCollection }) => {
  if (!id) return null
  const itemId = id
  const user = (req.user as User | null) ?? null
  const [{ docs }, settings, accounts] = await Promise.all([
    payload.find({ collection: 'distributions', where: { [ITEM_FIELD[itemCollection]]: { equals: id } }, depth: 0, sort: 'createdAt', overrideAccess: false, user, limit: 50 }),
    payload.findGlobal({ slug: 'site-settings' }),
    payload.find({ collection: 'social-accounts', overrideAccess: false, user, depth: 0, pagination: false }),
  ])
  const accountName = new Map(accounts.docs.map((account) => [`${account.channel}/${account.account}`, account.source === 'environment' ? 'cuenta principal' : account.label]))
  const format = new Intl.DateTimeFormat('es-MX', { dateStyle: 'medium', timeStyle: 'short', timeZone: settings.timeZone })
  const role = roleOf({ user })
  const canMarkPublished = role === 'admin' || role === 'approver'
  const handPosted = await handPostedContext(docs)

  async function handPostedContext(rows: Distribution[]) {
    const manual = rows.filter((row) => channelSpec(row.channel).kind === 'manual')
    if (manual.length === 0) return null
    // The text to paste is the public version's; the names of who posted it by hand, for the record.
    const [published, people] = await Promise.all([
      payload.findByID({ collection: itemCollection, id: itemId, depth: 1, overrideAccess: false, user, disableErrors: true }) as Promise<Bulletin | Program | null>,
      payload.find({ collection: 'users', where: { id: { in: manual.map((row) => idOf(row.resolvedBy)).filter((by) => by !== null) } }, depth: 0, overrideAccess: true, limit: 50 }),
    ])
    const siteUrl = (payload.config.custom as { pregon: Readonly<Config> }).pregon.portal.url
    const heroImage = published && 'heroImage' in published ? published.heroImage : null
    const hero = heroImage && typeof heroImage === 'object' ? (heroImage as Media) : null
    // A program's deadline goes after its lead: the one thing a citizen must not miss.
    const deadline = published && itemCollection === 'programs' ? programDeadline(published as Program, settings.timeZone ?? 'America/Mexico_City') : null
    const summary = [published?.summary?.trim(), deadline ? `${deadline}.` : null].filter(Boolean).join('\n\n')
    return {
      text: published?._status === 'published' ? composeWhatsAppText({ title: published.title, summary, url: itemLink(siteUrl, itemCollection, published.slug ?? '') }) : null,
      imageUrl: hero?.sizes?.og?.url ?? hero?.url ?? null,
      names: new Map(people.docs.map((person) => [person.id, person.name ?? person.email])),
    }
  }

  return (
    <section className="distribution-panel" aria-labelledby="distribution-panel-title">
      <h3 id="distribution-panel-title">Difusión</h3>
      {accounts.docs
        .filter((account) => account.needsReconnect)
        .map((account) => (
          <p key={account.id} className="distribution-panel__alert" role="alert">
            Reconectar: la cuenta {account.label} de {CHANNEL_LABELS[account.channel]} rechazó las credenciales
            {account.errorAt ? ` (${format.format(new Date(account.errorAt))})` : ''}. Para renovarlas, {howToRenew(account.source)}; luego usa «Reintentar».
          </p>
        ))}
      {docs.length === 0 ? (
        <p>Aún no se difunde: las difusiones se crean al publicarse, una por canal elegido en «Difundir en».</p>
      ) : (
        // On a phone each row becomes a card (custom.css): every cell carries its column name in data-label.
        <table className="distribution-panel__table">
          <thead>
            <tr>
              <th scope="col">Canal</th>
              <th scope="col">Estado</th>
              <th scope="col">Acciones</th>
              <th scope="col">Enlace</th>
              <th scope="col">Detalle</th>
              <th scope="col">Intentos</th>
            </tr>
          </thead>
          <tbody>
            {docs.map((row: Distribution) => (
              <tr key={row.id} data-channel={row.channel} data-status={row.status}>
                <td data-label="Canal">
                  {channelCellLabel(row)}
                  {isSocialChannel(row.channel) ? <small> · {accountName.get(`${row.channel}/${row.account}`) ?? row.account}</small> : null}
                  {row.isUrgent ? <small> · urgente</small> : null}
                </td>
                <td data-label="Estado" className={`distribution-panel__status distribution-panel__status--${row.status}`}>
                  {isWaitingForHand(row) ? 'Por publicar a mano' : STATUS_LABELS[row.status]}
                  {row.completedAt ? <small> · {format.format(new Date(row.completedAt))}</small> : null}
                  <small className="distribution-panel__hint">
                    {isWaitingForHand(row) ? 'Nadie lo ha publicado todavía en el canal.' : DISTRIBUTION_STATUS_CATALOGUE[row.status].hint}
                  </small>
                </td>
                <td data-label="Acciones">
                  {isWaitingForHand(row) && handPosted?.text ? (
                    <WhatsAppShare id={row.id} text={handPosted.text} imageUrl={handPosted.imageUrl} canMark />
                  ) : channelSpec(row.channel).kind === 'manual' && row.status === 'sent' ? (
                    <p>Publicado a mano por {handPosted?.names.get(idOf(row.resolvedBy) ?? -1) ?? 'alguien de la oficina'}</p>
                  ) : isSocialChannel(row.channel) && ACTIONABLE.has(row.status) ? (
                    <DistributionActions
                      id={row.id}
                      canRetry={row.status === 'failed' || row.status === 'unknown'}
                      canMarkPublished={canMarkPublished && (row.status === 'unknown' || row.status === 'failed')}
                    />
                  ) : (
                    '—'
                  )}
                </td>
                <td data-label="Enlace">
                  {row.remoteUrl ? (
                    <a href={row.remoteUrl} target="_blank" rel="noopener noreferrer">
                      Ver publicación
                    </a>
                  ) : (
                    '—'
                  )}
                </td>
                {/* The error's code stays in data-error-code for whoever supports the office; people read Spanish. */}
                <td data-label="Detalle" data-error-code={row.errorCode ?? undefined}>
                  {row.error ? <p className="distribution-panel__error">{row.error}</p> : null}
                  {row.errorCode === 'DRY_RUN' ? (
                    <p>
                      Simulación: sin credenciales de {CHANNEL_LABELS[row.channel]}, no se publicó. Texto que se habría publicado: «
                      {String((row.detail as { text?: string } | null)?.text ?? '')}»
                    </p>
                  ) : null}
                  {row.waitingReason ? <p>{row.waitingReason}</p> : null}
                  {row.status === 'pending' && row.nextAttemptAt ? <p>Próximo intento: {format.format(new Date(row.nextAttemptAt))}</p> : null}
                  {!row.error && !row.waitingReason && row.errorCode !== 'DRY_RUN' && !(row.status === 'pending' && row.nextAttemptAt) ? '—' : null}
                </td>
                <td data-label="Intentos">{row.attempts ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

const idOf = (value: unknown): number | null => (value && typeof value === 'object' ? (value as { id: number }).id : typeof value === 'number' ? value : null)
const isWaitingForHand = (row: Distribution) => channelSpec(row.channel).kind === 'manual' && row.status === 'pending'

/**
 * What the «Canal» cell names: the channel, or what a follow-up did there («Corrección · Facebook», «Retiro · X
 * (borrado)»): what the worker did when it says so (a network that cannot delete answers instead), else what
 * was planned.
 */
function channelCellLabel(row: Distribution): string {
  const purpose = row.purpose ?? 'publication'
  if (purpose === 'publication') return CHANNEL_LABELS[row.channel]
  if (!isSocialChannel(row.channel)) return `Corrección · ${CHANNEL_LABELS[row.channel]}`
  const followUp = (row.detail as { followUp?: { action?: FollowUpAction }; done?: FollowUpAction } | null) ?? null
  return followUpLabel({ kind: purpose, action: followUp?.done ?? followUp?.followUp?.action ?? null, channel: row.channel })
}
