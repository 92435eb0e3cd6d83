import { describe, expect, it } from 'vitest'
import {
  compileWatchList,
  findPromotionHits,
  richTextToPlain,
  type PromotionHit,
  type TextPart,
  type WatchList,
} from '@pregon/core/law/personalPromotion'

// The watch list of a fictional municipality, as its press office would fill it in.
const SANTA_LUCIA: WatchList = {
  people: [
    { name: 'María Guadalupe Ramírez Torres', aliases: ['Lupita Ramírez'], titles: ['presidenta municipal', 'alcaldesa', 'edil'] },
    { name: 'Juan Carlos Pérez López', titles: ['síndico municipal', 'síndico'] },
    { name: 'José de la Cruz Hernández', aliases: ['Pepe Cruz'], titles: ['regidor de Obras Públicas'] },
  ],
  words: ['Juntos transformamos Santa Lucía', 'Morena', 'PAN', 'PRI', 'PT', 'guinda'],
}

const body = (text: string): TextPart[] => [{ field: 'body', label: 'Cuerpo', text }]
/** What the approver is shown, minus context and key: who or what, and the words as written. */
const found = (hits: PromotionHit[]) => hits.map(({ kind, subject, found }) => [kind, subject, found])
const hitsIn = (text: string, list: WatchList = SANTA_LUCIA) => found(findPromotionHits(body(text), list))

const MAYOR = 'María Guadalupe Ramírez Torres'
const SINDICO = 'Juan Carlos Pérez López'
const REGIDOR = 'José de la Cruz Hernández'

describe('names, whatever the case and the accents', () => {
  it('finds a name in capitals, without accents, or typed with combining accents, and reports it as written', () => {
    expect(hitsIn('INAUGURA MARIA GUADALUPE RAMIREZ TORRES EL MERCADO')).toEqual([['person', MAYOR, 'MARIA GUADALUPE RAMIREZ TORRES']])
    expect(hitsIn('Lo anunció maria ramirez en conferencia.')).toEqual([['person', MAYOR, 'maria ramirez']])
    // «í» as i + U+0301 (NFD, as some Mac apps paste it): the mark stays inside what was found.
    expect(hitsIn('Firmó la Lic. Rami\u0301rez el convenio.')).toEqual([['person', MAYOR, 'Lic. Rami\u0301rez']])
    expect(hitsIn('Ramí\u00ADrez Torres, la Lic. Ramí\u00ADrez')).toEqual([['person', MAYOR, 'Lic. Ramí\u00ADrez']])
  })

  it('finds a full name by its given names in order and the first surname, with or without the second', () => {
    expect(hitsIn('Asistieron Juan Pérez, Carlos Pérez, Juan Carlos Pérez y Juan Pérez López.')).toEqual([
      ['person', SINDICO, 'Juan Pérez'],
      ['person', SINDICO, 'Carlos Pérez'],
      ['person', SINDICO, 'Juan Carlos Pérez'],
      ['person', SINDICO, 'Juan Pérez López'],
    ])
    expect(hitsIn('Guadalupe Ramírez Torres recorrió el tianguis')).toEqual([['person', MAYOR, 'Guadalupe Ramírez Torres']])
  })

  it('keeps a particle with the surname it belongs to («de la Cruz»)', () => {
    expect(hitsIn('José de la Cruz entregó las escrituras; el Ing. de la Cruz Hernández firmó.')).toEqual([
      ['person', REGIDOR, 'José de la Cruz'],
      ['person', REGIDOR, 'Ing. de la Cruz Hernández'],
    ])
    expect(hitsIn('La Cruz Roja y la calle Hernández')).toEqual([])
  })

  it('finds a surname only after an honorific or one of the person’s titles', () => {
    expect(hitsIn('Lic. Ramírez, C. Juan Pérez, Dra Ramírez Torres, doña Lupita Ramírez, el alcalde Ramírez y el Prof. Pérez López.')).toEqual([
      ['person', MAYOR, 'Lic. Ramírez'],
      ['person', SINDICO, 'C. Juan Pérez'],
      ['person', MAYOR, 'Dra Ramírez Torres'],
      ['person', MAYOR, 'doña Lupita Ramírez'],
      ['person', MAYOR, 'alcalde Ramírez'],
      ['person', SINDICO, 'Prof. Pérez López'],
    ])
  })

  it('does not take a surname alone, a first name alone, «C» without its dot, or another person’s title for a hit', () => {
    expect(hitsIn('Ramírez, Pérez López y Juan llegaron; el inciso C Ramírez; la señora Gómez.')).toEqual([])
    // «síndico» is Pérez's title: it does not make «Ramírez» a hit, though it is one itself.
    expect(hitsIn('El síndico Ramírez')).toEqual([['person', SINDICO, 'síndico']])
  })

  it('finds whole words only: «Ana» is not in «Mariana» nor «Anahí»', () => {
    const list: WatchList = { people: [{ name: 'Ana Sofía Méndez Ruiz', aliases: ['Ana'] }], words: ['obra'] }
    expect(hitsIn('Mariana, Anahí y Ana visitaron la maniobra y la sobra de obra.', list)).toEqual([
      ['person', 'Ana Sofía Méndez Ruiz', 'Ana'],
      ['word', 'obra', 'obra'],
    ])
  })

  it('does not join words across a line break or a full stop', () => {
    expect(hitsIn('María\nRamírez; Juan. Pérez')).toEqual([])
  })
})

