/**
 * X's weighted length (twitter-text v3 rules): after NFC normalisation, a code point weighs 1 if it falls
 * in the Latin/common ranges and 2 otherwise, an emoji sequence weighs 2, and a link weighs 23 whatever its
 * length. X refuses posts above 280.
 *
 * Not the official twitter-text package: it loads core-js 2 polyfills that patch built-ins
 * (Function.prototype.toString, Symbol) in whatever process imports it — the worker runs Payload too.
 * Where our link detection is unsure it counts MORE than X would, never less, so a text we accept is
 * never refused as too long; the unit test checks this against twitter-text itself.
 */
export const X_MAX_WEIGHTED_LENGTH = 280
export const X_URL_WEIGHT = 23

// [start, end] code point ranges that weigh 1 (twitter-text config v3).
const LIGHT_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0, 4351],
  [8192, 8205],
  [8208, 8223],
  [8242, 8247],
]

// Every ASCII country-code TLD twitter-text 3.1 links, so a two-letter ending outside it ("p.ej.") is text.
const COUNTRY_TLDS = new Set(
  (
    'ac ad ae af ag ai al am an ao aq ar as at au aw ax az ba bb bd be bf bg bh bi bj bl bm bn bo bq br bs bt ' +
    'bv bw by bz ca cc cd cf cg ch ci ck cl cm cn co cr cu cv cw cx cy cz de dj dk dm do dz ec ee eg eh er es ' +
    'et eu fi fj fk fm fo fr ga gb gd ge gf gg gh gi gl gm gn gp gq gr gs gt gu gw gy hk hm hn hr ht hu id ie ' +
    'il im in io iq ir is it je jm jo jp ke kg kh ki km kn kp kr kw ky kz la lb lc li lk lr ls lt lu lv ly ma ' +
    'mc md me mf mg mh mk ml mm mn mo mp mq mr ms mt mu mv mw mx my mz na nc ne nf ng ni nl no np nr nu nz om ' +
    'pa pe pf pg ph pk pl pm pn pr ps pt pw py qa re ro rs ru rw sa sb sc sd se sg sh si sj sk sl sm sn so sr ' +
    'ss st su sv sx sy sz tc td tf tg th tj tk tl tm tn to tp tr tt tv tw tz ua ug uk um us uy uz va vc ve vg ' +
    'vi vn vu wf ws ye yt za zm zw'
  ).split(' '),
)
// Generic TLDs X links that a bulletin may name. A longer ending outside this list may still be one of the
// ~1,500 X knows, so it is counted conservatively (see linkWeight), except file extensions that are no TLD.
const GENERIC_TLDS = new Set(
  (
    'com net org info biz edu gov mil int pro name mobi app dev news online site web website blog live media ' +
    'press social digital global city lat xyz top club shop store tech space'
  ).split(' '),
)
const NOT_TLDS = new Set('pdf jpg jpeg png gif webp doc docx xls xlsx ppt pptx txt csv mp3 mp4 html htm'.split(' '))

// Characters twitter-text accepts in a link's path and query (ASCII and Latin accents; it accepts a few
// more, which we then count as text: more, never less).
const PATH_CHARS = "[A-Za-z0-9!*';:=+,.$/%#\\[\\]\\-_~&|@()?\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F]"
const LINK = new RegExp(
  [
    `\\bhttps?:\\/\\/[\\p{L}\\p{N}.\\-]+(?::\\d+)?(?:[/?#]${PATH_CHARS}*)?`,
    // A bare domain, not glued to a word, an e-mail address or a hashtag.
    `(?<![\\p{L}\\p{N}@#.\\-_/])(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]*[\\p{L}\\p{N}])?\\.)+[a-z]{2,}(?::\\d+)?(?:\\/${PATH_CHARS}*)?`,
  ].join('|'),
  'giu',
)
// X leaves trailing punctuation out of a link; leaving out more than X does can only make us count more.
const TRAILING_NON_LINK = /[^A-Za-z0-9\-_=#/+\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]+$/
// Built at run time: the `v` flag is ES2024 and the shared tsconfig targets ES2023 (Node 24 has it).
const EMOJI = new RegExp('^\\p{RGI_Emoji}$', 'v')

export function xTextLength(text: string): number {
  const normalized = text.normalize('NFC')
  let weight = 0
  let cursor = 0
  for (const match of normalized.matchAll(LINK)) {
    const link = match[0].replace(TRAILING_NON_LINK, '')
    if (link.length === 0) continue
    weight += plainTextLength(normalized.slice(cursor, match.index))
    weight += linkWeight(link)
    cursor = match.index + link.length
  }
  return weight + plainTextLength(normalized.slice(cursor))
}

function linkWeight(link: string): number {
  const hasScheme = /^https?:\/\//i.test(link)
  const host = link.replace(/^https?:\/\//i, '').split(/[/:?#]/, 1)[0] ?? ''
  const tld = host.slice(host.lastIndexOf('.') + 1)
  const lowerTld = tld.toLowerCase()
  if (COUNTRY_TLDS.has(lowerTld) || GENERIC_TLDS.has(lowerTld)) return X_URL_WEIGHT
  if (lowerTld.length === 2 || NOT_TLDS.has(lowerTld)) return plainTextLength(link)
  // X counts 23 if its list has this TLD, else the text: take the larger. Except a bare upper-case
  // "word.WORD", far more often an abbreviation than a domain.
  if (!hasScheme && tld !== lowerTld) return plainTextLength(link)
  return Math.max(X_URL_WEIGHT, plainTextLength(link))
}

const segmenter = new Intl.Segmenter('es', { granularity: 'grapheme' })

function plainTextLength(text: string): number {
  let weight = 0
  for (const { segment } of segmenter.segment(text)) {
    if (EMOJI.test(segment)) {
      weight += 2
      continue
    }
    for (const char of segment) weight += codePointWeight(char.codePointAt(0) ?? 0)
  }
  return weight
}

function codePointWeight(codePoint: number): number {
  return LIGHT_RANGES.some(([start, end]) => codePoint >= start && codePoint <= end) ? 1 : 2
}
