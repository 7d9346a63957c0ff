import { parse, type CsvError, type Info } from 'csv-parse';
import { stringify, type Stringifier } from 'csv-stringify';
import { isUtf8 } from 'node:buffer';
import { createWriteStream, type WriteStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { once } from 'node:events';
import { pipeline } from 'node:stream';
import { finished } from 'node:stream/promises';
import iconv from 'iconv-lite';

/** One record of the source file after its header. */
export interface SourceRecord {
  /** 1 for the first record after the header. */
  row: number;
  /** The file line the record starts on (the header is line 1). */
  line: number;
  /** The cells as they are in the file; a cell that is not UTF-8 is decoded as EUC-KR where it reads as Korean, else as Windows-1252. */
  values: string[];
  /** The cells by header name. */
  fields: Record<string, string>;
  /** Set when the record's number of cells is not the header's, or a cell is not UTF-8. */
  malformed?: string;
  /** Bytes of the file read so far (for progress). */
  bytesRead: number;
}

export interface CsvSource {
  header: string[];
  /**
   * The names the header has more than once, empty cells not counted (a spreadsheet often saves trailing
   * columns without a name). Which of the cells a repeated name's field holds is the last's, so a reader
   * refuses the file only when it reads one of these columns.
   */
  repeated: string[];
  records: AsyncGenerator<SourceRecord>;
  /** Stops reading and releases the file, whether or not the records were read. */
  close(): void;
}

/**
 * Opens a CSV file with a header row and streams its records; rows of the wrong width or with text
 * that is not UTF-8 are flagged, not dropped. A quote never closed ends the records with an error
 * naming the file and the line, after the records before it.
 */
export async function openCsv(path: string): Promise<CsvSource> {
  let unclosedQuote: CsvError | undefined;
  const parser = parse({
    // Cells come as bytes, so that text which is not UTF-8 is found rather than turned into U+FFFD.
    encoding: null,
    info: true,
    relax_column_count: true,
    // A quote inside a cell that does not start with one (`12 "Big" St`) is text, as spreadsheet
    // programs read it: the row imports as written instead of the import stopping there.
    relax_quotes: true,
    skip_empty_lines: true,
    // The one record error left with quotes and widths relaxed is a quote never closed, found at the
    // end of the file. Skipped, it ends the stream normally: a stream error would drop the records
    // read before it and not yet consumed.
    skip_records_with_error: true,
    // A quote never closed early in a large file would read the rest of it into one cell; a record this
    // long stops the reading there instead (csv-parse reads nothing after it) with the same kind of error.
    max_record_size: MAX_RECORD_BYTES,
    on_skip: (error) => void (unclosedQuote ??= error),
  });
  const unreadable = (error: unknown): Error => new Error(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  const file = await open(path).catch((error: unknown) => {
    throw unreadable(error);
  });
  const bom = await bomLength(file).catch(async (error: unknown) => {
    await file.close();
    throw unreadable(error);
  });
  // pipeline, not pipe: a read error then reaches the parser's reader instead of hanging it.
  pipeline(file.createReadStream({ start: bom }), parser, () => undefined);
  const close = (): void => void parser.destroy();
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: Buffer[]; info: Info }>;
  const first = await iterator.next().catch((error: unknown) => {
    close();
    throw unreadable(error);
  });
  // A record starts after the previous one's last line and the empty lines skipped since.
  let previous = { lastLine: 0, emptyLines: 0 };
  const startLine = (info: Info): number => previous.lastLine + 1 + (info.empty_lines - previous.emptyLines);
  const neverClosed = (error: CsvError, header: string[]): Error => {
    const at = `${path}: line ${startLine(error as unknown as Info)}`;
    const why =
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? `the quote at the start of ${columnName(header, error.column as number)} is never closed`
        : error.code === 'CSV_MAX_RECORD_SIZE'
          ? `a record longer than ${MAX_RECORD_BYTES / 2 ** 20} MB starts here, most likely at a quote never closed; nothing after it is read`
          : error.message;
    return new Error(`${at}: ${why}`, { cause: error });
  };

  if (first.done) {
    close();
    throw unclosedQuote ? neverClosed(unclosedQuote, []) : new Error(`${path} is empty: a header row is expected`);
  }
  const names = cellsAsText(first.value.record, []);
  const header = names.values.map((name) => name.trim());
  // With a set: a header of 200,000 names searched by indexOf held the service for 20 s.
  const seen = new Set<string>();
  const repeated = [...new Set(header.filter((name) => name !== '' && seen.size === seen.add(name).size))];
  if (names.notUtf8.length > 0) {
    close();
    throw new Error(`${path}: the header row is not UTF-8 text: save the file as UTF-8`);
  }
  previous = { lastLine: startLine(first.value.info) + lineBreaks(names.values), emptyLines: first.value.info.empty_lines };

  async function* records(): AsyncGenerator<SourceRecord> {
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const { record, info } = next.value;
        const { values, notUtf8, encoding } = cellsAsText(record, header);
        const line = startLine(info);
        const breaks = lineBreaks(values);
        previous = { lastLine: line + breaks, emptyLines: info.empty_lines };
        const malformed = [
          ...(values.length === header.length ? [] : [`${values.length} cells where the header has ${header.length}`]),
          // Of the wrong width and over several lines: most likely a stray quote, whose cell took in the next lines (rows of their own, not counted).
          ...(values.length !== header.length && breaks > 0
            ? [`it runs over lines ${line} to ${line + breaks}: a quote in ${columnName(header, values.findIndex((v) => /[\r\n]/.test(v)))} most likely opened a cell that took in the lines after it, which are no rows of their own`]
            : []),
          ...(notUtf8.length === 0 ? [] : [`not UTF-8 text in ${notUtf8.join(', ')}: the file is probably saved as ${ENCODING_NAMES[encoding]}; save it as UTF-8`]),
        ];
        yield {
          row: info.records - 1,
          line,
          values,
          fields: Object.fromEntries(header.map((name, i) => [name, values[i] ?? ''])),
          ...(malformed.length === 0 ? {} : { malformed: malformed.join('; ') }),
          bytesRead: bom + info.bytes,
        };
      }
      if (unclosedQuote) throw neverClosed(unclosedQuote, header);
    } finally {
      close();
    }
  }
  return { header, repeated, records: records(), close };
}

