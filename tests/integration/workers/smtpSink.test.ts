import nodemailer, { type Transporter } from 'nodemailer'
import { afterEach, describe, expect, it } from 'vitest'
import { startSmtpSink, type SmtpSink } from '../../helpers/smtpSink'

describe('SMTP sink', () => {
  let sink: SmtpSink | undefined
  let transport: Transporter | undefined

  afterEach(async () => {
    transport?.close()
    await sink?.close()
    sink = transport = undefined
  })

  it('receives and parses what a pooled nodemailer transport sends', async () => {
    sink = await startSmtpSink()
    transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, pool: true, maxConnections: 2 })

    await Promise.all(
      ['ana@diario.example', 'beto@radio.example'].map((to) =>
        transport!.sendMail({
          from: '"Comunicación Social" <prensa@municipio.example>',
          to,
          subject: 'Boletín 123: rehabilitan el mercado Hidalgo',
          text: 'El Ayuntamiento informa que el mercado reabrió. Año de obras en Peñasco.',
          html: '<p>El Ayuntamiento informa que el <strong>mercado</strong> reabrió.</p>',
          headers: { 'X-Pregon-Delivery': `delivery-${to}` },
          attachments: [{ filename: 'boletin.txt', content: 'Texto íntegro' }],
        }),
      ),
    )

    const messages = await sink.waitForMessages(2)
    const ana = messages.find((m) => m.envelope.to.includes('ana@diario.example'))!
    expect(ana.envelope).toEqual({ from: 'prensa@municipio.example', to: ['ana@diario.example'] })
    expect(ana.subject).toBe('Boletín 123: rehabilitan el mercado Hidalgo')
    expect(ana.from).toBe('"Comunicación Social" <prensa@municipio.example>')
    expect(ana.to).toEqual(['ana@diario.example'])
    expect(ana.text?.trim()).toBe('El Ayuntamiento informa que el mercado reabrió. Año de obras en Peñasco.')
    expect(ana.html).toContain('<strong>mercado</strong>')
    expect(ana.headers.get('x-pregon-delivery')).toBe('delivery-ana@diario.example')
    expect(ana.attachments).toEqual([expect.objectContaining({ filename: 'boletin.txt', content: Buffer.from('Texto íntegro') })])
    expect(ana.raw.toString('utf8')).toMatch(/^Content-Type: multipart\/mixed/m)
    expect(messages.map((m) => m.envelope.to[0]).sort()).toEqual(['ana@diario.example', 'beto@radio.example'])
  })

  it('refuses matching recipients with the configured code and delivers to the others', async () => {
    sink = await startSmtpSink({ rejectRecipients: { match: (address) => address.endsWith('@rebota.example'), code: 550 } })
    transport = nodemailer.createTransport({ host: '127.0.0.1', port: sink.port, secure: false, pool: true })

    const info = await transport.sendMail({
      from: 'prensa@municipio.example',
      to: ['ana@diario.example', 'nadie@rebota.example'],
      subject: 'Boletín',
      text: 'Hola',
    })
    expect(info.accepted).toEqual(['ana@diario.example'])
    expect(info.rejected).toEqual(['nadie@rebota.example'])
    expect((info as { rejectedErrors?: Array<{ responseCode?: number }> }).rejectedErrors?.[0]?.responseCode).toBe(550)

    const error = await transport
      .sendMail({ from: 'prensa@municipio.example', to: 'otro@rebota.example', subject: 'Boletín', text: 'Hola' })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ responseCode: 550, rejected: ['otro@rebota.example'] })

    const [message] = await sink.waitForMessages(1)
    expect(message!.envelope.to).toEqual(['ana@diario.example'])
    expect(sink.messages).toHaveLength(1)
    expect(sink.rejections).toEqual([
      { address: 'nadie@rebota.example', code: 550 },
      { address: 'otro@rebota.example', code: 550 },
    ])
  })

  it('times out waiting for messages that never come, saying what it waited for', async () => {
    sink = await startSmtpSink()
    await expect(sink.waitForMessages(1, 200)).rejects.toThrow(/1 message\(s\) at the SMTP sink/)
  })
})
