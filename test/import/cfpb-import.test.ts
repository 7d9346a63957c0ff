import { beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Catalog } from '../../domain/catalog.js';
import type { ComplaintEvent } from '../../domain/complaint/events.js';
import { quarterOf } from '../../projections/quarterly.js';
import { evolveRepeatCase, repeatOffenders, type RepeatCase } from '../../projections/repeat-offenders.js';
import { foldPeriods, slaAt } from '../../projections/sla.js';
import { importTarget, runImport } from '../support/import-cli.js';
import { complaintStreamId, toDomainEvent } from '../../src/complaint-stream/index.js';
import { loadConfig, slaRulesOf } from '../../src/config/index.js';
import { connectAdmin } from '../support/postgres.js';

// Synthetic rows in the exact column shape of the CFPB consumer complaint database (see sample/README.md).
const SAMPLE = resolve('test/import/sample/cfpb-sample-62.csv');
const MAPPING = resolve('mappings/cfpb.json');
const CATALOG = resolve('mappings/cfpb-catalog.json');

type Row = Record<string, string>;

/**
 * The file's figures computed from the CSV alone, by the CFPB's own columns and rules, not by the
 * importer: a row is imported when its date exists and its Complaint ID came first; it is closed
 * unless "In progress"; closed after the due date when "Timely response?" is No; its company is a
 * repeat subject when relief was granted (an upheld complaint) three times or more in a year.
 */
const realDate = (text: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);

function figuresOf(rows: Row[]) {
  const seen = new Set<string>();
  const valid = rows.filter((r) => {
    const fresh = !seen.has(r['Complaint ID']!);
    seen.add(r['Complaint ID']!);
    return fresh && realDate(r['Date received']!);
  });
  const byQuarter: Record<string, number> = {};
  for (const r of valid) {
    const [year, month] = r['Date received']!.split('-').map(Number);
    const quarter = `${year}-Q${Math.ceil(month! / 3)}`;
    byQuarter[quarter] = (byQuarter[quarter] ?? 0) + 1;
  }
  const closed = valid.filter((r) => r['Company response to consumer'] !== 'In progress');
  const late = closed.filter((r) => r['Timely response?'] === 'No');
  const relief = valid.filter((r) => /^Closed with (monetary|non-monetary) relief$/.test(r['Company response to consumer']!));
  const perCompanyYear: Record<string, number> = {};
  for (const r of relief) {
    const key = `${r.Company} ${r['Date received']!.slice(0, 4)}`;
    perCompanyYear[key] = (perCompanyYear[key] ?? 0) + 1;
  }
  const repeatSubjects = Object.entries(perCompanyYear).filter(([, n]) => n >= 3).map(([key]) => key).sort();
  return { valid, byQuarter, closed: closed.length, late: late.length, repeatSubjects };
}

async function eventCount(schema: string): Promise<number> {
  const admin = await connectAdmin();
  try {
    const { rows } = await admin.query<{ count: string }>(`SELECT count(*) FROM "${schema}".events`);
    return Number(rows[0]!.count);
  } finally {
    await admin.end();
  }
}

const target = importTarget(CATALOG);
let rows: Row[];
beforeAll(async () => {
  rows = parse(await readFile(SAMPLE), { columns: true, bom: true }) as Row[];
});