describe('titles', () => {
  it('counts a title alone as a reference to the person who holds it', () => {
    expect(hitsIn('La alcaldesa recorrió la colonia con nuestro edil y el síndico.')).toEqual([
      ['person', MAYOR, 'alcaldesa'],
      ['person', MAYOR, 'edil'],
      ['person', SINDICO, 'síndico'],
    ])
  })

  it('matches a title in the other gender and in plural', () => {
    expect(hitsIn('El presidente municipal, los presidentes municipales, las Presidentas Municipales y el alcalde.')).toEqual([
      ['person', MAYOR, 'presidente municipal'],
      ['person', MAYOR, 'presidentes municipales'],
      ['person', MAYOR, 'Presidentas Municipales'],
      ['person', MAYOR, 'alcalde'],
    ])
    // The complement after «de» is left as written; the head inflects.
    expect(hitsIn('La regidora de Obras Públicas y los regidores de Obras Públicas')).toEqual([
      ['person', REGIDOR, 'regidora de Obras Públicas'],
      ['person', REGIDOR, 'regidores de Obras Públicas'],
    ])
  })

  it('does not take an unlisted title that starts the same way («la presidenta de la colonia», «presidenta del DIF»)', () => {
    expect(hitsIn('Habló la presidenta de la colonia Centro y la presidenta del DIF municipal; la regidora de Salud.')).toEqual([])
  })
})

describe('watched words', () => {
  it('matches in either number and without regard to case or accents', () => {
    const list: WatchList = { people: [], words: ['guinda', 'obra', 'luz', 'Servidores de la Nación'] }
    expect(hitsIn('Bancas GUINDAS, obras, las luces y un servidor de la nacion.', list)).toEqual([
      ['word', 'guinda', 'GUINDAS'],
      ['word', 'obra', 'obras'],
      ['word', 'luz', 'luces'],
      ['word', 'Servidores de la Nación', 'servidor de la nacion'],
    ])
  })

  it('matches an acronym of the list only in capitals: «pan» is bread, «pri…» a word', () => {
    expect(hitsIn('Pan de muerto, pan dulce y el PAN; la primaria, el Pri y el PRI; el pt y el PT.')).toEqual([
      ['word', 'PAN', 'PAN'],
      ['word', 'PRI', 'PRI'],
      ['word', 'PT', 'PT'],
    ])
  })

  it('finds nothing for «Obras Públicas» when only a slogan mentions «obra»', () => {
    const list: WatchList = { people: [], words: ['Obra que transforma'] }
    expect(hitsIn('La Dirección de Obras Públicas informa que la obra concluye el viernes.', list)).toEqual([])
    expect(hitsIn('Una obra que transforma.', list)).toEqual([['word', 'Obra que transforma', 'obra que transforma']])
  })
})

describe('overlapping matches', () => {
  it('reports the longest match once: title and name together are one hit on the person', () => {
    expect(hitsIn('Hoy la presidenta municipal María Ramírez inauguró el pozo.')).toEqual([['person', MAYOR, 'presidenta municipal María Ramírez']])
    expect(hitsIn('La alcaldesa, María Guadalupe Ramírez Torres, encabezó la ceremonia.')).toEqual([
      ['person', MAYOR, 'alcaldesa, María Guadalupe Ramírez Torres'],
    ])
    expect(hitsIn('la presidenta municipal, Lic. María Guadalupe Ramírez Torres')).toEqual([
      ['person', MAYOR, 'presidenta municipal, Lic. María Guadalupe Ramírez Torres'],
    ])
  })

  it('prefers the slogan to a shorter word inside it, and a person to a word on the same words', () => {
    const list: WatchList = {
      people: [{ name: 'María Guadalupe Ramírez Torres', aliases: ['Lupita'] }],
      words: ['Santa Lucía', 'Juntos transformamos Santa Lucía', 'Lupita'],
    }
    expect(hitsIn('¡Juntos transformamos Santa Lucía! Gracias, Lupita.', list)).toEqual([
      ['word', 'Juntos transformamos Santa Lucía', 'Juntos transformamos Santa Lucía'],
      ['person', MAYOR, 'Lupita'],
    ])
  })
})

