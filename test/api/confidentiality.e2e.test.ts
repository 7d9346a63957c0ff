import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { TokenClaims } from '../../src/auth/sign-token.js';
import { complaintStreamId, currentVersion } from '../../src/complaint-stream/index.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { EVENT_STORE } from '../../src/event-store/index.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { connectAdmin } from '../support/postgres.js';

/** Manual ch.5 §1: the complaint's details reach only those who handle the case now. */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const secondHandler: TokenClaims = { sub: 'u-kim', name: 'Handler Kim', roles: ['handler'], department: 'inspection' };
const otherHead: TokenClaims = { sub: 'u-head-audit', name: 'Head Seo', roles: ['department-head'], department: 'audit' };
const reason = '2026-Q3 감사 표본 점검 (ISO 10002 7.6)';
const breakGlass = (text = reason) => ({ 'x-access-reason': encodeURIComponent(text) });

/** What the complainant wrote, each piece findable in an answer. */
const FREE_TEXT = {
  description: 'Manager Choi took a bribe; witness Park 010-5555-0101 saw it',
  remedySought: 'Discipline Manager Choi',
  amended: 'Also the contract of 2025 was rigged',
  information: 'Witness statement: Park saw the envelope on 3 March',
  comment: 'The investigator was kind',
  amendReason: 'Called from the ward office on 010-7777-0202',
};
const SECRETS = /김민수|010-1234-5678|minsu@example|Manager Choi|witness Park|Discipline|contract of 2025|envelope|investigator was kind|010-7777-0202/;

const post = async (id: string, command: string, as: TokenClaims, body: unknown) => {
  const response = await api.call('POST', `/complaints/${id}/${command}`, { as, body });
  expect({ command, status: response.status, body: response.status === 200 ? undefined : response.body }).toEqual({ command, status: 200, body: undefined });
  return response;
};

/** A case with every kind of free text, assigned to inspection (handler u-handler), closed and surveyed. */
async function caseWithEveryFreeText(overrides: Record<string, unknown> = {}): Promise<string> {
  const received = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ description: FREE_TEXT.description, remedySought: FREE_TEXT.remedySought, ...overrides }) });
  expect(received.status).toBe(201);
  const id = received.body.id as string;
  await post(id, 'assign', staff.intake, { handler: staff.handler.sub });
  await post(id, 'amend', staff.handler, { description: FREE_TEXT.amended, reason: FREE_TEXT.amendReason });
  const requested = await post(id, 'request-information', staff.handler, { department: 'planning', request: 'Contract file 2025' });
  await post(id, 'receive-information', staff.handler, { requestId: requested.body.informationRequests[0].requestId, summary: FREE_TEXT.information });
  await post(id, 'record-findings', staff.handler, { summary: 'Substantiated', subjects: [] });
  await post(id, 'decide', staff.head, { outcome: 'upheld', basis: 'Code of conduct art. 3' });
  await post(id, 'communicate-decision', staff.head, { channel: 'email', basis: 'Code of conduct art. 3', appeal: 'Within 90 days' });
  await post(id, 'close', staff.head, {});
  await post(id, 'record-satisfaction', staff.intake, { scores: { easeOfFiling: 5, interimNotice: 4, proactiveness: 4, courtesy: 5, processingTime: 3, overall: 4 }, comment: FREE_TEXT.comment });
  return id;
}

/** Every route that shows a case: the view, its events, its replay and time travel. */
const READS = (id: string) => [`/complaints/${id}`, `/complaints/${id}/events`, `/complaints/${id}/replay`, `/complaints/${id}/at?revision=0`, `/complaints/${id}/at?revision=4`];

async function readAll(id: string, as: TokenClaims, headers: Record<string, string> = {}): Promise<Record<string, string>> {
  const answers: Record<string, string> = {};
  for (const path of READS(id)) {
    const response = await api.call('GET', path, { as, headers });
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    answers[path] = JSON.stringify(response.body);
  }
  return answers;
}

const accessLog = async (query: string) => (await api.call('GET', `/audit/access-log?${query}`, { as: staff.auditor })).body.items as { id: string; action: string; actorId: string; complaintId: string; personalData: boolean; at: string; detail: Record<string, unknown> }[];

