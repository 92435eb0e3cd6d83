/**
 * CSV injection (OWASP "CSV Injection"): a spreadsheet reads a cell that starts with `=`, `+`, `-` or `@`
 * (or with a tab, carriage return or line feed before one) as a formula, so a press contact named
 * `=HYPERLINK("http://x","y")` becomes a live link in the transparency unit's Excel. Every CSV Pregón writes
 * passes its cells through here: such a cell gets a leading `'`, which spreadsheets show as text and hide.
 * The full-width forms (＝ ＋ － ＠) are included: some spreadsheets fold them to the ASCII ones.
 *
 * No exception for "numbers": a phone `+52 55 1234 5678` is free text a person typed, and the rule cannot tell
 * it from `+cmd|' /C calc'!A0`; Excel would also read a bare `+525512345678` as a number and show it in
 * scientific notation. With the quote it opens exactly as written. Real numbers (JavaScript numbers, which
 * only Pregón's code produces) cannot carry a formula and are left alone.
 */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/

/** A cell's text as a spreadsheet will show it, never as a formula. */
export function csvSafeCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** The cell as it was before csvSafeCell: for reading back a file Pregón exported. */
export function csvUnsafeCell(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text
}

/**
 * csv-stringify's `cast` option (`stringify(rows, { cast: csvSafeCast })`): every string cell, whatever its
 * column, goes through csvSafeCell. Dates are written as ISO text first, so they pass the same way.
 */
export const csvSafeCast = {
  string: (value: string): string => csvSafeCell(value),
  date: (value: Date): string => csvSafeCell(value.toISOString()),
}
