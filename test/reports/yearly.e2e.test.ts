import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import { DEFAULT_CATALOG, DEFAULT_DEPARTMENT_EVALUATION, satisfactionElementsOf } from '../../domain/catalog.js';
import type { ComplaintEvent } from '../../domain/complaint/events.js';
import type { ImprovementEvent } from '../../domain/improvement/events.js';
import { nominationStreamId } from '../../domain/yearly/nomination.js';
import { complaintStreamId, COMPLAINT_CODEC, type ComplaintCodec } from '../../src/complaint-stream/index.js';
import { EVENT_STORE, type EventStore } from '../../src/event-store/index.js';
import type { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { PROJECTIONS } from '../../src/projections/index.js';
import { READ_MODELS, type ReadModelDatabase } from '../../src/read-models/index.js';
import type { TokenClaims } from '../../src/auth/sign-token.js';
import { ensureConsoleBuilt, launchChromium, screenshotBothWidths, screenshotPath, WIDTHS } from '../console/browser.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { eventsOf, generateWorkload, type WorkloadOptions } from '../support/workload/generator.js';
import { appendHistory, receive, step } from './sla-histories.js';

/** Two years of generated complaints (2025 and 2026), the reports asked in February 2027. */
const workload: WorkloadOptions = { seed: 18, complaints: 600, from: '2025-01-01T00:00:00+09:00', to: '2027-01-01T00:00:00+09:00' };
const ELEMENTS = satisfactionElementsOf(DEFAULT_CATALOG).map((e) => e.code);
const ITEMS = ELEMENTS.filter((e) => e !== 'overall');
const SEOUL = 'Asia/Seoul';

let api: TestApi;
const generated: { complaintId: string; category: string; events: ComplaintEvent[] }[] = [];

const get = async (path: string) => {
  const response = await api.call('GET', path, { as: staff.manager });
  expect({ path, status: response.status }).toEqual({ path, status: 200 });
  return response.body;
};

beforeAll(async () => {
  api = await startTestApi({ clock: () => new Date('2027-02-01T09:00:00+09:00') });
  const store = api.app.get<EventStore>(EVENT_STORE);
  const codec = api.app.get<ComplaintCodec>(COMPLAINT_CODEC);
  for (const c of generateWorkload(workload)) {
    const events = eventsOf(c);
    const receipt = events[0]!;
    generated.push({ complaintId: c.complaintId, category: receipt.type === 'ComplaintReceived' ? receipt.data.category : '', events });
    const commandId = randomUUID();
    const { stored } = await codec.encode(events, { actorId: 'workload', actorRole: 'complaints-office', commandId, correlationId: commandId, causationId: commandId });
    await store.append(complaintStreamId(c.complaintId), stored, { expectedRevision: 'no-stream' });
  }
  await fileImprovementRequests(store);
  await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
}, 120_000);

/**
 * Three improvement requests to the inspection office due in 2026: one implemented before its due day,
 * one after it, one never; stored as the command path stores them (improvement-request-<id> streams).
 */
async function fileImprovementRequests(store: EventStore): Promise<void> {
  const requests: [string, string, string, string | null][] = [
    ['ir-on-time', '2026-02-02T10:00:00+09:00', '2026-05-04', '2026-04-10T10:00:00+09:00'],
    ['ir-late', '2026-03-02T10:00:00+09:00', '2026-06-02', '2026-06-20T10:00:00+09:00'],
    ['ir-open', '2026-06-01T10:00:00+09:00', '2026-09-01', null],
  ];
  for (const [id, at, dueOn, implementedAt] of requests) {
    const events: ImprovementEvent[] = [
      { type: 'ImprovementRequested', data: { requestId: id, department: 'inspection', complaints: [], category: 'defective-facility', change: 'Inspect meters yearly', reason: 'Leaks', dueOn }, occurredAt: at },
      { type: 'ImprovementPlanned', data: { plan: 'A yearly round' }, occurredAt: at.replace('T10', 'T11') },
      ...(implementedAt ? [{ type: 'ImprovementImplemented', data: { summary: 'Round staffed' }, occurredAt: implementedAt } as ImprovementEvent] : []),
    ];
    const commandId = randomUUID();
    await store.append(`improvement-request-${id}`, events.map((e) => ({
      type: e.type, schemaVersion: 1, data: e.data as unknown as Record<string, unknown>,
      metadata: { actorId: 'u-office', actorRole: 'complaints-office', occurredAt: e.occurredAt, commandId, correlationId: commandId, causationId: commandId },
    })), { expectedRevision: 'no-stream' });
  }
}
afterAll(async () => {
  await api.close();
});

/** The surveys recorded in a year (Seoul time), compliments apart, from the generated events themselves. */
function surveysOf(year: number): Record<string, number>[] {
  return generated
    .filter((c) => c.category !== 'compliment')
    .flatMap((c) => c.events.filter((e) => e.type === 'SatisfactionRecorded' && DateTime.fromISO(e.occurredAt).setZone(SEOUL).year === year))
    .map((e) => (e.type === 'SatisfactionRecorded' ? e.data.scores : {}));
}

/**
 * The complaints closed in a year (Seoul time), each once however often it was closed, compliments and closings as
 * unreachable apart; and of those, the ones surveyed after a closing of the year (before a reopening), from the events.
 */
function closedComplaintsOf(year: number): { closed: number; surveyed: number; closings: number } {
  const tally = { closed: 0, surveyed: 0, closings: 0 };
  for (const c of generated.filter((g) => g.category !== 'compliment')) {
    let closedInYear = false;
    let surveyed = false;
    let lastClosing = false;
    for (const e of c.events) {
      if (e.type === 'ComplaintClosed') {
        lastClosing = e.data.reason !== 'complainant-unreachable' && DateTime.fromISO(e.occurredAt).setZone(SEOUL).year === year;
        if (lastClosing) tally.closings++;
        closedInYear ||= lastClosing;
      } else if (e.type === 'ComplaintReopened') lastClosing = false;
      else if (e.type === 'SatisfactionRecorded' && lastClosing) surveyed = true;
    }
    if (closedInYear) tally.closed++;
    if (surveyed) tally.surveyed++;
  }
  return tally;
}

describe('the complainants’ satisfaction of a year (QPSI, 연 1회)', () => {
  it('per element the mean on 0–100 of the year’s surveys, and the index by the handbook’s formula, worked out here from the events', async () => {
    for (const year of [2025, 2026]) {
      const surveys = surveysOf(year);
      expect(surveys.length).toBeGreaterThan(20);
      const mean = (e: string) => ((surveys.reduce((sum, s) => sum + s[e]!, 0) / surveys.length - 1) / 4) * 100;
      // Equal weights: the items' mean is the process dimension; the index is half of it and half the overall rating.
      const index = (ITEMS.reduce((sum, e) => sum + mean(e), 0) / ITEMS.length + mean('overall')) / 2;
      const report = await get(`/reports/yearly/${year}/satisfaction`);
      expect(report.overall.value.surveys).toBe(surveys.length);
      for (const e of ELEMENTS) expect(report.overall.value.elements[e]).toEqual({ answers: surveys.length, mean: expect.closeTo(mean(e), 2) });
      expect(report.overall.value.index).toBeCloseTo(index, 2);
    }
  });

  it('the year equals its four quarters of GET /reports/quarterly, and has the previous year beside it', async () => {
    const year = await get('/reports/yearly/2026/satisfaction');
    const before = await get('/reports/yearly/2025/satisfaction');
    expect(year.overall.previous).toEqual(before.overall.value);
    expect(year.departments.map((d: { previous: unknown }) => d.previous)).toEqual(before.departments.map((d: { value: unknown }) => d.value));
    expect(year.coverage.previous).toEqual(before.coverage.value);
    let responses = 0;
    for (const q of [1, 2, 3, 4]) responses += (await get(`/reports/quarterly?quarter=2026-Q${q}`)).figures.satisfactionResponses.value;
    expect(year.overall.value.surveys).toBe(responses);
  });

  it('"표본구성: 고객불만건 전수조사": the coverage counts complaints closed in the year, a case closed, reopened and closed again once', async () => {
    const year = await get('/reports/yearly/2026/satisfaction');
    const expected = closedComplaintsOf(2026);
    let closings = 0;
    for (const q of [1, 2, 3, 4]) closings += (await get(`/reports/quarterly?quarter=2026-Q${q}`)).figures.closed.value;
    // The quarters count closings; the workload closes some cases again after a reopening.
    expect(closings).toBe(expected.closings);
    expect(expected.closings).toBeGreaterThan(expected.closed);
    expect(year.coverage.value).toEqual({ closed: expected.closed, surveyed: expected.surveyed, share: Math.round((expected.surveyed / expected.closed) * 10_000) / 10_000 });
  });

  it('per department and per category, their surveys adding up to the year’s', async () => {
    const report = await get('/reports/yearly/2026/satisfaction');
    const sum = (rows: { value: { surveys: number } }[]) => rows.reduce((n, r) => n + r.value.surveys, 0);
    expect(sum(report.categories)).toBe(report.overall.value.surveys);
    expect(sum(report.departments)).toBeLessThanOrEqual(report.overall.value.surveys);
    expect(report.departments.some((d: { value: { index: number | null } }) => d.value.index !== null)).toBe(true);
    expect(report.elements.map((e: { code: string }) => e.code)).toEqual(ELEMENTS);
  });

  it('a survey answers the catalog’s elements: another is a 400 naming it, the overall rating is required, the others may be left out', async () => {
    const closed = generated.find((c) => c.category !== 'compliment' && c.events.at(-1)!.type === 'ComplaintClosed')!;
    const survey = (scores: Record<string, number>) => api.call('POST', `/complaints/${closed.complaintId}/record-satisfaction`, { as: staff.intake, body: { scores } });
    expect((await survey({ speed: 3, overall: 3 })).body.errors).toEqual([{ field: 'scores.speed', rule: expect.stringContaining('not a survey element') }]);
    expect((await survey({ courtesy: 6, overall: 3 })).body.errors).toEqual([{ field: 'scores.courtesy', rule: 'must be a whole number from 1 to 5' }]);
    expect((await survey({ courtesy: 4 })).body.errors).toEqual([{ field: 'scores.overall', rule: 'is required' }]);
    const recorded = await survey({ explanation: 5, overall: 4 });
    expect(recorded.status).toBe(200);
  });

  it('a year is a calendar year: anything else is a 400 naming it; a parameter, which the yearly reports take none of, too', async () => {
    const response = await api.call('GET', '/reports/yearly/20x6/satisfaction', { as: staff.manager });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'year', rule: expect.any(String) }]);
    const unknown = await api.call('GET', '/reports/yearly/2026/departments?x=1', { as: staff.manager });
    expect(unknown).toMatchObject({ status: 400, body: { errors: [{ field: 'x', rule: 'is not a parameter; this route takes none' }] } });
  });
});

