import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Catalog } from '../../domain/catalog.js';
import type { ComplaintEvent } from '../../domain/complaint/events.js';
import { evolveRepeatCase, repeatComplainants, type CaseRef, type RepeatCase } from '../../projections/repeat-offenders.js';
import { caseHistoryOf } from '../../src/import/case-history.js';
import { MappingError, parseMapping } from '../../src/import/mapping.js';
import { complaintStreamId, toDomainEvent } from '../../src/complaint-stream/index.js';
import { importTarget, runImport } from '../support/import-cli.js';

// Contact columns in a source that writes "n/a", "0000", "unknown" or "-" where it has no value
// (the tester's log): the placeholders must link nobody, real equal contacts must link.
const CATALOG = resolve('mappings/cfpb-catalog.json');
const catalog = JSON.parse(readFileSync(CATALOG, 'utf8')) as Catalog;
const cfpb = JSON.parse(readFileSync('mappings/cfpb.json', 'utf8')) as Record<string, unknown> & { columns: Record<string, unknown>; address: Record<string, unknown> };
const PLACEHOLDERS = ['n/a', '0000', 'unknown', '-'];
/** The CFPB mapping with the log's phone and e-mail columns and its placeholders; the address a state and ZIP code (identifies nobody). */
const contacts = { ...cfpb, columns: { ...cfpb.columns, phone: 'Phone', email: 'Email' }, placeholders: PLACEHOLDERS };
/** The same, with a street address that is the complainant's own (identifies). */
const ownAddress = { ...contacts, source: 'own', address: { columns: ['Street'], separator: ', ', whenEmpty: '(imported: no address in the source)', identifies: true } };

const HEADER = ['Date received', 'Product', 'Issue', 'Company', 'State', 'ZIP code', 'Submitted via', 'Date sent to company', 'Company response to consumer', 'Timely response?', 'Consumer disputed?', 'Complaint ID', 'Phone', 'Email', 'Street'];
type Row = Record<string, string>;
const row = (id: string, contact: Partial<Row>): Row => ({
  'Date received': '2023-03-01', Product: 'Debt collection', Issue: 'Written notification about debt', Company: 'Demo Card Services Corp.', State: 'NY', 'ZIP code': '10001',
  'Submitted via': 'Web', 'Date sent to company': '2023-03-02', 'Company response to consumer': 'Closed with explanation', 'Timely response?': 'Yes', 'Consumer disputed?': 'N/A',
  'Complaint ID': id, Phone: '', Email: '', Street: '', ...contact,
});
const csvOf = (rows: Row[]): string => stringify(rows, { header: true, columns: HEADER });

const target = importTarget(CATALOG);

/** Imports the rows with the mapping through `npm run import`'s code, into PostgreSQL; their receipts as stored, and the reject file's rows. */
async function imported(name: string, mapping: unknown, rows: Row[]): Promise<{ receipts: Map<string, Extract<ComplaintEvent, { type: 'ComplaintReceived' }>>; rejects: Row[]; stdout: string }> {
  const [file, mappingFile, rejectFile] = [join(target.dir, `${name}.csv`), join(target.dir, `${name}.json`), join(target.dir, `${name}.rejects.csv`)];
  await writeFile(file, csvOf(rows));
  await writeFile(mappingFile, JSON.stringify(mapping));
  const result = await runImport(['--file', file, '--mapping', mappingFile, '--reject-file', rejectFile, '--quiet'], target.env);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  const source = (mapping as { source: string }).source;
  const receipts = new Map<string, Extract<ComplaintEvent, { type: 'ComplaintReceived' }>>();
  for (const r of rows) {
    const [first] = (await target.store.readStream(complaintStreamId(`${source}-${r['Complaint ID']}`))).map(toDomainEvent);
    if (first?.type === 'ComplaintReceived') receipts.set(r['Complaint ID']!, first);
  }
  return { receipts, rejects: parse(await readFile(rejectFile), { columns: true, bom: true }) as Row[], stdout: result.stdout };
}

/** The repeat complainants of 2023 as the read model finds them from the stored receipts' identity keys. */
function repeatsOf(receipts: Iterable<ComplaintEvent>): { count: number; cases: string[] }[] {
  const byKey = new Map<string, CaseRef[]>();
  for (const event of receipts) {
    const kept = evolveRepeatCase(undefined, event, 1) as RepeatCase;
    for (const key of kept.complainantKeys) byKey.set(key, [...(byKey.get(key) ?? []), kept]);
  }
  return repeatComplainants([...byKey].map(([key, cases]) => ({ key, cases })), { year: 2023, timeZone: 'America/New_York' }).map((p) => ({
    count: p.count,
    cases: p.cases.map((c) => c.complaintId).sort(),
  }));
}

