import { stringify } from 'csv-stringify/sync';

/**
 * A cell as the CSV holds it. A text starting with = + - @ (or a tab or carriage return) is prefixed
 * with an apostrophe, so a spreadsheet shows it instead of running it as a formula (CSV injection:
 * a complainant writes the description).
 */
export function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * RFC 4180 CSV with a header row, in the columns' order; CRLF line ends, every field quoted where
 * needed, including one holding a lone CR or LF (csv-stringify quotes only the record delimiter, CRLF).
 * It starts with a UTF-8 byte-order mark, as the console's CSVs do: without it Excel reads the file in
 * the machine's legacy code page and garbles Korean text.
 */
export function toCsv<Row extends object>(rows: readonly Row[], columns: readonly (keyof Row & string)[]): string {
  return stringify(
    rows.map((row) => columns.map((column) => csvCell(row[column]))),
    { header: true, columns: [...columns], record_delimiter: 'windows', quoted_match: /[\r\n]/, bom: true },
  );
}
