import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_KOREAN_CALENDAR, nextWorkingDayDeadline } from '../../domain/working-time/index.js';
import type { TokenClaims } from '../../src/auth/sign-token.js';
import type { ProjectionRunner } from '../../src/projections/index.js';
import { PROJECTIONS } from '../../src/projections/index.js';
import { complaintBody, staff, startTestApi, type TestApi, utc } from '../support/api.js';

/** Issue 16, rules 8 to 13, over HTTP: what the API now accepts and refuses. */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const testingHandler: TokenClaims = { sub: 'u-testing', name: 'Handler Seo', roles: ['handler'], department: 'testing' };
const auditHandler = staff.otherHandler;

const receive = async (overrides: Record<string, unknown> = {}): Promise<string> => {
  const response = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody(overrides) });
  expect(response.status).toBe(201);
  return response.body.id as string;
};
const post = (id: string, command: string, as: TokenClaims, body: unknown) => api.call('POST', `/complaints/${id}/${command}`, { as, body });

describe('rule 8: "요청기일내(또는 D+1일)에 제출": a request for materials carries its due date', () => {
  it('without a date, the request is due at the end of the next working day; with one, on that date', async () => {
    const id = await receive();
    await post(id, 'assign', staff.intake, {});
    const before = new Date().toISOString();
    const asked = await post(id, 'request-information', staff.handler, { department: 'testing', request: 'Lab report of batch 7' });
    expect(asked.status).toBe(200);
    const [request] = asked.body.informationRequests as { dueAt: string; requestedAt: string }[];
    expect(Date.parse(request!.dueAt)).toBe(Date.parse(nextWorkingDayDeadline(request!.requestedAt, DEFAULT_KOREAN_CALENDAR)));
    expect(Date.parse(request!.dueAt)).toBeGreaterThan(Date.parse(before));

    const dated = await post(id, 'request-information', staff.handler, { department: 'planning', request: 'Budget lines', dueAt: '2099-01-05T12:00:00+09:00' });
    expect(dated.body.informationRequests[1]).toMatchObject({ department: 'planning', dueAt: utc('2099-01-05T12:00:00+09:00') });
  });

  it('a due date in the past, or without a time zone, is refused naming dueAt, and nothing is stored', async () => {
    const id = await receive();
    await post(id, 'assign', staff.intake, {});
    const events = await api.eventsStoredByRequests();
    const past = await post(id, 'request-information', staff.handler, { department: 'testing', request: 'x', dueAt: '2020-01-01T10:00:00+09:00' });
    expect(past).toMatchObject({ status: 400, body: { errors: [{ field: 'dueAt', rule: 'must be after the request' }] } });
    const local = await post(id, 'request-information', staff.handler, { department: 'testing', request: 'x', dueAt: '2099-01-01T10:00:00' });
    expect(local.status).toBe(400);
    expect(local.body.errors[0].field).toBe('dueAt');
    expect(await api.eventsStoredByRequests()).toBe(events);
  });
});

