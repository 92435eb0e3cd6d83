import { describe, expect, it } from 'vitest'
import { postTextRules } from '@pregon/core/channels'
import { composeFollowUpText, followUpActionFor, followUpLabel } from '@pregon/core/networkFollowUps'
import { followUpStepFor, isDeleteRefused } from '@pregon/workers/tasks/followUpStepFor'

const LINK = 'https://municipio.gob.mx/boletines/cierre-del-puente-juarez/'

describe('what an account wants done after a correction or a withdrawal', () => {
  it('answers both by default (a main account without a row, or a row left as it came)', () => {
    expect(followUpActionFor('correction', null)).toBe('reply')
    expect(followUpActionFor('withdrawal', undefined)).toBe('reply')
    expect(followUpActionFor('withdrawal', { onCorrection: 'none', onWithdrawal: null })).toBe('reply')
  })

  it('follows the account: delete on withdrawal, nothing when set to none', () => {
    expect(followUpActionFor('withdrawal', { onWithdrawal: 'delete' })).toBe('delete')
    expect(followUpActionFor('withdrawal', { onWithdrawal: 'none' })).toBeNull()
    expect(followUpActionFor('correction', { onCorrection: 'none', onWithdrawal: 'delete' })).toBeNull()
    expect(followUpActionFor('correction', { onCorrection: 'reply', onWithdrawal: 'none' })).toBe('reply')
  })
})

describe('the answer under the original post', () => {
  it('carries the note and the link whole when they fit', () => {
    const text = composeFollowUpText({ channel: 'x', kind: 'correction', note: '  El puente cierra del lunes al jueves,\n no al viernes. ', link: LINK })
    expect(text).toBe(`Corrección: El puente cierra del lunes al jueves, no al viernes.\n${LINK}`)
    expect(composeFollowUpText({ channel: 'mastodon', kind: 'withdrawal', note: 'Se publicó por error.', link: null })).toBe('Esta publicación se retiró. Se publicó por error.')
  })

  it('cuts a long note at a word, with an ellipsis, to fit each network as it counts (the link included)', () => {
    const note = 'La avenida permanecerá cerrada por obras de drenaje durante tres semanas, con desvíos por las calles aledañas. '.repeat(8)
    for (const channel of ['x', 'bluesky', 'threads', 'mastodon'] as const) {
      const text = composeFollowUpText({ channel, kind: 'correction', note, link: LINK })
      const { max, measure } = postTextRules(channel)
      expect(measure(text, LINK)).toBeLessThanOrEqual(max)
      expect(text.startsWith('Corrección: La avenida')).toBe(true)
      expect(text.endsWith(`…\n${LINK}`)).toBe(true)
      // At a word: what precedes the ellipsis is a whole word of the note.
      const kept = text.slice('Corrección: '.length, text.indexOf('…'))
      expect(note.startsWith(kept)).toBe(true)
      expect([' ', ','].includes(note[kept.length] ?? ' ') || note[kept.length] === undefined).toBe(true)
    }
  })
})

describe('what the worker does on a network', () => {
  it('deletes where it can, answers where it cannot delete, and says when neither is possible', () => {
    expect(followUpStepFor({ action: 'delete', kind: 'withdrawal', channel: 'x', canReply: true, canDelete: true })).toEqual({ kind: 'delete' })
    const instagram = followUpStepFor({ action: 'delete', kind: 'withdrawal', channel: 'instagram', canReply: true, canDelete: false })
    expect(instagram).toMatchObject({ kind: 'reply', fallbackReason: expect.stringContaining('Instagram no permite borrar') })
    expect(followUpStepFor({ action: 'reply', kind: 'correction', channel: 'x', canReply: true, canDelete: true })).toEqual({ kind: 'reply', fallbackReason: null })
    const none = followUpStepFor({ action: 'reply', kind: 'correction', channel: 'telegram', canReply: false, canDelete: false })
    expect(none).toMatchObject({ kind: 'unavailable', reason: expect.stringContaining('no está disponible en esta red (Telegram)') })
  })

  it('recognises a delete refused for that post only', () => {
    expect(isDeleteRefused(Object.assign(new Error('x'), { code: 'TELEGRAM_CANNOT_DELETE' }))).toBe(true)
    expect(isDeleteRefused(Object.assign(new Error('x'), { code: 'TELEGRAM_REJECTED' }))).toBe(false)
    expect(isDeleteRefused(null)).toBe(false)
  })

  it('names a follow-up row the way the «Difusión» panel shows it', () => {
    expect(followUpLabel({ kind: 'correction', action: 'reply', channel: 'facebook' })).toBe('Corrección · Facebook')
    expect(followUpLabel({ kind: 'withdrawal', action: 'delete', channel: 'x' })).toBe('Retiro · X (borrado)')
    expect(followUpLabel({ kind: 'withdrawal', action: 'reply', channel: 'facebook', account: 'DIF' })).toBe('Retiro · Facebook (DIF) (respuesta)')
  })
})