describe('what the approver is shown', () => {
  it('gives the hit’s paragraph around it, cut at whole words with «…», accents as written', () => {
    const text = [
      'Santa Lucía del Valle, Hgo., 3 de marzo de 2027.',
      'Con una inversión de 4.2 millones de pesos, el Ayuntamiento rehabilitó la red de agua potable de la colonia Benito Juárez; la presidenta municipal María Ramírez señaló que las obras beneficiarán a más de mil doscientas familias del oriente del municipio.',
      'La Comisión de Agua informó los horarios.',
    ].join('\n')
    const [hit] = findPromotionHits(body(text), SANTA_LUCIA)
    expect(hit).toEqual({
      kind: 'person',
      subject: MAYOR,
      found: 'presidenta municipal María Ramírez',
      field: 'body',
      label: 'Cuerpo',
      context: '…la red de agua potable de la colonia Benito Juárez; la presidenta municipal María Ramírez señaló que las obras beneficiarán a más de mil doscientas…',
      key: expect.stringMatching(/^[0-9a-f]{16}$/),
    })
    // The paragraph is the limit: nothing from the lines around it, and no «…» where it begins or ends.
    const [short] = findPromotionHits(body('Santa Lucía del Valle, Hgo.\nLa alcaldesa inauguró el pozo.\nHabrá agua el lunes.'), SANTA_LUCIA)
    expect(short?.context).toBe('La alcaldesa inauguró el pozo.')
  })

  it('lists hits by field in the order given, then by position, each with its field and label', () => {
    const parts: TextPart[] = [
      { field: 'title', label: 'Título', text: 'La alcaldesa entrega becas' },
      { field: 'summary', label: 'Entrada', text: 'Juntos transformamos Santa Lucía: Lupita Ramírez entregó 300 becas.' },
      { field: 'body', label: 'Cuerpo', text: 'El síndico asistió.' },
    ]
    expect(findPromotionHits(parts, SANTA_LUCIA).map(({ field, label, found }) => [field, label, found])).toEqual([
      ['title', 'Título', 'alcaldesa'],
      ['summary', 'Entrada', 'Juntos transformamos Santa Lucía'],
      ['summary', 'Entrada', 'Lupita Ramírez'],
      ['body', 'Cuerpo', 'síndico'],
    ])
  })

  it('keys a hit by what and where, not by position: stable across edits elsewhere and accent fixes', () => {
    const keyOf = (text: string, field = 'body') => findPromotionHits([{ field, label: 'Cuerpo', text }], SANTA_LUCIA).map((h) => h.key)
    const [key] = keyOf('Firmó la Lic. Ramírez.')
    // Pinned: approvers' acknowledgements are stored by key, so the hash must not change between releases.
    expect(key).toBe('5f3206487d750298')
    expect(keyOf('Después de la sesión de Cabildo, firmó la Lic Ramirez.')).toEqual([key])
    expect(keyOf('Firmó la Lic. Ramírez.', 'summary')).not.toEqual([key])
    expect(keyOf('Firmó la Lic. Ramírez Torres.')).not.toEqual([key])
    expect(keyOf('La alcaldesa y la alcaldesa')).toEqual([keyOf('La alcaldesa')[0], keyOf('La alcaldesa')[0]])
  })
})

