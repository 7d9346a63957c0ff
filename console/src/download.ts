/** A cell as a spreadsheet reads it safely: quoted when needed, and never taken for a formula. */
export function csvCell(value: unknown): string {
  let text = value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: unknown[][]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Saves text as a file. CSV gets a byte-order mark so spreadsheet programs read Korean as UTF-8. */
export function download(fileName: string, text: string, type: 'text/csv' | 'application/json' | 'text/html'): void {
  const blob = new Blob([type === 'text/csv' ? '\ufeff' : '', text], { type: `${type};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saves rows as a CSV file. */
export function downloadCsv(fileName: string, rows: unknown[][]): void {
  download(fileName, toCsv(rows), 'text/csv');
}

/** Saves a value as an indented JSON file. */
export function downloadJson(fileName: string, value: unknown): void {
  download(fileName, JSON.stringify(value, null, 2), 'application/json');
}