describe('the complaint’s free text is personal data', () => {
  let id: string;
  beforeAll(async () => {
    id = await caseWithEveryFreeText();
  });

  it('is shown in clear to those who handle the case now: its department’s handler and head, and the complaints office', async () => {
    for (const claims of [staff.handler, staff.head, staff.office]) {
      const answers = await readAll(id, claims);
      const all = Object.values(answers).join('\n');
      for (const text of Object.values(FREE_TEXT)) expect({ who: claims.sub, shows: all.includes(text) }).toEqual({ who: claims.sub, shows: true });
    }
    const view = (await api.call('GET', `/complaints/${id}`, { as: staff.handler })).body;
    expect(view).toMatchObject({ description: FREE_TEXT.amended, remedySought: FREE_TEXT.remedySought, satisfaction: { comment: FREE_TEXT.comment } });
    // The information received, beside its request, in the case view (not only in the event).
    expect(view.informationRequests).toEqual([expect.objectContaining({ request: 'Contract file 2025', receivedAt: expect.any(String), summary: FREE_TEXT.information })]);
  });

  it('its pseudonymous keys are for the complaints office, auditors and admins only: those who handle it read the person, not the keys', async () => {
    const keysIn = async (claims: TokenClaims) => {
      const view = (await api.call('GET', `/complaints/${id}`, { as: claims })).body;
      const receipt = (await api.call('GET', `/complaints/${id}/events`, { as: claims })).body.events[0].data;
      const replayed = (await api.call('GET', `/complaints/${id}/replay`, { as: claims })).body.steps[0];
      const travelled = (await api.call('GET', `/complaints/${id}/at?revision=0`, { as: claims })).body;
      return [view, receipt, replayed.data, replayed.after.complaint, travelled].map((shown) => 'complainantKey' in shown && 'identityKeys' in shown);
    };
    for (const claims of [staff.office, staff.auditor, staff.admin]) expect({ who: claims.sub, keys: await keysIn(claims) }).toEqual({ who: claims.sub, keys: [true, true, true, true, true] });
    for (const claims of [staff.handler, staff.head, staff.intake, staff.manager]) expect({ who: claims.sub, keys: await keysIn(claims) }).toEqual({ who: claims.sub, keys: [false, false, false, false, false] });
  });

  it('is [redacted] for everyone else, intake included once a department handles the case, in the view, the events, the replay and time travel', async () => {
    for (const claims of [staff.otherHandler, otherHead, staff.manager, staff.auditor, staff.admin, staff.intake]) {
      for (const [path, text] of Object.entries(await readAll(id, claims))) expect({ who: claims.sub, path, secret: text.match(SECRETS)?.[0] }).toEqual({ who: claims.sub, path, secret: undefined });
    }
    const view = (await api.call('GET', `/complaints/${id}`, { as: staff.manager })).body;
    expect(view).toMatchObject({ complainant: { name: '[redacted]' }, description: '[redacted]', remedySought: '[redacted]', satisfaction: { comment: '[redacted]', scores: { overall: 4 } } });
    expect(view.informationRequests).toEqual([expect.objectContaining({ request: 'Contract file 2025', summary: '[redacted]' })]);
    const events = (await api.call('GET', `/complaints/${id}/events`, { as: staff.auditor })).body.events as { type: string; data: Record<string, unknown> }[];
    const data = (type: string) => events.find((e) => e.type === type)!.data;
    expect(data('ComplaintReceived')).toMatchObject({ complainant: { name: '[redacted]' }, description: '[redacted]', remedySought: '[redacted]', category: 'defective-facility' });
    expect(data('ComplaintAmended')).toEqual({ description: '[redacted]', reason: '[redacted]' });
    expect(data('InformationReceived')).toMatchObject({ summary: '[redacted]' });
    expect(data('SatisfactionRecorded')).toMatchObject({ comment: '[redacted]' });
  });

  it('is stored sealed: the information received too', async () => {
    const admin = await connectAdmin();
    try {
      const { rows } = await admin.query(`SELECT data::text FROM "${api.schema}".events WHERE stream_id = $1`, [complaintStreamId(id)]);
      const stored = rows.map((r) => r.data).join('\n');
      for (const text of Object.values(FREE_TEXT)) expect(stored).not.toContain(text);
      expect(stored).toMatch(/"sealed": \["summary"\]/);
    } finally {
      await admin.end();
    }
  });

  it('intake sees it while it routes the case, before a department has it', async () => {
    const received = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ description: FREE_TEXT.description }) });
    expect((await api.call('GET', `/complaints/${received.body.id}`, { as: staff.intake })).body.description).toBe(FREE_TEXT.description);
    await post(received.body.id, 'assign', staff.intake, {});
    expect((await api.call('GET', `/complaints/${received.body.id}`, { as: staff.intake })).body.description).toBe('[redacted]');
  });

  it('intake no longer sees it once the case is closed before routing; the withdrawal’s reason is the complainant’s and as sealed', async () => {
    const received = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ description: FREE_TEXT.description }) });
    const withdrawal = 'Moving abroad; reach me at +44 20 7946 0000';
    await post(received.body.id, 'withdraw', staff.office, { reason: withdrawal });
    expect((await api.call('GET', `/complaints/${received.body.id}`, { as: staff.intake })).body).toMatchObject({ description: '[redacted]', closure: { as: 'withdrawn', reason: '[redacted]' } });
    expect((await api.call('GET', `/complaints/${received.body.id}`, { as: staff.office })).body.closure.reason).toBe(withdrawal);
    const events = await api.call('GET', `/complaints/${received.body.id}/events`, { as: staff.manager });
    expect(events.body.events.at(-1)).toMatchObject({ type: 'ComplaintWithdrawn', data: { reason: '[redacted]' } });
  });

  it('an information received stored in the clear before it was sealed still reads, redacted for others and [erased] after erasure', async () => {
    // A complainant of their own: erasure takes every case of the key (filed with the same phone, else e-mail).
    const complainant = { name: '이영희', email: `younghee-${randomUUID()}@example.kr` };
    const received = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ complainant, consent: { sms: false, email: true } }) });
    const caseId = received.body.id as string;
    await post(caseId, 'assign', staff.intake, {});
    const requested = await post(caseId, 'request-information', staff.handler, { department: 'planning', request: 'Site log' });
    // As the service stored it before December 2026: the summary in the clear.
    const store = api.app.get<EventStore>(EVENT_STORE);
    await store.append(
      complaintStreamId(caseId),
      [{
        type: 'InformationReceived', schemaVersion: currentVersion('InformationReceived'),
        data: { requestId: requested.body.informationRequests[0].requestId, summary: FREE_TEXT.information },
        metadata: { actorId: 'u-handler', actorRole: 'handler', occurredAt: new Date().toISOString(), commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID() },
      }],
      { expectedRevision: 2 },
    );
    const summary = async (as: TokenClaims) => (await api.call('GET', `/complaints/${caseId}/events`, { as })).body.events[3].data.summary;
    expect(await summary(staff.handler)).toBe(FREE_TEXT.information);
    expect(await summary(staff.manager)).toBe('[redacted]');
    // The office erases by the case's pseudonymous key, which intake's view of the receipt does not show.
    expect(received.body.complainantKey).toBeUndefined();
    const { complainantKey } = (await api.call('GET', `/complaints/${caseId}`, { as: staff.office })).body;
    const erased = await api.call('POST', `/complainants/${complainantKey}/erasure`, { as: staff.office, body: { reason: 'Asked to be forgotten' } });
    expect(erased.status).toBe(200);
    expect(await summary(staff.handler)).toBe('[erased]');
    expect(await summary(staff.manager)).toBe('[erased]');
    expect((await api.call('GET', `/complaints/${caseId}`, { as: staff.handler })).body).toMatchObject({ complainant: { name: '[erased]' }, description: '[erased]', informationRequests: [{ summary: '[erased]' }] });
  });

  it('a read that showed it is in the access log; a redacted one is not', async () => {
    const [latest] = await accessLog(`complaintId=${id}&actor=u-handler&limit=1`);
    await api.call('GET', `/complaints/${id}/events`, { as: staff.handler });
    await api.call('GET', `/complaints/${id}/events`, { as: staff.manager });
    const { reference } = (await api.call('GET', `/complaints/${id}`, { as: staff.manager })).body;
    await api.call('GET', `/complaints/${reference}/events`, { as: staff.handler });
    const [byReference, read, previous] = await accessLog(`complaintId=${id}&actor=u-handler&limit=3`);
    expect(previous!.id).toBe(latest!.id);
    expect(read).toMatchObject({ action: 'personal-data-read', personalData: true, detail: { route: `GET /complaints/${id}/events` } });
    // Read by its reference, the case is logged under its id all the same.
    expect(byReference).toMatchObject({ action: 'personal-data-read', complaintId: id, detail: { route: `GET /complaints/${reference}/events` } });
    expect(await accessLog(`complaintId=${id}&actor=u-manager&action=personal-data-read`)).toEqual([]);
    // A HEAD is answered without the body: nothing shown, nothing logged, on every route that logs its reads.
    const [before] = await accessLog(`complaintId=${id}&limit=1`);
    expect((await api.call('HEAD', `/complaints/${id}`, { as: staff.handler })).status).toBe(200);
    for (const path of [`/complaints/${id}/at?revision=0`, `/complaints/${id}/replay`, `/audit/evidence?complaint=${id}`, `/audit/evidence?complaint=${id}&format=html`]) {
      expect({ path, status: (await api.call('HEAD', path, { as: staff.office })).status }).toEqual({ path, status: 200 });
    }
    expect((await accessLog(`complaintId=${id}&limit=1`))[0]!.id).toBe(before!.id);
  });
});

