import { decodeHTML } from 'entities'
import sanitizeHtml from 'sanitize-html'

/**
 * What a feed's title or description says, as plain text for the monitoring list and the síntesis: no tags
 * (script and style contents go too), entities decoded, whitespace collapsed. Feeds often escape twice
 * (`&amp;quot;`, `&lt;p&gt;` inside CDATA), so a text that still has entities or tags after one pass gets a
 * second one; never more, so a headline that really writes `&lt;` is not eaten away. With `max`, the text is
 * cut at a word and ends in «…», the whole at most `max` characters.
 */
export function plainText(htmlOrText: string, max?: number): string {
  let text = stripOnce(htmlOrText)
  if (ENTITY.test(text) || TAG.test(text)) text = stripOnce(text)
  text = text.replace(INVISIBLE, '').replace(/\s+/g, ' ').trim()
  return max === undefined ? text : truncate(text, max)
}

const ENTITY = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});/i
const TAG = /<\/?[a-z][^<>]*>/i
/** Zero-width characters and the soft hyphen: invisible, but they split words for search. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g

/**
 * Block tags end a word: `<p>Uno</p><p>Dos</p>` is «Uno Dos», not «UnoDos». Inline tags (`<b>`, `<a>`) do
 * not, so «pala<b>bra</b>» stays one word.
 */
const BLOCK = /<(\/?)(address|article|aside|blockquote|br|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|ol|p|pre|section|table|td|th|tr|ul)\b/gi

/** sanitize-html re-escapes the text it keeps (`&` → `&amp;`), so its output is decoded once. */
function stripOnce(html: string): string {
  const kept = sanitizeHtml(html.replace(BLOCK, ' <$1$2'), { allowedTags: [], allowedAttributes: {} })
  return decodeHTML(kept)
}

function truncate(text: string, max: number): string {
  if (text.length <= max) return text
  if (max < 1) return ''
  // One character is kept for the «…».
  let cut = text.slice(0, max - 1)
  const endsAtWord = text.charAt(max - 1) === ' '
  const lastSpace = cut.lastIndexOf(' ')
  // A word longer than the whole budget (a URL) is cut where it falls.
  if (!endsAtWord && lastSpace > 0) cut = cut.slice(0, lastSpace)
  // Never leave half of a surrogate pair (an emoji) before the «…».
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1)
  return `${cut.replace(/[\s,;:.\-–—]+$/u, '')}…`
}
