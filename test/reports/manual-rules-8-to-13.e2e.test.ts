import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_CATALOG } from '../../domain/catalog.js';
import { complaintStreamId } from '../../src/complaint-stream/index.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { EVENT_STORE } from '../../src/event-store/index.js';
import type { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { PROJECTIONS } from '../../src/projections/index.js';
import { staff, startTestApi, type TestApi, utc } from '../support/api.js';
import { appendHistory, kst, receive, step } from './sla-histories.js';

/**
 * Issue 16, the reports: overdue requests for materials and urgent cases first in the SLA report (rules 8, 9),
 * a shorter deadline per severity from the catalog (rule 9), repeat offenders per (subject, reason, year) across
 * departments and the quarterly and yearly reports' repeatOffendersFlagged (rule 13), findings stored before reasons were kept (upcast).
 */
let api: TestApi;

const catalog = {
  ...DEFAULT_CATALOG,
  categories: DEFAULT_CATALOG.categories.map((c) => (c.code === 'defective-facility' ? { ...c, severityDeadlineDays: { critical: 1 } } : c)),
};
const command = (type: string, data: object) => ({ type, data }) as Parameters<typeof appendHistory>[2][number][1];
const findings = (reason: string, id = 'emp-7') => command('record-findings', { summary: 'Looked into it', subjects: [{ id, kind: 'employee', substantiated: true, reason }] });
const investigated = (complaintId: string, day: string, reason: string, id?: string, department?: string) =>
  appendHistory(api.app, complaintId, [
    [`${day}T10:00`, receive(complaintId)], [`${day}T10:30`, department ? command('assign', { department }) : step.assign], [`${day}T14:00`, findings(reason, id)],
  ]);

beforeAll(async () => {
  api = await startTestApi({ config: { catalog } });
  // Rule 8: materials asked Monday 9 Nov 2026 11:00 are due Tuesday 18:00 (D+1); one request never answered, one answered.
  await appendHistory(api.app, 'materials-late', [
    ['2026-11-09T10:00', receive('materials-late')], ['2026-11-09T10:30', step.assign],
    ['2026-11-09T11:00', command('request-information', { requestId: 'r-1', department: 'testing', request: 'Lab report' })],
  ]);
  await appendHistory(api.app, 'materials-in', [
    ['2026-11-09T10:00', receive('materials-in')], ['2026-11-09T10:30', step.assign],
    ['2026-11-09T11:00', command('request-information', { requestId: 'r-1', department: 'testing', request: 'Lab report' })],
    ['2026-11-10T09:00', command('receive-information', { requestId: 'r-1', summary: 'Lab report sent' })],
  ]);
  // Rule 9: received first, assessed critical (a safety issue): urgent, due after 1 working day instead of 3.
  await appendHistory(api.app, 'urgent', [
    ['2026-11-02T10:00', receive('urgent')], ['2026-11-02T10:10', command('assess', { severity: 'critical', safetyIssue: true })],
  ]);
  // Rule 13: emp-7 for discourtesy three times in 2026 (Q2 once, Q3 twice); emp-8 three times for different reasons.
  await investigated('ro-1', '2026-05-04', 'discourtesy');
  await investigated('ro-2', '2026-07-06', 'discourtesy');
  await investigated('ro-3', '2026-08-03', 'discourtesy');
  await investigated('ro-4', '2026-07-07', 'delay', 'emp-8');
  await investigated('ro-5', '2026-07-08', 'discourtesy', 'emp-8');
  await investigated('ro-6', '2026-07-09', 'delay', 'emp-8');
  // emp-10 for delay three times in 2026, each in another department's case (testing in Q2, audit and planning in Q3).
  await investigated('ro-7', '2026-05-06', 'delay', 'emp-10', 'testing');
  await investigated('ro-8', '2026-07-14', 'delay', 'emp-10', 'audit');
  await investigated('ro-9', '2026-08-05', 'delay', 'emp-10', 'planning');
  // Findings stored before reasons were kept (schema version 1): counted by the complaint's category, as then.
  await appendHistory(api.app, 'old', [['2026-07-10T10:00', receive('old')], ['2026-07-10T10:30', step.assign]]);
  const metadata = { actorId: 'u-handler', actorRole: 'handler', commandId: 'old-findings', correlationId: 'old-findings', causationId: 'old-findings', occurredAt: kst('2026-07-10T14:00') };
  await api.app.get<EventStore>(EVENT_STORE).append(complaintStreamId('old'), [
    { type: 'FindingsRecorded', schemaVersion: 1, data: { summary: 'Seal worn', subjects: [{ id: 'emp-9', kind: 'employee', substantiated: true }] }, metadata },
  ], { expectedRevision: 1 });
  await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
});
afterAll(async () => {
  await api.close();
});

const sla = async () => (await api.call('GET', '/reports/sla?open=true', { as: staff.manager })).body.items as Record<string, unknown>[];

describe('GET /reports/sla', () => {
  it('rule 8 (요청기일내 또는 D+1): an unanswered request past its due date is listed as overdue; an answered one is not', async () => {
    const items = await sla();
    expect(items.find((i) => i.id === 'materials-late')?.informationOverdue).toEqual([{ requestId: 'r-1', department: 'testing', dueAt: utc('2026-11-10T18:00:00.000+09:00') }]);
    expect(items.find((i) => i.id === 'materials-in')?.informationOverdue).toEqual([]);
  });

  it('rule 9 (긴급): urgent cases come first, before newer ones, with the catalog’s shorter deadline for their severity', async () => {
    const items = await sla();
    expect(items[0]).toMatchObject({ id: 'urgent', priority: 'urgent', deadlineDays: 1, dueAt: utc('2026-11-03T10:00:00.000+09:00'), status: 'breached' });
    expect(items.slice(1).every((i) => i.priority !== 'urgent')).toBe(true);
    // Paged one by one, the order holds.
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = (await api.call('GET', `/reports/sla?open=true&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { as: staff.manager })).body;
      ids.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids).toEqual(items.map((i) => i.id));
  });
});

describe('GET /complaints (the inbox)', () => {
  it('rule 8: shows which cases have materials overdue; rule 9: urgent first', async () => {
    const { items } = (await api.call('GET', '/complaints', { as: staff.office })).body as { items: { id: string; informationOverdue: boolean }[] };
    expect(items[0]?.id).toBe('urgent');
    expect(items.find((i) => i.id === 'materials-late')?.informationOverdue).toBe(true);
    expect(items.find((i) => i.id === 'materials-in')?.informationOverdue).toBe(false);
  });
});

describe('rule 13: "동일한 사유로 고객불만을 년 3회 이상": repeat offenders per (subject, reason, year)', () => {
  it('GET /reports/repeat-offenders flags three for the same reason, not three for different reasons; old findings count by category', async () => {
    const { body } = await api.call('GET', '/reports/repeat-offenders?year=2026', { as: staff.manager });
    const offenders = (body.offenders as { subject: { id: string }; reason: string; count: number; flagged: boolean }[]).map((o) => [o.subject.id, o.reason, o.count, o.flagged]);
    expect(offenders).toEqual([
      ['emp-10', 'delay', 3, true],
      ['emp-7', 'discourtesy', 3, true],
      ['emp-8', 'delay', 2, false],
      ['emp-8', 'discourtesy', 1, false],
      ['emp-9', 'defective-facility', 1, false],
    ]);
  });

  it('GET /reports/quarterly fills repeatOffendersFlagged: flagged by the quarter’s end, beside the previous quarter', async () => {
    const { body } = await api.call('GET', '/reports/quarterly?quarter=2026-Q3', { as: staff.manager });
    expect(body.figures.repeatOffendersFlagged).toEqual({ value: 2, previous: 0 });
    const other = (await api.call('GET', '/reports/quarterly?quarter=2026-Q3&department=customer-support', { as: staff.manager })).body;
    expect(other.figures.repeatOffendersFlagged).toEqual({ value: 0, previous: 0 });
  });

  it('the rule is about the employee ("… 받은 직원") across the organisation: flagged on the findings of every department, each department whose cases count answers for it', async () => {
    // emp-10's three delays are one each in testing, audit and planning: flagged by Q3's end, counted in each.
    for (const department of ['testing', 'audit', 'planning']) {
      const { body } = await api.call('GET', `/reports/quarterly?quarter=2026-Q3&department=${department}`, { as: staff.manager });
      expect({ department, flagged: body.figures.repeatOffendersFlagged }).toEqual({ department, flagged: { value: 1, previous: 0 } });
    }
    // The yearly evaluation takes the points off each of them (README: "per subject the rule flags on its cases"); emp-7 is inspection's.
    const { body } = await api.call('GET', '/reports/yearly/2026/departments', { as: staff.manager });
    const flagged = Object.fromEntries((body.departments as { department: string; figures: { repeatOffendersFlagged: number } }[]).map((d) => [d.department, d.figures.repeatOffendersFlagged]));
    expect(flagged).toEqual({ 'customer-support': 0, audit: 1, planning: 1, inspection: 1, testing: 1 });
  });

  it('a case whose findings were stored before reasons were kept reads with "unrecorded" as the reason', async () => {
    const { body } = await api.call('GET', '/complaints/old', { as: staff.office });
    expect(body.findings.subjects).toEqual([{ id: 'emp-9', kind: 'employee', substantiated: true, reason: 'unrecorded' }]);
  });
});