describe('the break-glass read', () => {
  let id: string;
  beforeAll(async () => {
    id = await caseWithEveryFreeText();
  });

  it('gives an auditor who writes a reason the case’s details, on every route that shows the case', async () => {
    for (const [path, text] of Object.entries(await readAll(id, staff.auditor, breakGlass()))) {
      expect({ path, shows: text.includes(FREE_TEXT.description) || text.includes(FREE_TEXT.amended) }).toEqual({ path, shows: true });
      expect({ path, complainant: text.includes('김민수') }).toEqual({ path, complainant: true });
    }
    // Without a reason, the same auditor reads it redacted.
    expect((await api.call('GET', `/complaints/${id}`, { as: staff.auditor })).body.description).toBe('[redacted]');
  });

  it('is in the access log: who, when, which case and why, for each route', async () => {
    const before = Date.now();
    await api.call('GET', `/complaints/${id}`, { as: staff.auditor, headers: breakGlass('Complaint about a board member, checked on request of the board') });
    await api.call('GET', `/complaints/${id}/replay`, { as: staff.auditor, headers: breakGlass('Replay for the same check') });
    const entries = await accessLog(`complaintId=${id}&action=break-glass-read&limit=2`);
    expect(entries).toMatchObject([
      { actorId: staff.auditor.sub, complaintId: id, personalData: true, detail: { reason: 'Replay for the same check', route: `/complaints/${id}/replay` } },
      { actorId: staff.auditor.sub, complaintId: id, personalData: true, detail: { reason: 'Complaint about a board member, checked on request of the board', route: `GET /complaints/${id}` } },
    ]);
    expect(Date.parse(entries[1]!.at)).toBeGreaterThanOrEqual(before - 1000);
    // The reads of the first test: the view, the events and time travel too.
    const all = await accessLog(`complaintId=${id}&action=break-glass-read&limit=50`);
    expect(new Set(all.map((e) => e.detail.route))).toEqual(new Set([`GET /complaints/${id}`, `GET /complaints/${id}/events`, `/complaints/${id}/replay`, `/complaints/${id}/at`]));
    expect(all.filter((e) => e.detail.reason === reason)).toHaveLength(READS(id).length);
  });

  it("is refused, not ignored, on a route that reads no case's personal data by it: the auditor would believe they broke the glass", async () => {
    const before = (await accessLog(`complaintId=${id}&action=break-glass-read&limit=50`)).length;
    for (const path of ['/complaints', '/complaints/subjects', `/audit/complaints/${id}/trail`]) {
      const response = await api.call('GET', path, { as: staff.auditor, headers: breakGlass() });
      expect({ path, status: response.status, errors: response.body.errors }).toEqual({ path, status: 400, errors: [{ field: 'X-Access-Reason', rule: expect.stringContaining('leave it out here') }] });
    }
    // A command with it stores nothing.
    const revision = (await api.call('GET', `/complaints/${id}`, { as: staff.office })).body.revision;
    expect((await api.call('POST', `/complaints/${id}/acknowledge`, { as: staff.office, headers: breakGlass(), body: { channel: 'email' } })).status).toBe(400);
    expect((await api.call('GET', `/complaints/${id}`, { as: staff.office })).body.revision).toBe(revision);
    expect((await api.call('GET', `/complaints/${id}`, { as: staff.auditor, headers: breakGlass() })).status).toBe(200);
    expect(await accessLog(`complaintId=${id}&action=break-glass-read&limit=50`)).toHaveLength(before + 1);
  });

  it('is for auditors only, and a reason must say something', async () => {
    for (const claims of [staff.manager, staff.admin, staff.otherHandler, staff.office]) {
      const response = await api.call('GET', `/complaints/${id}`, { as: claims, headers: breakGlass() });
      expect({ who: claims.sub, status: response.status }).toEqual({ who: claims.sub, status: 403 });
    }
    for (const bad of [encodeURIComponent('ok'), '%E0%A4%A', encodeURIComponent('line\nbreak reason'), encodeURIComponent('audit \u202Enosaer'), encodeURIComponent('\u200b'.repeat(6)), 'x'.repeat(501)]) {
      const response = await api.call('GET', `/complaints/${id}/events`, { as: staff.auditor, headers: { 'x-access-reason': bad } });
      expect({ bad: bad.slice(0, 20), status: response.status, field: response.body.errors?.[0]?.field }).toEqual({ bad: bad.slice(0, 20), status: 400, field: 'X-Access-Reason' });
    }
    // Given twice, Node would join the two into one reason "a, b" and log that: refused instead.
    const headers = { authorization: `Bearer ${await api.token(staff.auditor)}`, 'x-access-reason': ['Appeal review', 'Second reason'] };
    const twice = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      request(`${api.url}/complaints/${id}/events`, { headers }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      }).on('error', reject).end();
    });
    expect(twice.status).toBe(400);
    expect(JSON.parse(twice.body).errors).toEqual([{ field: 'X-Access-Reason', rule: 'must be given once' }]);
  });

  it('is documented on the routes that show a case', async () => {
    const { paths } = (await api.call('GET', '/openapi.json')).body as { paths: Record<string, { get?: { parameters?: { name: string; in: string }[] } }> };
    for (const path of ['/complaints/{id}', '/complaints/{id}/events', '/complaints/{id}/replay', '/complaints/{id}/at']) {
      expect({ path, header: paths[path]?.get?.parameters?.some((p) => p.name === 'X-Access-Reason' && p.in === 'header') }).toEqual({ path, header: true });
    }
  });
});

