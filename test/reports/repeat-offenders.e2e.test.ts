import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EventStore } from '../../src/event-store/event-store.js';
import { connectAdmin } from '../support/postgres.js';
import type { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { EVENT_STORE } from '../../src/event-store/index.js';
import { PROJECTIONS } from '../../src/projections/index.js';
import { READ_MODELS } from '../../src/read-models/index.js';
import type { ReadModelDatabase } from '../../src/read-models/index.js';
import { repeatOffendersReadModel } from '../../src/reports/index.js';
import { recordSteps, type StaffStep } from '../support/history.js';
import { staff, startTestApi, type TestApi, utc } from '../support/api.js';

type Step = StaffStep;

let api: TestApi;

const history = (complaintId: string, steps: Step[]) => recordSteps(api.app, complaintId, steps);

const caughtUp = () => api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();

const someone = (n: number) => ({ complainant: { name: `민원인 ${n}`, phone: `010-5555-${String(n).padStart(4, '0')}` }, consent: { sms: false, email: false, phone: false } });
const substantiated = (...ids: string[]) => ({ summary: 'Looked into it', subjects: ids.map((id) => ({ id, kind: 'employee', substantiated: true, reason: 'discourtesy' })) });

/** Received at `at`, assigned, investigated with these findings. */
const investigated = (at: string, findings: unknown, receipt: object = {}): Step[] => [
  [staff.intake, 'receive', receipt, at],
  [staff.intake, 'assign', {}, at.replace('T10:00', 'T11:00')],
  [staff.handler, 'record-findings', findings, at.replace('T10:00', 'T14:00')],
];

const reopenedWith = (at: string, findings: unknown): Step[] => [
  [staff.head, 'decide', { outcome: 'upheld', basis: 'Gas Safety Act art. 17' }, at.replace('T10:00', 'T09:00')],
  [staff.office, 'reopen', { kind: 'appeal', reason: 'The complainant appealed' }, at],
  [staff.handler, 'record-findings', findings, at.replace('T10:00', 'T14:00')],
];

beforeAll(async () => {
  api = await startTestApi();
  // The repeat complainant: by phone and e-mail, by the same phone written otherwise, by the same e-mail in capitals.
  await history('ro-1', investigated('2026-02-02T10:00:00+09:00', {
    summary: 'Seal worn', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'discourtesy' }, { id: 'inspection', kind: 'unit', substantiated: true, reason: 'discourtesy' }],
  }));
  await history('ro-2', investigated('2026-05-04T10:00:00+09:00', substantiated('emp-7'), someone(2)));
  await history('ro-3', investigated('2026-10-05T10:00:00+09:00', substantiated('emp-7'), someone(3)));
  await history('ro-4', investigated('2026-03-02T10:00:00+09:00', substantiated('emp-9'), { complainant: { name: '김민수', phone: '+82 10 1234 5678' }, consent: { sms: false, email: false, phone: false } }));
  await history('ro-5', investigated('2026-04-06T10:00:00+09:00', substantiated('emp-9'), someone(5)));
  await history('ro-6', investigated('2026-06-01T10:00:00+09:00', substantiated('emp-9'), someone(6)));
  await history('ro-7', investigated('2025-06-02T10:00:00+09:00', substantiated('emp-5'), someone(7)));
  await history('ro-8', investigated('2025-12-30T10:00:00+09:00', substantiated('emp-5'), someone(8)));
  // 08:00 on New Year's Day in Seoul is still 31 December in UTC.
  await history('ro-9', investigated('2026-01-01T08:00:00+09:00', substantiated('emp-5'), someone(9)));
  await history('ro-10', [[staff.intake, 'receive', { category: 'inquiry', complainant: { name: 'Kim Minsu', email: 'MinSu@Example.KR' }, consent: { sms: false, email: false, phone: false } }, '2026-03-03T10:00:00+09:00']]);
  await caughtUp();
  // Reopened later, in batches of their own: ro-2's new findings substantiate emp-7 again, ro-5's clear emp-9.
  await history('ro-2', reopenedWith('2026-05-11T10:00:00+09:00', substantiated('emp-7')));
  await history('ro-5', reopenedWith('2026-04-13T10:00:00+09:00', { summary: 'Second look: no fault', subjects: [{ id: 'emp-9', kind: 'employee', substantiated: false }] }));
  await caughtUp();
});
afterAll(async () => {
  await api.close();
});