describe('phone and e-mail columns, and the source placeholders that identify nobody', () => {
  it('imports the phone and e-mail as the complainant’s, with no consent to SMS or e-mail, and the decision still noticed by post', () => {
    const mapping = parseMapping(contacts, catalog, 'contacts.json');
    const history = caseHistoryOf(row('1', { Phone: '+1 (212) 555-0100', Email: 'Ann@Example.com' }), mapping, catalog, '2026-01-01T00:00:00Z');
    expect(history.events[0]).toMatchObject({
      type: 'ComplaintReceived',
      data: { complainant: { name: '(imported: no name)', phone: '+1 (212) 555-0100', email: 'Ann@Example.com', address: 'NY 10001' }, consent: { sms: false, email: false, phone: false } },
    });
    expect(history.events.map((e) => e.type)).toContain('DecisionCommunicated');
    // A placeholder, whatever its case and spaces, is no contact at all.
    const none = caseHistoryOf(row('2', { Phone: ' 0000 ', Email: 'N/A', State: 'Unknown', 'ZIP code': '-' }), mapping, catalog, '2026-01-01T00:00:00Z');
    expect((none.events[0] as Extract<ComplaintEvent, { type: 'ComplaintReceived' }>).data.complainant).toEqual({ name: '(imported: no name)', address: '(imported: no address in the source)' });
  });

  it('rows with n/a phone and e-mail and the same postcode are no repeat complainant and have distinct keys; the same real phone links', async () => {
    const rows = [
      row('101', { Phone: 'n/a', Email: 'n/a' }),
      row('102', { Phone: 'N/A', Email: 'N/A' }),
      row('103', { Phone: '0000', Email: 'unknown' }),
      row('104', { Phone: '-', Email: ' n/a ' }),
      row('105', { Phone: 'Unknown', Email: '-' }),
      row('106', { Phone: 'n/a', Email: 'n/a' }),
      row('201', { Phone: '+1 (212) 555-0100', Email: 'n/a' }),
      row('202', { Phone: '+1 212-555-0100', Email: 'n/a', 'ZIP code': '10002' }),
      row('301', { Phone: 'n/a', Email: 'bo@example.com' }),
      row('401', { Phone: 'call back later', Email: 'n/a' }),
      row('402', { Phone: 'n/a', Email: 'not an address' }),
    ];
    const { receipts, rejects, stdout } = await imported('placeholders', contacts, rows);
    expect(stdout).toContain('9 imported, 0 already present, 2 rejected');

    const placeholderRows = ['101', '102', '103', '104', '105', '106'].map((id) => receipts.get(id)!);
    expect(placeholderRows.every((e) => e.data.identityKeys?.length === 0)).toBe(true);
    expect(new Set(placeholderRows.map((e) => e.data.complainantKey)).size).toBe(6);
    const [a, b] = [receipts.get('201')!, receipts.get('202')!];
    expect(a.data.identityKeys).toHaveLength(1);
    expect(b.data.identityKeys).toEqual(a.data.identityKeys);
    expect(b.data.complainantKey).toBe(a.data.complainantKey);
    expect(receipts.get('301')!.data.identityKeys).toHaveLength(1);

    // The repeat-complainant report: only the two cases of the same real phone.
    expect(repeatsOf(receipts.values())).toEqual([{ count: 2, cases: ['cfpb-201', 'cfpb-202'] }]);

    // A phone or e-mail that is neither a contact nor a placeholder rejects the row, naming the column and the rule.
    expect(rejects.map((r) => [r.row, r.reason, r.detail])).toEqual([
      ['10', 'invalid-contact', 'Phone "call back later": phone must be at least three digits, with spaces, +, - or brackets (3 to 30 characters) (or one of the mapping\'s placeholders)'],
      ['11', 'invalid-contact', 'Email "not an address": email must be an e-mail address of at most 200 characters (or one of the mapping\'s placeholders)'],
    ]);
  }, 60_000);

  it('a placeholder in an address column that identifies links nobody; a real equal address does', async () => {
    const rows = [
      row('1', { Street: 'n/a' }),
      row('2', { Street: 'N/A' }),
      row('3', { Street: 'unknown' }),
      row('4', { Street: '12 Main St, Springfield' }),
      row('5', { Street: '12 main st,  Springfield' }),
    ];
    const { receipts, stdout } = await imported('own-address', ownAddress, rows);
    expect(stdout).toContain('5 imported, 0 already present, 0 rejected');
    for (const id of ['1', '2', '3']) {
      expect(receipts.get(id)!.data).toMatchObject({ identityKeys: [] });
    }
    expect(new Set(['1', '2', '3'].map((id) => receipts.get(id)!.data.complainantKey)).size).toBe(3);
    expect(repeatsOf(receipts.values())).toEqual([{ count: 2, cases: ['own-4', 'own-5'] }]);
  }, 60_000);

  it('a mapping whose placeholders are not a list of strings is refused, naming the file, the path and the rule', () => {
    const problemsOf = (json: unknown): string[] => {
      try {
        parseMapping(json, catalog, 'contacts.json');
        return [];
      } catch (error) {
        if (error instanceof MappingError) return error.problems;
        throw error;
      }
    };
    expect(problemsOf({ ...contacts, placeholders: 'n/a' })).toEqual([expect.stringMatching(/^contacts\.json: \$\.placeholders: /)]);
    expect(problemsOf({ ...contacts, placeholders: ['n/a', 0] })).toEqual([expect.stringMatching(/^contacts\.json: \$\.placeholders\[1\]: /)]);
    expect(problemsOf({ ...contacts, columns: { ...contacts.columns, phone: { colum: 'Phone' } } }).join('\n')).toMatch(/contacts\.json: \$\.columns\.phone/);
  });
});
