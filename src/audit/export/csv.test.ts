import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { toCsv } from './csv.js';

const parsed = (csv: string) => parse(csv, { bom: true, columns: true, relax_quotes: false }) as Record<string, string>[];

describe('the evidence CSV', () => {
  it('starts with a UTF-8 byte-order mark, so that a spreadsheet reads Korean text as UTF-8', () => {
    expect(toCsv([{ id: 'c-1', text: '가스 냄새' }], ['id', 'text']).startsWith('\ufeffid,text\r\n')).toBe(true);
  });

  it('keeps a value holding a line feed or carriage return in one field of one row', () => {
    const rows = [{ id: 'c-1', text: 'first line\nsecond line' }, { id: 'c-2', text: 'a\rb' }, { id: 'c-3', text: 'a\r\nb,"c"' }];
    const csv = toCsv(rows, ['id', 'text']);
    expect(parsed(csv)).toEqual(rows);
  });

  it.each(['=1+1', '+1', '-1+2', '@SUM(A1)', '\tcmd', '\r=cmd'])('neutralises the formula prefix of %j in every column', (formula) => {
    const csv = toCsv([{ id: formula, text: formula }], ['id', 'text']);
    expect(parsed(csv)).toEqual([{ id: `'${formula}`, text: `'${formula}` }]);
  });
});