describe('the departments’ evaluation (만족업무평가)', () => {
  it('each score is the configured weights over the measures, graded by the bands, with the increase over the previous year', async () => {
    const { departments } = await get('/reports/yearly/2026/departments');
    const before = await get('/reports/yearly/2025/departments');
    const { weights, grades } = DEFAULT_DEPARTMENT_EVALUATION;
    expect(departments.length).toBe(DEFAULT_CATALOG.departments.length);
    for (const d of departments) {
      const given = Object.entries(d.measures as Record<string, number | null>).filter(([, v]) => v !== null) as [keyof typeof weights, number][];
      const score = given.reduce((s, [m, v]) => s + weights[m] * v, 0) / given.reduce((s, [m]) => s + weights[m], 0);
      expect(d.score).toBeCloseTo(score, 1);
      expect(d.grade).toBe([...grades].sort((a, b) => b.minScore - a.minScore).find((g) => d.score >= g.minScore)!.grade);
      if (d.figures.closed > 0) expect(d.measures.slaCompliance).toBeCloseTo((100 * d.figures.closedWithinDeadline) / d.figures.closed, 1);
      const last = before.departments.find((x: { department: string }) => x.department === d.department);
      expect(d.previous.score).toBe(last.score);
      expect(d.scoreIncrease).toBeCloseTo(d.score - last.score, 1);
    }
    // Requests due in 2026: one of three implemented by its due day.
    const inspection2026 = departments.find((d: { department: string }) => d.department === 'inspection');
    expect(inspection2026.figures).toMatchObject({ improvementsDue: 3, improvementsOnTime: 1 });
    expect(inspection2026.measures.improvementsOnTime).toBeCloseTo(33.33, 2);
    expect(before.departments.find((d: { department: string }) => d.department === 'inspection').measures.improvementsOnTime).toBeNull();
    // The departments' closings are the year's four quarters of each department's quarterly report.
    const inspection = departments.find((d: { department: string }) => d.department === 'inspection');
    let closed = 0;
    for (const q of [1, 2, 3, 4]) closed += (await get(`/reports/quarterly?quarter=2026-Q${q}&department=inspection`)).figures.closed.value;
    expect(inspection.figures.closed).toBe(closed);
  });
});