/** Far above any real row (a cell the import takes holds at most 10,000 characters). */
const MAX_RECORD_BYTES = 4 * 2 ** 20;

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * The length of the UTF-8 byte order mark that starts the file (Excel's "CSV UTF-8" writes one), or 0.
 * Skipped by the reader, not by csv-parse's `bom` option, which would turn the cells back into text, unchecked.
 */
async function bomLength(file: FileHandle): Promise<number> {
  const { buffer, bytesRead } = await file.read(Buffer.alloc(UTF8_BOM.length), 0, UTF8_BOM.length, 0);
  return bytesRead === UTF8_BOM.length && buffer.equals(UTF8_BOM) ? bytesRead : 0;
}

/**
 * Windows-1252, the usual encoding of a file that is not UTF-8 (a UK or US spreadsheet saved as "CSV"): Latin-1
 * but for 0x80–0x9F, which are these characters (€ ‘ ’ “ ” – …; the five it leaves undefined stay the C1
 * characters of the same number). Read as Latin-1, those became control characters in the reject file, so the
 * row fixed there was refused again as `invalid-text`. By hand: Node 20's TextDecoder('windows-1252') decodes Latin-1.
 */
const WINDOWS_1252_80_9F = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

const windows1252 = (bytes: Buffer): string => bytes.toString('latin1').replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_80_9F[c.charCodeAt(0) - 0x80]!);

/**
 * EUC-KR as Korean Windows writes it (code page 949, "ANSI" in a Korean Excel), the likeliest encoding of a
 * Korean office's file that is not UTF-8, when the bytes read as Korean: every byte above 0x7F in a
 * pair that decodes, Hangul among what they decode to, and at least one syllable of the common set (lead
 * byte 0xB0–0xC8, trail 0xA1–0xFE). Latin-1 text seldom has that pair: `Ärger` reads as a syllable of
 * code page 949's extension only, so it stays Windows-1252.
 */