describe('rule 9: urgent cases ("긴급") come first in the case list, before the newest', () => {
  it('an urgent case received earlier is listed before normal cases received later, on every page', async () => {
    // A service of its own, so that no other test's cases come between.
    const own = await startTestApi();
    try {
      const make = async (assess: object) => {
        const id = (await own.call('POST', '/complaints', { as: staff.intake, body: complaintBody() })).body.id as string;
        await own.call('POST', `/complaints/${id}/assess`, { as: staff.intake, body: assess });
        return id;
      };
      const urgent = await make({ severity: 'medium', safetyIssue: true });
      const normal1 = await make({ severity: 'low', safetyIssue: false });
      const normal2 = await make({ severity: 'low', safetyIssue: false });
      await own.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
      const all = await own.call('GET', '/complaints', { as: staff.office });
      expect(all.body.items.map((i: { id: string }) => i.id)).toEqual([urgent, normal2, normal1]);
      // Paged one by one, the cursor keeps the order across the urgent ones and the rest.
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await own.call('GET', `/complaints?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { as: staff.office });
        ids.push(...page.body.items.map((i: { id: string }) => i.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(ids).toEqual([urgent, normal2, normal1]);
    } finally {
      await own.close();
    }
  });
});

describe('rule 10: "처리중에 있거나 처리 완료된 건 … 재조사 및 재검토를 요구할 수 있음": reopen while in progress', () => {
  it('the complaints office sends an investigated case back for re-investigation; a handler may not', async () => {
    const id = await receive();
    await post(id, 'assign', staff.intake, {});
    await post(id, 'record-findings', staff.handler, { summary: 'Quick look', subjects: [] });
    expect((await post(id, 'reopen', staff.handler, { reason: 'x' })).status).toBe(403);
    const reopened = await post(id, 'reopen', staff.office, { reason: 'Findings too thin' });
    expect(reopened).toMatchObject({ status: 200, body: { state: 'assigned', reopenings: 1 } });
    expect((await post(id, 'reopen', staff.office, { kind: 'appeal', reason: 'x' })).body).toMatchObject({ errors: [{ field: 'kind' }] });
  });
});

describe('rule 11: "대외기관 접수 일반 고객불만: 고객지원처 / 특정부서 관련: 소관부서": external complaints route by content', () => {
  const external = (department?: string) => ({ kind: 'external', body: 'consumer-agency', reference: 'KCA-2026-77', ...(department ? { department } : {}) });

  it('a general matter goes to the customer support office, one department’s matter to that department: by its category, or the department the route names', async () => {
    const general = await receive({ route: external(), category: 'inquiry' });
    expect((await post(general, 'assign', staff.intake, {})).body.department).toBe('customer-support');
    const facility = await receive({ route: external(), category: 'defective-facility' });
    expect((await post(facility, 'assign', staff.intake, {})).body.department).toBe('inspection');
    const testing = await receive({ route: external('testing'), category: 'defective-facility' });
    expect((await post(testing, 'assign', staff.intake, {})).body.department).toBe('testing');
    const internal = await receive({ category: 'defective-facility' });
    expect((await post(internal, 'assign', staff.intake, {})).body.department).toBe('inspection');
  });

  it('an unknown department on the route is refused naming route.department', async () => {
    const response = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ route: external('nowhere') }) });
    expect(response).toMatchObject({ status: 400, body: { errors: [{ field: 'route.department' }] } });
  });

  it('the catalog names the departments as the manual does and the general department of external complaints', async () => {
    const { body } = await api.call('GET', '/catalog', { as: staff.handler });
    expect(body.departments.map((d: { name: { ko: string } }) => d.name.ko)).toEqual(['고객지원처', '감사실', '기획조정실', '검사지도처', '시험검사실']);
    expect(body.routes.generalDepartment).toBe('customer-support');
  });
});

describe('rule 12: joint handling: a lead department and cooperating departments, each contributing before the decision', () => {
  it('cooperating departments see the case in their inbox and record contributions; the head may decide only after them', async () => {
    const id = await receive();
    expect((await post(id, 'assign', staff.intake, { cooperatingDepartments: ['testing', 'inspection'] })).body).toMatchObject({
      errors: [{ field: 'cooperatingDepartments[1]', rule: 'inspection leads the handling: a cooperating department is another one' }],
    });
    expect((await post(id, 'assign', staff.intake, { cooperatingDepartments: ['testing'] })).body).toMatchObject({ department: 'inspection', cooperatingDepartments: ['testing'] });
    await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();

    const inbox = await api.call('GET', '/complaints?involving=testing', { as: testingHandler });
    expect(inbox.body.items.map((i: { id: string }) => i.id)).toContain(id);
    expect(inbox.body.items.find((i: { id: string }) => i.id === id)).toMatchObject({ department: 'inspection', cooperatingDepartments: ['testing'] });
    expect((await api.call('GET', '/complaints?department=testing', { as: testingHandler })).body.items.map((i: { id: string }) => i.id)).not.toContain(id);

    const seen = await api.call('GET', `/complaints/${id}`, { as: testingHandler });
    expect(seen.body.complainant).not.toBe('redacted');
    expect(seen.body.yourCommands).toEqual(['record-contribution']);

    await post(id, 'record-findings', staff.handler, { summary: 'Seal worn', subjects: [] });
    const early = await post(id, 'decide', staff.head, { outcome: 'upheld', basis: 'Gas Safety Act art. 17' });
    expect(early).toMatchObject({ status: 409, body: { reason: 'the cooperating department(s) testing have not recorded their contribution yet' } });

    expect((await post(id, 'record-contribution', auditHandler, { department: 'audit', summary: 'x' })).status).toBe(403);
    expect((await post(id, 'record-contribution', testingHandler, { department: 'audit', summary: 'x' })).status).toBe(403);
    expect((await post(id, 'record-contribution', staff.handler, { department: 'testing', summary: 'x' })).status).toBe(403);
    const contributed = await post(id, 'record-contribution', testingHandler, { department: 'testing', summary: 'Lab: the LPG meets the standard' });
    expect(contributed).toMatchObject({ status: 200, body: { contributions: [{ department: 'testing', summary: 'Lab: the LPG meets the standard' }] } });

    expect((await post(id, 'decide', staff.head, { outcome: 'upheld', basis: 'Gas Safety Act art. 17' })).status).toBe(200);
  });
});

describe('rule 13: "동일한 사유": findings give a reason code for each substantiated subject', () => {
  it('a substantiated subject without a reason from the catalog’s list is refused naming it; with one it is recorded', async () => {
    const id = await receive();
    await post(id, 'assign', staff.intake, {});
    const missing = await post(id, 'record-findings', staff.handler, { summary: 'Rude on the phone', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true }] });
    expect(missing).toMatchObject({ status: 400, body: { errors: [{ field: 'subjects[0].reason' }] } });
    const recorded = await post(id, 'record-findings', staff.handler, { summary: 'Rude on the phone', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'discourtesy' }] });
    expect(recorded.body.findings.subjects).toEqual([{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'discourtesy' }]);
  });

  it('the catalog lists the reasons; the API description offers them in findings and the new command and fields', async () => {
    const { body } = await api.call('GET', '/catalog', { as: staff.handler });
    expect(body.findingReasons.map((r: { code: string }) => r.code)).toEqual(['discourtesy', 'delay', 'wrong-information', 'procedure-error', 'unfair-judgement', 'service-defect']);
    const doc = (await api.call('GET', '/openapi.json')).body;
    expect(Object.keys(doc.components.schemas.SubjectFindingBody.properties)).toContain('reason');
    expect(Object.keys(doc.components.schemas.RequestInformationBody.properties)).toContain('dueAt');
    expect(doc.components.schemas.AssignBody.properties.cooperatingDepartments).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(Object.keys(doc.paths)).toContain('/complaints/{id}/record-contribution');
  });
});