describe('the handling staff’s job satisfaction (처리담당자 만족도), anonymous', () => {
  const handler = (n: number, department = 'inspection'): TokenClaims => ({ sub: `u-staff-${department}-${n}`, name: `Staff ${department} ${n}`, roles: ['handler'], department });
  const answer = (who: ReturnType<typeof handler>, year: number, scores: Record<string, number>) => api.call('POST', `/staff-surveys/${year}/answers`, { as: who, body: { scores } });

  beforeAll(async () => {
    for (let n = 0; n < 6; n++) expect((await answer(handler(n), 2026, { workload: 2 + (n % 3), overall: 4 })).status).toBe(201);
    // Last year's answers, given in 2025 (in 2027 its survey is closed), stored as the command path stores them.
    const store = api.app.get<EventStore>(EVENT_STORE);
    for (let n = 0; n < 5; n++) {
      const id = randomUUID();
      await store.append(`staff-survey-answer-${id}`, [{
        type: 'StaffSurveyAnswered', schemaVersion: 1, data: { year: 2025, department: 'inspection', scores: { workload: 2, overall: 3 } },
        metadata: { actorId: 'anonymous', actorRole: 'anonymous', occurredAt: '2025-11-03T00:00:00Z', commandId: id, correlationId: id, causationId: id },
      }], { expectedRevision: 'no-stream' });
    }
    for (let n = 0; n < 2; n++) expect((await answer(handler(n, 'audit'), 2026, { workload: 5, overall: 5 })).status).toBe(201);
    await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
  });

  it('a second answer of the same person and year is refused (409), and stores nothing', async () => {
    const before = await api.eventsStoredByRequests();
    const again = await answer(handler(0), 2026, { overall: 1 });
    expect(again.status).toBe(409);
    expect(await api.eventsStoredByRequests()).toBe(before);
  });

  it('the stored answers name no person: no actor id, no name, no instant', async () => {
    const { sql, s } = api.app.get<ReadModelDatabase>(READ_MODELS);
    const rows = await sql.query<Record<string, unknown>>(`SELECT * FROM ${s}.events WHERE stream_id LIKE 'staff-survey-answer-%'`);
    expect(rows).toHaveLength(13);
    const text = JSON.stringify(rows.map(({ recorded_at: _recorded, ...row }) => row));
    expect(text).not.toMatch(/u-staff|Staff inspection|Staff audit/);
    const answers = await sql.query<Record<string, unknown>>(`SELECT * FROM ${s}.staff_survey_answers`);
    expect(JSON.stringify(answers)).not.toMatch(/u-staff|Staff /);
    expect(Object.keys(answers[0]!).sort()).toEqual(['answer_id', 'department', 'scores', 'year']);
    // Each answer's metadata: nobody, and the day only.
    const store = api.app.get<EventStore>(EVENT_STORE);
    for (const row of rows) {
      const [event] = await store.readStream(String(row.stream_id));
      expect(event!.metadata).toEqual(expect.objectContaining({ actorId: 'anonymous', actorRole: 'anonymous', occurredAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/) }));
    }
  });

  it('per question and overall, year over year; a department only with at least 5 answers, and no fewer recovered from the overall', async () => {
    const report = await get('/reports/yearly/2026/staff-satisfaction');
    // audit's 2 answers are withheld from the overall too: overall − inspection would be them.
    expect(report.overall.value.answers).toBe(6);
    expect(report.answersWithheld).toEqual({ value: 2, previous: 0 });
    // workload: 2, 3, 4, 2, 3, 4 (inspection): mean 3 → 50 on 0–100; overall 4 ×6 → 75
    expect(report.overall.value.questions.workload).toEqual({ answers: 6, mean: 50 });
    expect(report.overall.value.overall).toBe(75);
    expect(report.overall.previous.overall).toBe(50);
    expect(report.departments.map((d: { department: string }) => d.department)).toEqual(['inspection']);
    expect(report.departments[0].value.questions.workload.mean).toBe(50);
    expect(report.departmentsWithheld).toBe(1);
    // A year reads the same beside the next as on its own.
    expect((await get('/reports/yearly/2027/staff-satisfaction')).overall.previous).toEqual(report.overall.value);
    // Withheld departments that together reach 5 answers count in the overall: audit 2 + testing 3 (workload 18 + 10 + 5 over 11: 3 → 50).
    for (let n = 0; n < 3; n++) expect((await answer(handler(n, 'testing'), 2026, { workload: n === 0 ? 1 : 2, overall: 1 })).status).toBe(201);
    await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
    const pooled = await get('/reports/yearly/2026/staff-satisfaction');
    expect([pooled.overall.value.answers, pooled.answersWithheld.value, pooled.departmentsWithheld]).toEqual([11, 0, 2]);
    expect(pooled.overall.value.questions.workload).toEqual({ answers: 11, mean: 50 });
  });

  it('a survey long past is closed: this year’s or last year’s only (400 naming year), nothing stored', async () => {
    const before = await api.eventsStoredByRequests();
    for (const year of [2025, 1971]) expect((await answer(handler(7), year, { overall: 3 })).body.errors).toEqual([{ field: 'year', rule: expect.stringContaining('this year or the last') }]);
    expect(await api.eventsStoredByRequests()).toBe(before);
  });

  it('only the catalog’s questions, each 1–5, the overall rating required: a 400 naming the question', async () => {
    const unknown = await answer(handler(9), 2026, { overall: 3, salary: 2 });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'scores.salary', rule: expect.stringContaining('not a question') }]);
    const missing = await answer(handler(9), 2026, { workload: 3 });
    expect(missing.body.errors).toEqual([{ field: 'scores.overall', rule: 'is required' }]);
    // Refused answers took no part: the same person may answer once corrected.
    expect((await answer(handler(9), 2026, { overall: 3 })).status).toBe(201);
  });
});

