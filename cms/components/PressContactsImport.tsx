'use client'
import { Button, useConfig } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

interface Line {
  line: number
  code: string
  reason: string
}

interface Report {
  file: string | null
  lines: number
  created: number
  updated: number
  merged: Array<{ line: number; email: string; mergedIntoLine: number }>
  rejected: Line[]
  notes: Line[]
  ignoredColumns: string[]
}

/**
 * Above the press directory: import a CSV and see, line by line, what was not imported and why; export the
 * directory in the same columns.
 */
export function PressContactsImport() {
  const { config } = useConfig()
  const router = useRouter()
  const api = `${config.serverURL}${config.routes.api}/press-contacts`
  const [file, setFile] = useState<File | null>(null)
  const [busy, setBusy] = useState(false)
  const [report, setReport] = useState<Report | null>(null)
  const [error, setError] = useState<string | null>(null)

  async function upload() {
    if (!file) return
    setBusy(true)
    setError(null)
    setReport(null)
    try {
      const form = new FormData()
      form.append('file', file)
      const response = await fetch(`${api}/import`, { method: 'POST', body: form, credentials: 'include' })
      const body = await response.json()
      if (!response.ok) setError(body.errors?.map((e: { message: string; code: string }) => `${e.message} (${e.code})`).join(' ') ?? 'No se pudo importar.')
      else {
        setReport(body as Report)
        // The list below shows the new and updated contacts.
        router.refresh()
      }
    } catch {
      setError('No se pudo enviar el archivo. Revisa tu conexión e inténtalo de nuevo.')
    } finally {
      setBusy(false)
    }
  }

  const lines = report
    ? [
        ...report.rejected.map((r) => ({ ...r, kind: 'Rechazada' })),
        ...report.notes.map((r) => ({ ...r, kind: 'Aviso' })),
        ...report.merged.map((m) => ({ line: m.line, code: 'IMPORT_DUPLICATE_MERGED', reason: `${m.email} repetido: unido con la línea ${m.mergedIntoLine}.`, kind: 'Unida' })),
      ].sort((a, b) => a.line - b.line)
    : []

  return (
    <section style={{ margin: '0 0 1.5rem', padding: '1rem', border: '1px solid var(--theme-elevation-150)', borderRadius: 4 }}>
      <h3 style={{ marginTop: 0 }}>Importar o exportar el directorio</h3>
      <p style={{ marginTop: 0 }}>
        CSV con encabezados: <code>nombre, correo, medio, telefono, listas, fuentes, consentimiento_fecha, consentimiento_origen</code>. Varias listas
        se separan con «;». Quien se dio de baja sigue dado de baja.
      </p>
      <div style={{ display: 'flex', gap: '1rem', alignItems: 'center', flexWrap: 'wrap' }}>
        <input type="file" accept=".csv,text/csv" aria-label="Archivo CSV" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <Button onClick={upload} disabled={!file || busy} buttonStyle="primary" size="small">
          {busy ? 'Importando…' : 'Importar CSV'}
        </Button>
        <a href={`${api}/export`}>Exportar CSV</a>
      </div>
      {error && <p role="alert" style={{ color: 'var(--theme-error-500)' }}>{error}</p>}
      {report && (
        <div role="status" data-testid="import-report">
          <p>
            {report.lines} líneas leídas: {report.created} contactos nuevos, {report.updated} actualizados, {report.merged.length} repetidos unidos,{' '}
            {report.rejected.length} rechazadas.
            {report.ignoredColumns.length > 0 && ` Columnas no usadas: ${report.ignoredColumns.join(', ')}.`}
          </p>
          {lines.length > 0 && (
            <table style={{ width: '100%' }}>
              <thead>
                <tr>
                  <th style={{ textAlign: 'left' }}>Línea</th>
                  <th style={{ textAlign: 'left' }}>Resultado</th>
                  <th style={{ textAlign: 'left' }}>Motivo</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((r) => (
                    <tr key={`${r.line}-${r.code}`}>
                      <td>{r.line}</td>
                      <td>{r.kind}</td>
                      <td>
                        {r.reason} <small>({r.code})</small>
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  )
}
