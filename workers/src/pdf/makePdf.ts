import { createRequire } from 'node:module'
import pdfmake from 'pdfmake'
import type { TDocumentDefinitions } from 'pdfmake/interfaces'

/**
 * Roboto, shipped with pdfmake, embedded (subset): the PDF looks the same in every reader and shows any Latin text.
 * The standard 14 fonts were tried first: unembedded, they are drawn with whatever the reader substitutes (Chromium on
 * a machine with only DejaVu overlapped the words), and pdfkit garbles any character outside WinAnsi.
 */
const resolve = createRequire(import.meta.url).resolve
const ROBOTO = {
  normal: resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'),
  bold: resolve('pdfmake/fonts/Roboto/Roboto-Medium.ttf'),
  italics: resolve('pdfmake/fonts/Roboto/Roboto-Italic.ttf'),
  bolditalics: resolve('pdfmake/fonts/Roboto/Roboto-MediumItalic.ttf'),
}
const FONT_FILES = new Set(Object.values(ROBOTO))

/**
 * Text as the PDF can draw it. Feeds may send accents decomposed (a + ◌́): composed, they use the font's own accented
 * letters. Roboto has no emoji («🚨 ÚLTIMA HORA» is common in outlets' titles): they would print as empty boxes, so
 * PDFs leave them out (emails keep them). © ® ™ are in the font and stay.
 */
const EMOJI = /(?![©®™])\p{Extended_Pictographic}|\p{Emoji_Modifier}|\p{Regional_Indicator}|[\u200d\ufe0e\ufe0f\u20e3]/gu
export function pdfText(text: string): string {
  const composed = text.normalize('NFC')
  const bare = composed.replace(EMOJI, '')
  return bare === composed ? composed : bare.replace(/ {2,}/g, ' ').trim()
}

/**
 * Every PDF Pregón makes (the síntesis, the council's reports): Roboto, nothing fetched, no file read but the fonts.
 * pdfmake's fonts and access policies are process-wide, so they are set here before each document.
 */
export function makePdf(doc: TDocumentDefinitions): Promise<Buffer> {
  pdfmake.setFonts({ Roboto: { ...ROBOTO } })
  pdfmake.setUrlAccessPolicy(() => false)
  pdfmake.setLocalAccessPolicy((path) => FONT_FILES.has(path))
  return pdfmake.createPdf(doc).getBuffer()
}