/**
 * A case as the report lists it. These histories are recorded without the numbering a receipt over HTTP gets, so
 * they have no reference (test/reports/repeat-offender-references.e2e.test.ts has cases that do); the department
 * is the one handling the case, the category's (inspection) where assigned.
 */
const ref = (complaintId: string, receivedAt: string, category = 'defective-facility', department: string | null = 'inspection') =>
  ({ complaintId, receivedAt: utc(receivedAt), category, reference: null, department });

describe('GET /reports/repeat-offenders?year=', () => {
  it('flags three substantiated complaints for the same reason in one year, counting a reopened case once', async () => {
    const { status, body } = await api.call('GET', '/reports/repeat-offenders?year=2026', { as: staff.office });
    expect(status).toBe(200);
    expect(body.year).toBe(2026);
    expect(body.threshold).toBe(3);
    expect(body.offenders).toEqual([
      {
        subject: { id: 'emp-7', kind: 'employee' }, reason: 'discourtesy', count: 3, flagged: true,
        cases: [ref('ro-1', '2026-02-02T10:00:00+09:00'), ref('ro-2', '2026-05-04T10:00:00+09:00'), ref('ro-3', '2026-10-05T10:00:00+09:00')],
        // A flagged subject says what was done and what is pending (test/reports/repeat-offender-judgements.e2e.test.ts).
        measures: { judgement: null, training: [], pending: ['judgement'] },
      },
      // ro-5's new findings cleared emp-9: two remain, and two do not flag.
      { subject: { id: 'emp-9', kind: 'employee' }, reason: 'discourtesy', count: 2, flagged: false, cases: [ref('ro-4', '2026-03-02T10:00:00+09:00'), ref('ro-6', '2026-06-01T10:00:00+09:00')] },
      { subject: { id: 'emp-5', kind: 'employee' }, reason: 'discourtesy', count: 1, flagged: false, cases: [ref('ro-9', '2026-01-01T08:00:00+09:00')] },
      { subject: { id: 'inspection', kind: 'unit' }, reason: 'discourtesy', count: 1, flagged: false, cases: [ref('ro-1', '2026-02-02T10:00:00+09:00')] },
    ]);
  });

  it('three across two years do not flag: each year counts its own receipts, in Seoul time', async () => {
    const { body } = await api.call('GET', '/reports/repeat-offenders?year=2025', { as: staff.manager });
    expect(body.offenders).toEqual([
      { subject: { id: 'emp-5', kind: 'employee' }, reason: 'discourtesy', count: 2, flagged: false, cases: [ref('ro-7', '2025-06-02T10:00:00+09:00'), ref('ro-8', '2025-12-30T10:00:00+09:00')] },
    ]);
  });

  it('recognises a repeat complainant by a pseudonymous key, across phone and e-mail, without personal data', async () => {
    const { body } = await api.call('GET', '/reports/repeat-offenders?year=2026', { as: staff.auditor });
    expect(body.repeatComplainants).toEqual([
      { key: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/), count: 3, cases: [ref('ro-1', '2026-02-02T10:00:00+09:00'), ref('ro-4', '2026-03-02T10:00:00+09:00'), ref('ro-10', '2026-03-03T10:00:00+09:00', 'inquiry', null)] },
    ]);
    expect(JSON.stringify(body)).not.toMatch(/김민수|Minsu|1234|minsu|5555/i);
  });

  it("shows a manager a repeat complainant under a label of the report's own, not the key that links their cases across the service", async () => {
    const { body } = await api.call('GET', '/reports/repeat-offenders?year=2026', { as: staff.manager });
    const { body: audited } = await api.call('GET', '/reports/repeat-offenders?year=2026', { as: staff.auditor });
    expect(body.repeatComplainants).toEqual([{ ...audited.repeatComplainants[0], key: 'complainant-1' }]);
    expect(JSON.stringify(body)).not.toContain(audited.repeatComplainants[0].key);
  });

  it('keeps no personal data in its tables', async () => {
    const admin = await connectAdmin();
    try {
      const { rows } = await admin.query(`SELECT * FROM "${api.schema}".repeat_cases`);
      expect(rows).toHaveLength(10);
      expect(JSON.stringify(rows)).not.toMatch(/김민수|민원인|Minsu|1234|5555|example/i);
    } finally {
      await admin.end();
    }
  });

  it('a rebuild gives the same rows, keys included, and a batch delivered again changes nothing', async () => {
    const admin = await connectAdmin();
    const rows = async () => [
      (await admin.query(`SELECT * FROM "${api.schema}".repeat_cases ORDER BY complaint_id`)).rows,
      (await admin.query(`SELECT * FROM "${api.schema}".repeat_substantiated ORDER BY complaint_id, subject_kind, subject_id`)).rows,
    ];
    try {
      const live = await rows();
      await api.app.get<ProjectionRunner>(PROJECTIONS).rebuild(['repeat-offenders']);
      expect(await rows()).toEqual(live);
      // Every event delivered once more, the earlier findings after the later ones: nothing changes.
      const { sql, s } = api.app.get<ReadModelDatabase>(READ_MODELS);
      const events = await api.app.get<EventStore>(EVENT_STORE).readAll();
      await sql.transaction((tx) => repeatOffendersReadModel.apply(tx, s, [...events].reverse()));
      expect(await rows()).toEqual(live);
    } finally {
      await admin.end();
    }
  });

  it('lists the year’s most frequent categories, for the reduction plan', async () => {
    const { body } = await api.call('GET', '/reports/repeat-offenders?year=2026', { as: staff.admin });
    expect(body.topCategories).toEqual([{ category: 'defective-facility', count: 7 }, { category: 'inquiry', count: 1 }]);
  });

  it('refuses a missing or malformed year, naming the field', async () => {
    for (const [query, rule] of [
      ['', 'is required, e.g. 2026'],
      ['?year=twenty', 'must be a calendar year such as 2026'],
      ['?year=20260', 'must be a calendar year such as 2026'],
      ['?year=2026&year=2027', 'must be given once'],
      [`?year=${'2'.repeat(201)}`, 'must be at most 200 characters'],
    ]) {
      const response = await api.call('GET', `/reports/repeat-offenders${query}`, { as: staff.office });
      expect({ query, status: response.status, errors: response.body.errors }).toEqual({ query, status: 400, errors: [{ field: 'year', rule }] });
    }
    const unknown = await api.call('GET', '/reports/repeat-offenders?year=2026&threshold=2', { as: staff.office });
    expect(unknown.body.errors).toEqual([{ field: 'threshold', rule: 'is not a parameter; parameters: year' }]);
  });

  it.each([
    ['complaints-office', 200, staff.office],
    ['manager', 200, staff.manager],
    ['auditor', 200, staff.auditor],
    ['admin', 200, staff.admin],
    ['intake', 403, staff.intake],
    ['handler', 403, staff.handler],
    ['department-head', 403, staff.head],
  ] as const)('%s gets %i', async (_role, expected, actor) => {
    expect((await api.call('GET', '/reports/repeat-offenders?year=2026', { as: actor })).status).toBe(expected);
  });
});

