import { parse, type Info } from 'csv-parse';
import { stringify, type Stringifier } from 'csv-stringify';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream';
import { finished } from 'node:stream/promises';

/** One record of the source file after its header. */
export interface SourceRecord {
  /** 1 for the first record after the header. */
  row: number;
  /** The file line the record starts on (the header is line 1). */
  line: number;
  /** The cells as they are in the file. */
  values: string[];
  /** The cells by header name. */
  fields: Record<string, string>;
  /** Set when the record's number of cells is not the header's. */
  malformed?: string;
  /** Bytes of the file read so far (for progress). */
  bytesRead: number;
}

export interface CsvSource {
  header: string[];
  records: AsyncGenerator<SourceRecord>;
  /** Stops reading and releases the file, whether or not the records were read. */
  close(): void;
}

/** Opens a CSV file with a header row and streams its records; rows of the wrong width are flagged, not dropped. */
export async function openCsv(path: string): Promise<CsvSource> {
  const parser = parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true });
  // pipeline, not pipe: a read error (no such file) then reaches the parser's reader instead of hanging it.
  pipeline(createReadStream(path), parser, () => undefined);
  const close = (): void => void parser.destroy();
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: string[]; info: Info }>;
  const first = await iterator.next().catch((error: unknown) => {
    close();
    throw new Error(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  });
  const header = first.done ? [] : first.value.record.map((name) => name.trim());
  const duplicated = header.filter((name, i) => header.indexOf(name) !== i);
  if (first.done || duplicated.length > 0) {
    close();
    throw new Error(first.done ? `${path} is empty: a header row is expected` : `${path}: the header names ${duplicated.join(', ')} more than once`);
  }

  async function* records(): AsyncGenerator<SourceRecord> {
    let previous = first.value as { info: Info };
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
        const { record, info } = next.value;
        // A record starts after the previous one's last line and the empty lines skipped since.
        const line = previous.info.lines + 1 + (info.empty_lines - previous.info.empty_lines);
        previous = next.value;
        yield {
          row: info.records - 1,
          line,
          values: record,
          fields: Object.fromEntries(header.map((name, i) => [name, record[i] ?? ''])),
          ...(record.length === header.length ? {} : { malformed: `${record.length} cells where the header has ${header.length}` }),
          bytesRead: info.bytes,
        };
      }
    } finally {
      close();
    }
  }
  return { header, records: records(), close };
}

/** The rejected rows: row, line, reason, detail, then the original cells under the original header. */
export class RejectFile {
  private constructor(
    private readonly csv: Stringifier,
    private readonly file: WriteStream,
  ) {}

  static async create(path: string, sourceHeader: string[]): Promise<RejectFile> {
    const file = createWriteStream(path);
    await once(file, 'open');
    const csv = stringify();
    csv.pipe(file);
    const rejects = new RejectFile(csv, file);
    await rejects.write(['row', 'line', 'reason', 'detail', ...sourceHeader]);
    return rejects;
  }

  async add(record: Pick<SourceRecord, 'row' | 'line' | 'values'>, reason: string, detail: string): Promise<void> {
    await this.write([String(record.row), String(record.line), reason, detail, ...record.values]);
  }

  async close(): Promise<void> {
    this.csv.end();
    await finished(this.file);
  }

  private async write(cells: string[]): Promise<void> {
    if (!this.csv.write(cells)) await once(this.csv, 'drain');
  }
}