describe('a second public dataset of another shape: CFPB consumer complaints', () => {
  it('--check reads the whole file and reports what would be imported and rejected, storing nothing', async () => {
    const expected = figuresOf(rows);
    const before = await eventCount(target.schema);
    const result = await runImport(['--file', SAMPLE, '--mapping', MAPPING, '--reject-file', join(target.dir, 'check-rejects.csv'), '--check'], target.env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`check (nothing stored): ${rows.length} rows from ${SAMPLE}: ${expected.valid.length} would be imported, ${rows.length - expected.valid.length} rejected`);
    expect(result.stdout).toContain('rejected: unparseable-date 1, duplicate-case 1');
    expect(await eventCount(target.schema)).toBe(before);
  });

  it('--propose-catalog writes the entries a catalog lacks for the values the mapping keeps; the import then takes them', async () => {
    const catalog = JSON.parse(await readFile(CATALOG, 'utf8')) as Catalog;
    const narrow = join(target.dir, 'narrow-catalog.json');
    await writeFile(narrow, JSON.stringify({ ...catalog, categories: catalog.categories.filter((c) => c.code !== 'vehicle-loan-or-lease') }));
    // Every row of the product with a real date, a repeated Complaint ID included: the category is read before the duplicate is seen.
    const vehicleRows = rows.filter((r) => r.Product === 'Vehicle loan or lease' && realDate(r['Date received']!)).length;
    expect(vehicleRows).toBeGreaterThan(0);
    const proposed = join(target.dir, 'proposed-catalog.json');
    const narrowEnv = { ...target.env, CATALOG_FILE: narrow };
    const check = await runImport(['--file', SAMPLE, '--mapping', MAPPING, '--reject-file', join(target.dir, 'narrow-rejects.csv'), '--check', '--propose-catalog', proposed], narrowEnv);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(`unknown-category ${vehicleRows}`);
    expect(check.stdout).toContain(`Product "Vehicle loan or lease" (values.categories, kept as vehicle-loan-or-lease): ${vehicleRows} rows`);
    expect(check.stdout).toContain(`proposed catalog written to ${proposed}`);
    const proposal = JSON.parse(await readFile(proposed, 'utf8')) as Catalog;
    expect(proposal.categories.find((c) => c.code === 'vehicle-loan-or-lease')).toEqual({
      code: 'vehicle-loan-or-lease', name: { ko: 'Vehicle loan or lease', en: 'Vehicle loan or lease' }, defaultDepartment: 'consumer-response',
    });
    const again = await runImport(['--file', SAMPLE, '--mapping', MAPPING, '--reject-file', join(target.dir, 'again.csv'), '--check'], { ...target.env, CATALOG_FILE: proposed });
    expect(again.stdout).not.toContain('unknown-category');
    expect(await eventCount(target.schema)).toBe(0);
  });

  it('--check --propose-catalog against a catalog that lacks the mapping\'s own codes proposes them too, instead of refusing the mapping', async () => {
    const catalog = JSON.parse(await readFile(CATALOG, 'utf8')) as Catalog;
    const lacking = join(target.dir, 'lacking-catalog.json');
    await writeFile(lacking, JSON.stringify({ ...catalog, categories: catalog.categories.filter((c) => c.code !== 'credit-card') }));
    const lackingEnv = { ...target.env, CATALOG_FILE: lacking };
    // Without --propose-catalog the mapping is refused, as before.
    expect((await runImport(['--file', SAMPLE, '--mapping', MAPPING, '--reject-file', join(target.dir, 'lacking-rejects.csv'), '--check'], lackingEnv)).code).toBe(2);
    const proposed = join(target.dir, 'proposed-with-codes.json');
    const check = await runImport(['--file', SAMPLE, '--mapping', MAPPING, '--reject-file', join(target.dir, 'lacking-rejects.csv'), '--check', '--propose-catalog', proposed], lackingEnv);
    expect(check).toMatchObject({ code: 0, stderr: '' });
    expect(check.stdout).toContain("the catalog lacks the mapping's codes credit-card: checked as if it had them, and proposed below");
    expect(check.stdout).not.toContain('unknown-category');
    const proposal = JSON.parse(await readFile(proposed, 'utf8')) as Catalog;
    expect(proposal.categories.find((c) => c.code === 'credit-card')).toEqual({ code: 'credit-card', name: { ko: 'credit-card', en: 'credit-card' }, defaultDepartment: 'consumer-response' });
    expect((await runImport(['--file', SAMPLE, '--mapping', MAPPING, '--reject-file', join(target.dir, 'lacking-rejects.csv'), '--check'], { ...target.env, CATALOG_FILE: proposed })).code).toBe(0);
    expect(await eventCount(target.schema)).toBe(0);
  });

  it('imports with the mapping written from the docs; its quarters, closings, late closings and repeat subjects are the CSV’s own', async () => {
    const expected = figuresOf(rows);
    const result = await runImport(['--file', SAMPLE, '--mapping', MAPPING, '--reject-file', join(target.dir, 'rejects.csv')], target.env);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`${expected.valid.length} imported, 0 already present, ${rows.length - expected.valid.length} rejected`);
    expect(result.stdout).toContain(`closed by the source's due date: ${expected.closed - expected.late} of ${expected.closed} closed cases`);

    const config = loadConfig({ CATALOG_FILE: CATALOG });
    const rules = slaRulesOf(config);
    const zone = rules.calendar.timeZone;
    const histories: ComplaintEvent[][] = await Promise.all(
      expected.valid.map(async (r) => (await target.store.readStream(complaintStreamId(`cfpb-${r['Complaint ID']}`))).map(toDomainEvent)),
    );

    // Quarters and closings, as the SLA read model folds them (the source's due dates judge lateness).
    const byQuarter: Record<string, number> = {};
    let closed = 0;
    let late = 0;
    for (const events of histories) {
      const [period] = foldPeriods(events, rules);
      byQuarter[quarterOf(period!.receivedAt, zone)] = (byQuarter[quarterOf(period!.receivedAt, zone)] ?? 0) + 1;
      if (period!.endedAt === null) continue;
      closed++;
      if (slaAt(period!, '2026-01-01T00:00:00Z', { calendar: rules.calendar, atRiskShare: 0.8 }).status === 'breached') late++;
    }
    expect(byQuarter).toEqual(expected.byQuarter);
    expect(closed).toBe(expected.closed);
    expect(late).toBe(expected.late);

    // Repeat subjects, as the repeat-offender read model folds the imported findings.
    const cases = histories.map((events) => events.reduce<RepeatCase | undefined>((state, event, i) => evolveRepeatCase(state, event, i + 1), undefined)!);
    const findings = cases.filter((c) => c.counted).flatMap((c) => c.substantiated.map(({ reason, ...subject }) => ({ complaintId: c.complaintId, receivedAt: c.receivedAt, category: c.category, subject, reason })));
    const flagged = [2023, 2024].flatMap((year) =>
      repeatOffenders(findings, { year, timeZone: zone, threshold: 3 }).filter((o) => o.flagged).map((o) => `${o.subject.id} ${year}`),
    );
    expect(flagged.sort()).toEqual(expected.repeatSubjects);
    expect(expected.repeatSubjects.length).toBeGreaterThan(0);

    // A placeholder name and a state-and-ZIP address identify nobody: no false repeat complainants.
    const receipts = histories.map((events) => events[0]!);
    expect(receipts.every((e) => e.type === 'ComplaintReceived' && e.data.identityKeys?.length === 0)).toBe(true);
  }, 120_000);
});