describe('nominations for a reward (특별포상)', () => {
  it('record who nominated which case and why, and the office’s decision, once', async () => {
    // A case by its id or by its reference, as case routes take it; stored as ids.
    const received = (await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() })).body;
    const created = await api.call('POST', '/nominations', {
      as: staff.head,
      body: { year: 2026, kind: 'handling', department: 'inspection', nominee: { kind: 'employee', id: 'emp-7' }, complaints: [generated[0]!.complaintId, received.reference], reason: 'Resolved a gas leak the same day' },
      headers: { 'x-correlation-id': 'nominate-1' },
    });
    expect(created.status).toBe(201);
    // A case that was never received is no case to nominate, as for an improvement request.
    const unknown = await api.call('POST', '/nominations', {
      as: staff.head,
      body: { year: 2026, kind: 'handling', department: 'inspection', nominee: { kind: 'employee', id: 'emp-7' }, complaints: [generated[0]!.complaintId, '', 'no-such-case'], reason: 'x' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'complaints[1]', rule: 'must be a complaint id or its reference (2026-000123)' }, { field: 'complaints[2]', rule: 'no complaint no-such-case' }]);
    // A department head nominates for their own department only.
    const elsewhere = await api.call('POST', '/nominations', {
      as: staff.head,
      body: { year: 2026, kind: 'handling', department: 'audit', nominee: { kind: 'employee', id: 'emp-9' }, complaints: [], reason: 'Helpful' },
    });
    expect(elsewhere).toMatchObject({ status: 403, body: { message: 'a department head nominates for their own department (inspection), not audit' } });
    const id = created.body.id as string;
    expect((await api.call('POST', `/nominations/${id}/decision`, { as: staff.office, body: { decision: 'awarded', note: 'Exemplary' } })).body.errors).toEqual([{ field: 'reward', rule: expect.any(String) }]);
    expect((await api.call('POST', `/nominations/${id}/decision`, { as: staff.head, body: { decision: 'awarded', reward: 'Gift', note: 'x' } })).status).toBe(403);
    expect((await api.call('POST', `/nominations/${id}/decision`, { as: staff.office, body: { decision: 'awarded', reward: 'President’s commendation', note: 'Exemplary' }, headers: { 'x-correlation-id': 'decide-1' } })).status).toBe(201);
    // Each event carries its request's correlation id, as a command's do: the request log and the history line up.
    expect((await api.app.get<EventStore>(EVENT_STORE).readStream(nominationStreamId(id))).map((e) => e.metadata.correlationId)).toEqual(['nominate-1', 'decide-1']);
    expect((await api.call('POST', `/nominations/${id}/decision`, { as: staff.office, body: { decision: 'not-awarded', note: 'Changed my mind' } })).status).toBe(409);
    expect((await api.call('POST', `/nominations/${randomUUID()}/decision`, { as: staff.office, body: { decision: 'not-awarded', note: 'x' } })).status).toBe(404);
    await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
    const { nominations } = await get('/nominations?year=2026');
    expect(nominations).toEqual([expect.objectContaining({
      id, kind: 'handling', department: 'inspection', nominee: { kind: 'employee', id: 'emp-7' }, complaints: [generated[0]!.complaintId, received.id], reason: 'Resolved a gas leak the same day', nominatedBy: staff.head.sub,
      decision: expect.objectContaining({ decision: 'awarded', reward: 'President’s commendation', decidedBy: staff.office.sub }),
    })]);
  });
});

