/**
 * No deadline to judge: a compliment is no complaint to answer (brief item 17, "칭찬" counted apart), and a
 * case withdrawn or excluded at initial assessment before its deadline ran out ended without one to meet.
 * The SLA report, the case list's `sla` filter and the quarter's evidence export say `not-applicable`
 * alike; a case withdrawn after its deadline ran out stays breached.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PROJECTIONS } from '../../src/projections/index.js';
import { staff, startTestApi, type TestApi } from '../support/api.js';
import { appendHistory, receive, step } from './sla-histories.js';

let api: TestApi;

const slaOf = async (id: string) => {
  const response = await api.call('GET', `/reports/sla?complaint=${id}`, { as: staff.manager });
  expect(response.status).toBe(200);
  return (response.body as { items: Record<string, unknown>[] }).items[0];
};

beforeAll(async () => {
  api = await startTestApi();
  // Received Wed 4 Nov 2026 10:00 with 3 working days to answer: due Mon 9 Nov 10:00.
  await appendHistory(api.app, 'withdrawn-in-time', [['2026-11-04T10:00', receive('withdrawn-in-time')], ['2026-11-04T11:00', step.assign], ['2026-11-05T10:00', step.withdraw]]);
  await appendHistory(api.app, 'withdrawn-late', [['2026-11-04T10:00', receive('withdrawn-late')], ['2026-11-04T11:00', step.assign], ['2026-11-11T10:00', step.withdraw]]);
  await appendHistory(api.app, 'excluded', [['2026-11-04T10:00', receive('excluded')], ['2026-11-04T11:00', step.reject]]);
  // A compliment left open for weeks: nothing to answer, so nothing breached and no interim notice owed.
  await appendHistory(api.app, 'praise', [['2026-11-04T10:00', receive('praise', { category: 'compliment' })], ['2026-11-04T11:00', step.assign]]);
  await appendHistory(api.app, 'answered', [
    ['2026-11-04T10:00', receive('answered')], ['2026-11-04T11:00', step.assign], ['2026-11-05T10:00', step.findings],
    ['2026-11-05T11:00', step.decide('upheld')], ['2026-11-05T12:00', step.communicate], ['2026-11-05T13:00', step.close],
  ]);
  await api.app.get(PROJECTIONS).caughtUp();
});
afterAll(async () => {
  await api.close();
});

describe('SLA status not-applicable', () => {
  it('a case withdrawn or excluded before its deadline ran out, and a compliment, have no deadline to judge', async () => {
    expect(await slaOf('withdrawn-in-time')).toMatchObject({ status: 'not-applicable', breachedAt: null, stoppedBy: 'withdrawn', interimNoticeMissing: false });
    expect(await slaOf('excluded')).toMatchObject({ status: 'not-applicable', breachedAt: null, stoppedBy: 'rejected-at-assessment' });
    expect(await slaOf('praise')).toMatchObject({ status: 'not-applicable', breachedAt: null, open: true, interimNoticeMissing: false });
  });

  it('a case withdrawn after its deadline ran out stays breached; one answered in time is met', async () => {
    expect(await slaOf('withdrawn-late')).toMatchObject({ status: 'breached', stoppedBy: 'withdrawn' });
    expect(await slaOf('answered')).toMatchObject({ status: 'met' });
  });

  it('the report’s status filter, the case list’s sla filter and the quarter’s evidence export agree', async () => {
    const report = await api.call('GET', '/reports/sla?status=not-applicable', { as: staff.manager });
    expect((report.body.items as { id: string }[]).map((i) => i.id).sort()).toEqual(['excluded', 'praise', 'withdrawn-in-time']);
    const list = await api.call('GET', '/complaints?sla=not-applicable', { as: staff.office });
    expect(list.status).toBe(200);
    expect((list.body.items as { id: string }[]).map((i) => i.id).sort()).toEqual(['excluded', 'praise', 'withdrawn-in-time']);
    const met = await api.call('GET', '/complaints?sla=met', { as: staff.office });
    expect((met.body.items as { id: string }[]).map((i) => i.id)).toEqual(['answered']);

    const exported = await api.call('GET', '/audit/evidence?quarter=2026-Q4&format=json', { as: staff.auditor });
    expect(exported.status).toBe(200);
    const rows = Object.fromEntries((exported.body.cases as { complaintId: string; slaStatus: string }[]).map((r) => [r.complaintId, r.slaStatus]));
    expect(rows).toEqual({ 'withdrawn-in-time': 'not-applicable', 'withdrawn-late': 'breached', excluded: 'not-applicable', praise: 'not-applicable', answered: 'met' });
    // The compliment is listed with the cases and left out of the conformity, as GET /audit/conformity leaves it.
    expect(exported.body.conformity).toMatchObject({ cases: 4 });
  });
});