describe('a confidential complaint', () => {
  it('marked at receipt: of the handling department only the assignee and the head see its details; the view says it is confidential', async () => {
    const received = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ description: FREE_TEXT.description, confidential: true }) });
    expect(received.body).toMatchObject({ confidential: true, description: FREE_TEXT.description });
    const id = received.body.id as string;
    await post(id, 'assign', staff.intake, { handler: staff.handler.sub });
    const seen = async (as: TokenClaims) => (await api.call('GET', `/complaints/${id}`, { as })).body;
    expect(await seen(staff.handler)).toMatchObject({ confidential: true, description: FREE_TEXT.description, complainant: { name: '김민수' } });
    expect(await seen(staff.head)).toMatchObject({ description: FREE_TEXT.description });
    expect(await seen(staff.office)).toMatchObject({ description: FREE_TEXT.description });
    expect(await seen(secondHandler)).toMatchObject({ confidential: true, description: '[redacted]', complainant: { name: '[redacted]' } });
    const events = await api.call('GET', `/complaints/${id}/events`, { as: secondHandler });
    expect(JSON.stringify(events.body)).not.toMatch(SECRETS);
    // The other handler still works the case: the commands are the department's, but for changing the complainant's words, which they cannot read.
    expect((await api.call('POST', `/complaints/${id}/send-interim-notice`, { as: secondHandler, body: { channel: 'homepage', progress: 'Interviews', delayReason: 'Witness abroad' } })).status).toBe(200);
    const amend = { description: 'Overwritten unread', reason: 'Phone call' };
    expect(await api.call('POST', `/complaints/${id}/amend`, { as: secondHandler, body: amend })).toMatchObject({ status: 403, body: { message: expect.stringMatching(/^amend of a confidential case is for those who read it/) } });
    expect((await api.call('GET', `/complaints/${id}`, { as: secondHandler })).body.yourCommands).not.toContain('amend');
    expect((await api.call('GET', `/complaints/${id}`, { as: staff.handler })).body.yourCommands).toContain('amend');
    expect(await seen(staff.head)).toMatchObject({ description: FREE_TEXT.description });
  });

  it('marked later by the department head or the complaints office, with a reason: from then on the other handlers read it redacted', async () => {
    const received = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ description: FREE_TEXT.description }) });
    const id = received.body.id as string;
    expect(received.body.confidential).toBe(false);
    await post(id, 'assign', staff.intake, { handler: staff.handler.sub });
    expect((await api.call('GET', `/complaints/${id}`, { as: secondHandler })).body.description).toBe(FREE_TEXT.description);

    expect((await api.call('POST', `/complaints/${id}/mark-confidential`, { as: staff.handler, body: { reason: 'harassment' } })).status).toBe(403);
    expect((await api.call('POST', `/complaints/${id}/mark-confidential`, { as: otherHead, body: { reason: 'harassment' } })).status).toBe(403);
    expect((await api.call('POST', `/complaints/${id}/mark-confidential`, { as: staff.head, body: {} })).body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
    const marked = await post(id, 'mark-confidential', staff.head, { reason: 'Harassment by a colleague of the department' });
    expect(marked.body).toMatchObject({ confidential: true, description: FREE_TEXT.description });
    expect((await api.call('POST', `/complaints/${id}/mark-confidential`, { as: staff.office, body: { reason: 'again' } })).status).toBe(409);

    expect((await api.call('GET', `/complaints/${id}`, { as: secondHandler })).body).toMatchObject({ confidential: true, description: '[redacted]' });
    expect((await api.call('GET', `/complaints/${id}`, { as: staff.handler })).body.description).toBe(FREE_TEXT.description);
    const events = (await api.call('GET', `/complaints/${id}/events`, { as: staff.office })).body.events;
    expect(events.at(-1)).toMatchObject({ type: 'ComplaintMarkedConfidential', actorId: staff.head.sub, data: { reason: 'Harassment by a colleague of the department' } });
    // Its past too: judged by the case now.
    expect((await api.call('GET', `/complaints/${id}/at?revision=1`, { as: secondHandler })).body.description).toBe('[redacted]');
  });
});