describe('the yearly complaint-reduction plan', () => {
  it('the most frequent complaint types with the four quarters and the previous year, and the measures for them', async () => {
    const plan = await get('/reports/yearly/2026/reduction-plan');
    const before = await get('/reports/yearly/2025/reduction-plan');
    const counts = plan.categories.map((c: { complaints: number }) => c.complaints);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(plan.categories.filter((c: { frequent: boolean }) => c.frequent)).toHaveLength(3);
    let complaints = 0;
    for (const q of [1, 2, 3, 4]) complaints += (await get(`/reports/quarterly?quarter=2026-Q${q}`)).figures.complaints.value;
    expect(plan.categories.reduce((n: number, c: { complaints: number }) => n + c.complaints, 0)).toBe(complaints);
    for (const c of plan.categories) {
      expect(c.quarters.reduce((a: number, b: number) => a + b, 0)).toBe(c.complaints);
      expect(c.previous).toBe(before.categories.find((x: { code: string }) => x.code === c.code).complaints);
    }
    // All three still owe their result (reported by the due day) in February 2027: overdue.
    expect(plan.measures).toEqual([{ category: 'defective-facility', requests: 3, byState: { planned: 1, implemented: 2 }, overdue: 3, requestIds: ['ir-on-time', 'ir-late', 'ir-open'] }]);
    expect(plan.subjects.length).toBeGreaterThan(0);
    expect(plan.subjects[0]).toEqual({ kind: 'employee', reason: expect.any(String), findings: expect.any(Number), previous: expect.any(Number) });
  });

  it('"주요 빈발 고객불만에 대한 대책": each type tied with the third most frequent is marked; a request from cases of two categories is a measure under each', async () => {
    // January 2027, after the workload: inspection 3, customer support 2, planning and testing 1 each, audit none;
    // defective-facility 2, five categories 1 each.
    const cases = [['rp-1', 'defective-facility'], ['rp-2', 'defective-facility'], ['rp-3', 'inspection-objection'], ['rp-4', 'inquiry'], ['rp-5', 'suggestion'], ['rp-6', 'budget-waste'], ['rp-7', 'poor-quality-lpg']] as const;
    for (const [i, [id, category]] of cases.entries()) await appendHistory(api.app, id, [[`2027-01-12T1${i}:00`, receive(id, { category })], [`2027-01-12T1${i}:30`, step.assign]]);
    const filed = await api.call('POST', '/improvement-requests', { as: staff.office, body: { department: 'inspection', complaints: ['rp-1', 'rp-4'], change: 'Explain meter checks on the phone', reason: 'Leak reports and questions' } });
    expect(filed.status).toBe(201);
    await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
    const plan = await get('/reports/yearly/2027/reduction-plan');
    const marked = (types: { code: string; frequent: boolean }[]) => types.filter((t) => t.frequent).map((t) => t.code);
    expect(marked(plan.departments)).toEqual(['inspection', 'customer-support', 'planning', 'testing']);
    expect(marked(plan.categories)).toEqual(['defective-facility', 'budget-waste', 'inquiry', 'inspection-objection', 'poor-quality-lpg', 'suggestion']);
    expect(plan.measures.map((m: { category: string; requests: number }) => [m.category, m.requests])).toEqual([['defective-facility', 1], ['inquiry', 1]]);
  });
});

