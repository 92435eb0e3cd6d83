'use client'
import { useFormFields } from '@payloadcms/ui'
import { useDeferredValue, useMemo } from 'react'
import { lexicalPlainText, LONG_SENTENCE_WORDS, readability, type ReadabilityReport } from '@pregon/core/readability'

interface Source {
  path: string
  label: string
}

const BULLETIN_SOURCES: Source[] = [
  { path: 'summary', label: 'Entrada' },
  { path: 'body', label: 'Cuerpo' },
]

/** Below «normal» on the INFLESZ scale, the general advice is worth repeating. */
const PLAIN_ENOUGH = 55

const textOf = (value: unknown): string => (typeof value === 'string' ? value : lexicalPlainText(value))

/**
 * «Lenguaje claro» while she types: the INFLESZ score of each text (lead, body…), sentences over 30 words and
 * acronyms not spelled out the first time. Computed in the browser from the form's values; advice, never a block.
 * Screen readers hear only a short summary (polite), not every figure on every keystroke.
 */
export function PlainLanguageHints({ sources = BULLETIN_SOURCES }: { sources?: Source[] }) {
  // One string, so the component re-renders only when these fields change.
  const serialized = useFormFields(([fields]) => JSON.stringify(sources.map(({ path }) => fields[path]?.value ?? null)))
  const deferred = useDeferredValue(serialized)
  const reports = useMemo(() => {
    const values = JSON.parse(deferred) as unknown[]
    return sources.map((source, i) => ({ ...source, report: readability(textOf(values[i])) })).filter(({ report }) => report.words > 0)
  }, [deferred, sources])
  if (reports.length === 0) return null

  const hintCount = reports.reduce((sum, { report }) => sum + hintsOf(report).length, 0)
  const summary = `${reports.map(({ label, report }) => `${label}: ${report.band!.label}`).join('. ')}. ${
    hintCount === 0 ? 'Sin sugerencias.' : hintCount === 1 ? '1 sugerencia.' : `${hintCount} sugerencias.`
  }`

  return (
    <section className="plain-language" aria-labelledby="plain-language-title">
      <h4 id="plain-language-title">Lenguaje claro</h4>
      <p className="plain-language__note">Sugerencias mientras escribes (índice INFLESZ, de 0 a 100: más alto, más fácil de leer). No impiden guardar.</p>
      <p className="plain-language__summary" aria-live="polite">
        {summary}
      </p>
      {reports.map(({ path, label, report }) => {
        const hints = hintsOf(report)
        return (
          <div key={path} className="plain-language__text" data-band={report.band!.label}>
            <p>
              <strong>{label}:</strong> {Math.max(0, Math.min(100, Math.round(report.score!)))} de 100, <strong>{report.band!.label}</strong> (
              {report.band!.hint}) · {report.words} palabras en {report.sentences} {report.sentences === 1 ? 'oración' : 'oraciones'}
            </p>
            {hints.length > 0 ? (
              <ul>
                {hints.map((hint, i) => (
                  <li key={i}>{hint}</li>
                ))}
              </ul>
            ) : null}
          </div>
        )
      })}
    </section>
  )
}

function hintsOf(report: ReadabilityReport): string[] {
  return [
    ...report.longSentences.map(
      ({ words, start }) => `La oración «${start}» tiene ${words} palabras: divídela en dos o más (mejor menos de ${LONG_SENTENCE_WORDS}).`,
    ),
    ...report.unexplainedAcronyms.map((acronym) => `Explica «${acronym}» la primera vez: el nombre completo y la sigla entre paréntesis.`),
    ...(report.score !== null && report.score < PLAIN_ENOUGH ? ['Prefiere palabras cortas y de uso común, y oraciones de 15 a 20 palabras.'] : []),
  ]
}