describe('rule 5, excluded and withdrawn cases are not complaints ("고객불만으로 보지 아니함"); a compliment (칭찬) is never one', () => {
  it('given three substantiated cases for one employee, one of them withdrawn, and a compliment, then the employee is not flagged and neither counts among the frequent categories', async () => {
    await history('ro-21', investigated('2027-02-01T10:00:00+09:00', substantiated('emp-21'), someone(21)));
    await history('ro-22', investigated('2027-03-02T10:00:00+09:00', substantiated('emp-21'), someone(22)));
    await history('ro-23', [...investigated('2027-04-05T10:00:00+09:00', substantiated('emp-21'), someone(23)), [staff.handler, 'withdraw', { reason: 'The complainant asked by phone' }, '2027-04-06T10:00:00+09:00']]);
    await history('ro-24', investigated('2027-05-03T10:00:00+09:00', substantiated('emp-21'), { ...someone(24), category: 'compliment' }));
    await caughtUp();
    const { body } = await api.call('GET', '/reports/repeat-offenders?year=2027', { as: staff.office });
    expect(body.offenders).toEqual([
      { subject: { id: 'emp-21', kind: 'employee' }, reason: 'discourtesy', count: 2, flagged: false, cases: [ref('ro-21', '2027-02-01T10:00:00+09:00'), ref('ro-22', '2027-03-02T10:00:00+09:00')] },
    ]);
    expect(body.topCategories).toEqual([{ category: 'defective-facility', count: 2 }]);
  });
});