describe('the yearly report as a printable page', () => {
  it('opens in Chromium with the JSON reports’ figures, Korean and English labels and SVG bars, and prints to A4', async () => {
    const response = await api.call('GET', '/reports/yearly/2026/report.html', { as: staff.manager });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const satisfaction = await get('/reports/yearly/2026/satisfaction');
    const { departments } = await get('/reports/yearly/2026/departments');
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.setContent(response.body as string);
      expect(await page.title()).toBe('Yearly complaint report 2026');
      expect(await page.locator('h1').textContent()).toContain('2026년 고객불만 연간 보고서');
      expect(await page.locator('#qpsi tbody tr[data-element]').count()).toBe(ELEMENTS.length);
      expect(await page.locator('#qpsi').textContent()).toContain(String(satisfaction.overall.value.index));
      const first = departments[0];
      expect(await page.locator(`#departments tr[data-department="${first.department}"]`).textContent()).toContain(String(first.score));
      expect(await page.locator('#departments svg.bar').count()).toBe(departments.length);
      expect(await page.locator('script').count()).toBe(0);
      // Codes read as names: the kind of a subject at fault, the states of the improvement requests.
      const text = await page.locator('body').textContent();
      expect(text).toContain('직원 Employee');
      expect(text).toContain('개선 완료 Implemented 2');
      expect(text).not.toMatch(/\bimplemented 2\b|<td>employee/);
      const shot = screenshotPath('yearly-report-html.png');
      if (shot) await page.screenshot({ path: shot, fullPage: true });
      const pdf = await page.pdf({ format: 'A4' });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      await browser.close();
    }
  });
});

describe('the console’s yearly reports page', () => {
  it('shows a manager the year’s figures as the API gives them, in English and Korean', async () => {
    ensureConsoleBuilt();
    const { departments } = await get('/reports/yearly/2026/departments');
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: { width: WIDTHS.wide, height: 900 }, locale: 'en-GB', timezoneId: 'Asia/Seoul' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${api.url}/#/`);
      await page.getByLabel('Bearer token').fill(await api.token(staff.manager));
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.getByText(`Signed in as ${staff.manager.name}`).waitFor();
      await page.getByRole('link', { name: 'Yearly reports' }).click();
      await page.getByLabel('Year').fill('2026');
      await page.locator('#yearly-department-table').waitFor();
      for (const d of departments) {
        const row = page.locator(`#yearly-department-table tr[data-department="${d.department}"]`);
        expect(await row.textContent()).toContain(String(d.score));
      }
      expect(await page.locator('#yearly-elements tr[data-element]').count()).toBe(ELEMENTS.length);
      await screenshotBothWidths(page, 'yearly');
      await page.getByRole('button', { name: 'Show the console in Korean' }).click();
      await page.getByRole('heading', { name: '연간 보고', level: 1 }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 180_000);
});
