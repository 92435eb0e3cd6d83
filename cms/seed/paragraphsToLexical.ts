/**
 * Builds a Lexical rich-text value (the shape Payload stores) from plain paragraphs, for the seed and tests.
 * Lines starting with "## " become headings.
 */
export function paragraphsToLexical(paragraphs: string[]) {
  const textNode = (text: string) => ({ type: 'text', text, version: 1, format: 0, style: '', mode: 'normal', detail: 0 })
  return {
    root: {
      type: 'root',
      version: 1,
      format: '' as const,
      indent: 0,
      direction: 'ltr' as const,
      children: paragraphs.map((paragraph) =>
        paragraph.startsWith('## ')
          ? { type: 'heading', tag: 'h2', version: 1, format: '', indent: 0, direction: 'ltr', children: [textNode(paragraph.slice(3))] }
          : { type: 'paragraph', version: 1, format: '', indent: 0, direction: 'ltr', textFormat: 0, textStyle: '', children: [textNode(paragraph)] },
      ),
    },
  }
}
