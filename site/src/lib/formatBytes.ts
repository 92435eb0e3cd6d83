const number = new Intl.NumberFormat('es-MX', { maximumFractionDigits: 1 })

/** A file size as people read it next to a download link: "820 KB", "2.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${number.format(Math.max(1, Math.round(bytes / 1024)))} KB`
  return `${number.format(bytes / 1024 / 1024)} MB`
}
