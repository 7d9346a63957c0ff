import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate } from 'node:timers/promises';
import iconv from 'iconv-lite';
import { openCsv, RejectFile, type SourceRecord } from '../../src/import/csv-files.js';

const HEADER = 'Ticket,Company,Issue,Status,Received,Closed,Due,Street,Town,Source,Result';
const row = (ticket: string, street = '1 Main'): string => `${ticket},Metro Power,Outage,Open,2024-01-06 11:00,,,${street},X,Web,`;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'csv-files-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes `content` (text as UTF-8, or bytes) to a file of the temporary folder and returns its path. */
async function csvFile(name: string, content: string | Buffer): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

/** Every record openCsv yields, a turn of the event loop apart as the import paces them, and the error that ended them. */
async function readAll(path: string): Promise<{ header: string[]; records: SourceRecord[]; error?: Error }> {
  const source = await openCsv(path);
  const records: SourceRecord[] = [];
  try {
    for await (const record of source.records) {
      records.push(record);
      await setImmediate();
    }
    return { header: source.header, records };
  } catch (error) {
    return { header: source.header, records, error: error as Error };
  }
}

describe('reading a CSV file: text that is not UTF-8', () => {
  const windows1252 = (text: string): Buffer => Buffer.from(text, 'latin1');

  it('a row with a cell that is not UTF-8 is malformed, naming the column, and the other rows read as usual', async () => {
    const path = await csvFile('latin1.csv', windows1252(`${HEADER}\n${row('E-1').replace('Metro Power', 'Café Power')}\n${row('E-2')}\n`));
    const { records, error } = await readAll(path);
    expect(error).toBeUndefined();
    expect(records.map((r) => r.malformed)).toEqual([expect.stringMatching(/not UTF-8 text in Company\b.*Windows-1252.*save it as UTF-8/), undefined]);
    // Decoded as Windows-1252: the reject file shows the text as it was meant.
    expect(records[0]!.values[1]).toBe('Café Power');
  });

  it('a Korean row saved as EUC-KR (code page 949) is decoded as Korean and said to be EUC-KR, so its reject row reads as meant; German is still Windows-1252', async () => {
    const euckr = (text: string): Buffer => iconv.encode(text, 'cp949');
    const path = await csvFile('euc-kr.csv', Buffer.concat([Buffer.from(`${HEADER}\n`), euckr(`${row('K-1', '서울시 중구 세종대로 110')}\n`), windows1252(`${row('K-2', 'Ärgerstraße 4')}\n`), Buffer.from(`${row('K-3')}\n`)]));
    const { records, error } = await readAll(path);
    expect(error).toBeUndefined();
    expect(records.map((r) => r.values[7])).toEqual(['서울시 중구 세종대로 110', 'Ärgerstraße 4', '1 Main']);
    expect(records.map((r) => r.malformed)).toEqual([
      expect.stringMatching(/not UTF-8 text in Street: the file is probably saved as EUC-KR \(Korean Windows, code page 949\); save it as UTF-8/),
      expect.stringMatching(/not UTF-8 text in Street: the file is probably saved as Windows-1252/),
      undefined,
    ]);
  });

  it('after a byte order mark as well', async () => {
    const path = await csvFile('bom-latin1.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), windows1252(`${HEADER}\n${row('E-1', "Rue de l'Église")}\n`)]));
    const { header, records } = await readAll(path);
    expect(header[0]).toBe('Ticket');
    expect(records[0]!.malformed).toMatch(/not UTF-8 text in Street\b/);
  });

  it('UTF-8 text, with or without a byte order mark, is read as it is, U+FFFD included', async () => {
    const text = `${HEADER}\n${row('U-1', 'Straße 5 \uFFFD')}\n`;
    for (const content of [text, `\uFEFF${text}`]) {
      const { header, records } = await readAll(await csvFile('utf8.csv', content));
      expect(header[0]).toBe('Ticket');
      expect(records[0]).toMatchObject({ line: 2, fields: { Street: 'Straße 5 \uFFFD' } });
      expect(records[0]!.malformed).toBeUndefined();
    }
  });

  it('a header row that is not UTF-8 stops the opening, naming the file', async () => {
    const path = await csvFile('latin1-header.csv', windows1252(`Ticket,Société\nE-1,x\n`));
    await expect(openCsv(path)).rejects.toThrow(`${path}: the header row is not UTF-8 text`);
  });
});

describe('reading a CSV file: a stray quote', () => {
  it('a record of the wrong width over several lines says which lines and which column, since the lines it took in are no rows of their own (an import tester lost a case silently)', async () => {
    const { records } = await readAll(await csvFile('stray-quote.csv', 'Ticket,Status,Note\nQ-1,"Resolved,fine\nQ-2,Open",late,extra\nQ-3,Open,ok\n'));
    expect(records.map((r) => [r.row, r.line, r.malformed])).toEqual([
      [1, 2, '4 cells where the header has 3; it runs over lines 2 to 3: a quote in Status most likely opened a cell that took in the lines after it, which are no rows of their own'],
      [2, 4, undefined],
    ]);
  });
});

describe('reading a CSV file: quotes', () => {
  it('a quote inside a cell that does not start with one is read as written, and the rows after it are read', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => row(`Q-${i + 1}`, i === 2500 ? '12 "Big" St' : `${i + 1} Main St`));
    const { records, error } = await readAll(await csvFile('bare-quote.csv', `${HEADER}\n${rows.join('\n')}\n`));
    expect(error).toBeUndefined();
    expect(records).toHaveLength(3000);
    expect(records[2500]).toMatchObject({ line: 2502, fields: { Ticket: 'Q-2501', Street: '12 "Big" St' } });
    expect(records[2500]!.malformed).toBeUndefined();
  });

  describe.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('with %s line ends', (_, eol) => {
    // N-1's street spans lines 2-4; N-2 to N-1001 follow on lines 5 to 1004; then what `end` says.
    const file = (...end: string[]): string =>
      [HEADER, 'N-1,Metro Power,Outage,Open,2024-01-06 11:00,,,"a', 'b', 'c",X,Web,', ...Array.from({ length: 1000 }, (_, i) => row(`N-${i + 2}`)), ...end, ''].join(eol);

    it('the records on lines after a cell of several lines', async () => {
      const { records } = await readAll(await csvFile('multi-line.csv', file()));
      expect(records[0]).toMatchObject({ line: 2, fields: { Street: `a${eol}b${eol}c` } });
      expect(records[1]).toMatchObject({ line: 5, fields: { Ticket: 'N-2' } });
      expect(records[1000]).toMatchObject({ line: 1004, fields: { Ticket: 'N-1001' } });
    });

    it('a quote never closed: every record before it is read, then an error names the file and the line', async () => {
      const path = await csvFile('unclosed.csv', file('"N-1002,Metro Power', row('N-1003')));
      const { records, error } = await readAll(path);
      expect(records.map((r) => r.values[0])).toEqual(Array.from({ length: 1001 }, (_, i) => `N-${i + 1}`));
      expect(error?.message).toBe(`${path}: line 1005: the quote at the start of Ticket is never closed`);
    });
  });

  it('a quote never closed early in a large file stops the reading at 4 MB, instead of reading the rest into one cell', async () => {
    const rest = Array.from({ length: 120_000 }, (_, i) => row(`R-${i}`)).join('\n');
    expect(rest.length).toBeGreaterThan(4 * 2 ** 20);
    const path = await csvFile('unclosed-large.csv', `${HEADER}\n${row('N-1')}\n${row('N-2')}\n"N-3,Metro Power\n${rest}\n`);
    const { records, error } = await readAll(path);
    expect(records.map((r) => r.values[0])).toEqual(['N-1', 'N-2']);
    expect(error?.message).toBe(`${path}: line 4: a record longer than 4 MB starts here, most likely at a quote never closed; nothing after it is read`);
  });

  // Searched name by name, 200,000 names held the service for 20 s on a quiet machine, so these 500,000 would take
  // many minutes; in one pass they take about 7 s alone (the parsing of the header's cells), and up to 40 s beside
  // three other suites on two cores: the bound catches a search that grows with the square of the names, not load.
  it('a header of 500,000 names is checked for repeats in one pass', async () => {
    const names = Array.from({ length: 500_000 }, (_, i) => `c${i}`);
    const path = await csvFile('wide-header.csv', `${[...names, 'c7', 'c9', 'c7'].join(',')}\n`);
    const source = await openCsv(path);
    source.close();
    expect(source.repeated).toEqual(['c7', 'c9']);
  }, 120_000);

  it('a quote never closed in the header stops the opening, naming the file', async () => {
    const path = await csvFile('unclosed-header.csv', `Ticket,"Company\nE-1,x\n`);
    await expect(openCsv(path)).rejects.toThrow(`${path}: line 1: the quote at the start of cell 2 is never closed`);
  });
});

describe('the reject file', () => {
  it('keeps its width: the cells past the header are joined into the last column, a short row is filled with empty cells', async () => {
    const path = join(dir, 'rejects.csv');
    const rejects = await RejectFile.create(path, ['Ticket', 'Street', 'Result']);
    await rejects.add({ row: 1, line: 2, values: ['W-1', '12 Main', ' Springfield', 'done'] }, 'malformed-row', '4 cells where the header has 3');
    await rejects.add({ row: 2, line: 3, values: ['W-2', 'x,y'] }, 'malformed-row', '2 cells where the header has 3');
    await rejects.close();
    const written = parse(await readFile(path)) as string[][];
    expect(written).toEqual([
      ['row', 'line', 'reason', 'detail', 'Ticket', 'Street', 'Result'],
      ['1', '2', 'malformed-row', '4 cells where the header has 3; cells 3 to 4 are joined by commas in Result', 'W-1', '12 Main', ' Springfield,done'],
      ['2', '3', 'malformed-row', '2 cells where the header has 3', 'W-2', 'x,y', ''],
    ]);
  });
});