describe('rich text', () => {
  const lexical = {
    root: {
      type: 'root',
      children: [
        { type: 'heading', tag: 'h2', children: [{ type: 'text', text: 'Arranca la Feria del Elote' }] },
        {
          type: 'paragraph',
          children: [
            { type: 'text', text: 'La ' },
            { type: 'text', text: 'alcaldesa', format: 1 },
            { type: 'text', text: ' invitó a la ' },
            { type: 'link', fields: { url: 'https://santalucia.gob.mx' }, children: [{ type: 'text', text: 'feria' }] },
            { type: 'text', text: '.' },
          ],
        },
        {
          type: 'list',
          listType: 'bullet',
          children: [
            { type: 'listitem', children: [{ type: 'text', text: 'Sábado: jaripeo' }] },
            { type: 'listitem', children: [{ type: 'text', text: 'Domingo: Lupita Ramírez corona a la reina' }] },
          ],
        },
      ],
    },
  }

  it('extracts the text of a Lexical value, one line per block, and nothing from an empty value', () => {
    expect(richTextToPlain(lexical)).toBe('Arranca la Feria del Elote\nLa alcaldesa invitó a la feria.\nSábado: jaripeo\nDomingo: Lupita Ramírez corona a la reina')
    expect(richTextToPlain(null)).toBe('')
    expect(richTextToPlain({ root: { children: [] } })).toBe('')
  })

  it('lets a bulletin’s body be checked like any other text', () => {
    expect(found(findPromotionHits(body(richTextToPlain(lexical)), SANTA_LUCIA))).toEqual([
      ['person', MAYOR, 'alcaldesa'],
      ['person', MAYOR, 'Lupita Ramírez'],
    ])
  })
})

describe('a bulletin', () => {
  it('finds nothing in a clean institutional bulletin', () => {
    const parts: TextPart[] = [
      { field: 'title', label: 'Título', text: 'Ayuntamiento de Santa Lucía del Valle abre inscripciones a talleres de verano' },
      { field: 'summary', label: 'Entrada', text: 'El Gobierno Municipal invita a niñas y niños de 6 a 14 años a los talleres gratuitos de la Casa de Cultura.' },
      {
        field: 'body',
        label: 'Cuerpo',
        text:
          'La Dirección de Cultura informa que las inscripciones estarán abiertas del 2 al 13 de junio en la Casa de Cultura, ' +
          'de lunes a viernes de 9:00 a 15:00 horas. Se requiere copia de la CURP y comprobante de domicilio.\n' +
          'Los talleres de pintura, danza folclórica y ajedrez se impartirán en julio. La presidenta del comité de padres, ' +
          'Mariana Juárez, agradeció el apoyo. Habrá pan y agua para los asistentes. Informes al 771 555 0101.',
      },
    ]
    expect(findPromotionHits(parts, SANTA_LUCIA)).toEqual([])
  })

  it('gives the same hits from a compiled list, which can be reused', () => {
    const compiled = compileWatchList(SANTA_LUCIA)
    const text = 'La alcaldesa Lupita Ramírez y el Lic. Pérez con playeras guindas.'
    expect(findPromotionHits(body(text), compiled)).toEqual(findPromotionHits(body(text), SANTA_LUCIA))
    expect(found(findPromotionHits(body(text), compiled))).toEqual([
      ['person', MAYOR, 'alcaldesa Lupita Ramírez'],
      ['person', SINDICO, 'Lic. Pérez'],
      ['word', 'guinda', 'guindas'],
    ])
  })

  it('checks a 3,000-word bulletin against 20 people and 50 words, every hit found', () => {
    const surnames = ['Ramírez', 'Hernández', 'Gómez', 'Martínez', 'Sánchez', 'Flores', 'Rivera', 'Morales', 'Ortiz', 'Castillo']
    const people = Array.from({ length: 20 }, (_, i) => ({
      name: `Nombre${i} Segundo${i} ${surnames[i % 10]}${i} Materno${i}`,
      aliases: [`Apodo${i}`],
      titles: [`titular de la Unidad ${i}`],
    }))
    const words = Array.from({ length: 50 }, (_, i) => `lema${i} del gobierno`)
    const list = compileWatchList({ people, words })
    const filler = 'el ayuntamiento informa a la ciudadanía que los trabajos de bacheo continúan en la cabecera municipal'.split(' ')
    const sentences: string[] = []
    for (let i = 0; sentences.join(' ').split(' ').length < 3_000; i++) {
      const mention = i % 10 === 0 ? ` y el Lic. ${surnames[(i / 10) % 10]}${(i / 10) % 20}` : i % 10 === 5 ? ` con el lema${i % 50} del gobierno` : ''
      sentences.push(`${filler.join(' ')}${mention}.`)
    }
    const text = sentences.join(' ')
    const parts = body(text)
    const hits = findPromotionHits(parts, list)
    const mentions = sentences.length
    expect(hits).toHaveLength(Math.ceil(mentions / 10) + Math.ceil((mentions - 5) / 10))
    expect(hits[0]).toMatchObject({ subject: people[0]!.name, found: 'Lic. Ramírez0' })
  })
})
