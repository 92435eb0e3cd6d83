/**
 * The text staff paste into the municipality's WhatsApp Channel: the title in WhatsApp's bold, the lead, and
 * the link on its own line (WhatsApp previews it). WhatsApp has no escape for its markers, so asterisks,
 * underscores and tildes inside the title would break the bold: they are left out of it.
 */
export function composeWhatsAppText({ title, summary, url }: { title: string; summary?: string | null; url: string }): string {
  const bold = title.replace(/[*_~]+/g, ' ').replace(/\s+/g, ' ').trim()
  const lead = summary?.trim()
  return [`*${bold}*`, ...(lead ? [lead] : []), url].join('\n\n')
}
