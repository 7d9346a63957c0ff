import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { toCsv } from './csv.js';

const parsed = (csv: string) => parse(csv, { columns: true, relax_quotes: false }) as Record<string, string>[];

describe('the evidence CSV', () => {
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