describe('time travel judges access by who handles the case now', () => {
  it('a handler whose case moved to another department no longer reads its details, at any revision, in the replay or the events', async () => {
    const received = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ description: FREE_TEXT.description }) });
    const id = received.body.id as string;
    await post(id, 'assign', staff.intake, {}); // inspection
    expect((await api.call('GET', `/complaints/${id}/at?revision=1`, { as: staff.handler })).body.description).toBe(FREE_TEXT.description);
    await post(id, 'reassign', staff.office, { department: 'audit', reason: 'Conflict of interest' });

    for (const path of [`/complaints/${id}/at?revision=1`, `/complaints/${id}/at?revision=0`, `/complaints/${id}/replay`, `/complaints/${id}/events`]) {
      const response = await api.call('GET', path, { as: staff.handler });
      expect({ path, status: response.status, secret: JSON.stringify(response.body).match(SECRETS)?.[0] }).toEqual({ path, status: 200, secret: undefined });
    }
    // The department that has it now reads its past, when it was not yet theirs.
    const atReceipt = await api.call('GET', `/complaints/${id}/at?revision=0`, { as: staff.otherHandler });
    expect(atReceipt.body).toMatchObject({ state: 'received', description: FREE_TEXT.description });
    const log = await accessLog(`complaintId=${id}&actor=u-handler&action=time-travel`);
    expect(log.map((e) => [e.detail.revision, e.personalData])).toEqual([[0, false], [1, false], [1, true]]);
  });
});
