/** A file the clerk can save: built in memory, offered through a download link. */
export interface ExportFile {
  name: string
  /** MIME type, e.g. `text/csv`. */
  type: string
  text: string
}

/** `outbox-2025-03-14-1042.csv`: sortable, free of characters a file system dislikes. */
export function exportFileName(prefix: string, extension: string, at: number): string {
  const moment = new Date(at)
  const pad = (value: number): string => String(value).padStart(2, '0')
  const day = `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`
  return `${prefix}-${day}-${pad(moment.getHours())}${pad(moment.getMinutes())}.${extension}`
}

/** CSV files open in spreadsheets; the byte-order mark tells Excel they are UTF-8. */
export function csvFile(prefix: string, text: string, at: number): ExportFile {
  return {
    name: exportFileName(prefix, 'csv', at),
    type: 'text/csv;charset=utf-8',
    text: `\uFEFF${text}`
  }
}

export function jsonFile(prefix: string, text: string, at: number): ExportFile {
  return { name: exportFileName(prefix, 'json', at), type: 'application/json', text }
}
