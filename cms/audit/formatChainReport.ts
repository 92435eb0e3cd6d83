import type { ChainBreak, ChainEntryRef, ChainReport } from './verifyAuditChain'

/** `npm run audit:verify`'s report, in Spanish for the IT person. */
export function formatChainReport(report: ChainReport): string {
  const lines: string[] = []
  if (report.isIntact) {
    lines.push(
      report.count === 0
        ? 'Registro íntegro: aún no tiene entradas.'
        : `Registro íntegro: ${report.count} ${report.count === 1 ? 'entrada encadenada' : 'entradas encadenadas'}, ninguna alterada, ninguna faltante.`,
    )
    if (report.lastHash) {
      lines.push(`Última huella (entrada n.º ${report.lastSeq}): ${report.lastHash}`)
      lines.push('Anote esta huella fuera del servidor: borrar las últimas entradas no rompe la cadena, pero quitaría esta huella')
      lines.push('(compruébelo después con: npm run audit:verify -- --contiene HUELLA).')
    }
  } else if (report.broken) {
    lines.push(`El registro fue ALTERADO. ${describeBreak(report.broken)}`)
    if (report.count > 0) lines.push(`Las ${report.count} entradas anteriores (hasta la n.º ${report.lastSeq}) están íntegras.`)
    lines.push('No modifique la base de datos: compare con un respaldo anterior (npm run restore en otra instalación) y avise a la persona responsable del área jurídica.')
  }
  if (report.containsNotedHash === false) {
    lines.push('La huella anotada NO está en el registro: se borraron o reemplazaron entradas desde que se anotó.')
  } else if (report.containsNotedHash) {
    lines.push('La huella anotada sigue en el registro.')
  }
  return `${lines.join('\n')}\n`
}

function describeBreak(broken: ChainBreak): string {
  const at = describeEntry(broken.entry)
  switch (broken.kind) {
    case 'changed-content':
      return `Primera entrada con problema: ${at}. Su contenido cambió después de escribirse: sus datos ya no dan su huella (guardada ${broken.storedHash ?? 'ninguna'}, calculada ${broken.recomputedHash}).`
    case 'broken-link':
      return `Primera entrada con problema: ${at}. Su enlace está roto: la huella anterior que guarda (${broken.storedPrevHash ?? 'ninguna'}) no es la de la entrada previa (${broken.expectedPrevHash ?? 'ninguna'}); se reemplazó una entrada o se reescribió la cadena.`
    case 'missing-entries':
      return `Faltan ${broken.missing} ${broken.missing === 1 ? 'entrada' : 'entradas'} antes de ${at}: después de la n.º ${broken.afterSeq} sigue la n.º ${broken.entry.chainSeq}. Se borraron entradas.`
    case 'outside-chain':
      return `${broken.count === 1 ? 'Hay 1 entrada' : `Hay ${broken.count} entradas`} fuera de la cadena (insertadas sin pasar por la base de datos que las encadena); la primera: ${at}.`
  }
}

function describeEntry(entry: ChainEntryRef): string {
  const place = entry.chainSeq === null ? '' : `n.º ${entry.chainSeq}, `
  const summary = entry.summary.length > 80 ? `${entry.summary.slice(0, 79)}…` : entry.summary
  return `la entrada ${place}id ${entry.id}, del ${entry.at.toISOString().replace('T', ' ').slice(0, 19)} UTC («${summary}»)`
}