function asKorean(bytes: Buffer): string | undefined {
  let common = false;
  for (let i = 0; i < bytes.length - 1; i++) {
    if (bytes[i]! >= 0xb0 && bytes[i]! <= 0xc8 && bytes[i + 1]! >= 0xa1 && bytes[i + 1]! <= 0xfe) common = true;
  }
  if (!common) return undefined;
  const text = iconv.decode(bytes, 'cp949');
  return /[\ufffd\x80-\x9f]/.test(text) || !/[\uac00-\ud7a3]/.test(text) ? undefined : text;
}

const ENCODING_NAMES = { 'euc-kr': 'EUC-KR (Korean Windows, code page 949)', 'windows-1252': 'Windows-1252 (Latin-1)' } as const;

/**
 * The cells as text, and the columns whose bytes are not UTF-8: those are decoded as EUC-KR where they read
 * as Korean, else as Windows-1252 (the five bytes it leaves undefined read as the C1 characters of the same
 * number, so nothing is lost), and so written to the UTF-8 reject file as meant; `encoding`, the one the
 * record's first such cell was read in.
 */
function cellsAsText(cells: Buffer[], header: string[]): { values: string[]; notUtf8: string[]; encoding: keyof typeof ENCODING_NAMES } {
  const notUtf8: string[] = [];
  let encoding: keyof typeof ENCODING_NAMES | undefined;
  const values = cells.map((cell, i) => {
    if (isUtf8(cell)) return cell.toString('utf8');
    notUtf8.push(columnName(header, i));
    const korean = asKorean(cell);
    encoding ??= korean === undefined ? 'windows-1252' : 'euc-kr';
    return korean ?? windows1252(cell);
  });
  return { values, notUtf8, encoding: encoding ?? 'windows-1252' };
}

const columnName = (header: string[], i: number): string => header[i] ?? `cell ${i + 1}`;

const LINE_BREAK = /\r\n|\r|\n/g;

/** Line breaks inside quoted cells, CRLF counted once as editors count it (csv-parse's `info.lines` counts it twice there). */
function lineBreaks(values: string[]): number {
  let breaks = 0;
  for (const value of values) breaks += value.match(LINE_BREAK)?.length ?? 0;
  return breaks;
}

/** The rejected rows: row, line, reason, detail, then the original cells under the original header, every row as wide as the header. */
export class RejectFile {
  private constructor(
    private readonly csv: Stringifier,
    private readonly file: WriteStream,
    private readonly sourceHeader: string[],
  ) {}

  static async create(path: string, sourceHeader: string[]): Promise<RejectFile> {
    const file = createWriteStream(path);
    await once(file, 'open');
    const csv = stringify();
    csv.pipe(file);
    const rejects = new RejectFile(csv, file, sourceHeader);
    await rejects.write(['row', 'line', 'reason', 'detail', ...sourceHeader]);
    return rejects;
  }

  /**
   * A row wider than the header has its extra cells joined by commas into the last column, as they
   * stood in the line (an unquoted comma earlier in the row is the usual cause), and the detail says
   * so: a row wider than its header is invalid CSV to many tools. A shorter row is filled with empty cells.
   */
  async add(record: Pick<SourceRecord, 'row' | 'line' | 'values'>, reason: string, detail: string): Promise<void> {
    const { values } = record;
    const width = this.sourceHeader.length;
    if (values.length <= width) {
      await this.write([String(record.row), String(record.line), reason, detail, ...values, ...Array<string>(width - values.length).fill('')]);
      return;
    }
    const joined = `${detail}; cells ${width} to ${values.length} are joined by commas in ${this.sourceHeader[width - 1]}`;
    await this.write([String(record.row), String(record.line), reason, joined, ...values.slice(0, width - 1), values.slice(width - 1).join(',')]);
  }

  async close(): Promise<void> {
    this.csv.end();
    await finished(this.file);
  }

  private async write(cells: string[]): Promise<void> {
    if (!this.csv.write(cells)) await once(this.csv, 'drain');
  }
}
