import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

describe('one complaint from receipt to closure over HTTP', () => {
  it('walks receipt, acknowledgement, assessment, routing, investigation, decision, notice, closing and the survey', async () => {
    const received = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
    expect(received.status).toBe(201);
    const id = received.body.id as string;
    expect(received.headers.get('location')).toBe(`/complaints/${id}`);
    expect(received.headers.get('etag')).toBe('"0"');
    expect(received.body).toMatchObject({ state: 'received', category: 'defective-facility', revision: 0, complainant: { name: '김민수' } });
    expect(received.body.allowedCommands).toContain('assign');

    const steps: [typeof staff[keyof typeof staff], string, unknown, string][] = [
      [staff.intake, 'acknowledge', {}, 'received'],
      [staff.intake, 'assess', { severity: 'high', safetyIssue: true }, 'received'],
      [staff.intake, 'assign', {}, 'assigned'],
      [staff.handler, 'pause-clock', { reason: 'inspection' }, 'assigned'],
      [staff.handler, 'resume-clock', {}, 'assigned'],
      [staff.handler, 'send-interim-notice', { channel: 'email', progress: 'Site visit done', delayReason: 'Lab test pending' }, 'assigned'],
      [staff.handler, 'record-findings', { summary: 'Seal worn', rootCause: 'Missed maintenance', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'procedure-error' }] }, 'investigated'],
      [staff.head, 'decide', { outcome: 'upheld', basis: 'Gas Safety Act art. 17', remedy: 'Seal replaced', compensation: { amount: 10000, currency: 'KRW' } }, 'decided'],
      [staff.head, 'communicate-decision', { channel: 'email', basis: 'Gas Safety Act art. 17', appeal: 'Within 90 days to the ministry' }, 'decided'],
      [staff.head, 'close', {}, 'closed'],
      [staff.intake, 'record-satisfaction', { scores: { easeOfFiling: 5, interimNotice: 4, proactiveness: 4, courtesy: 5, processingTime: 3, overall: 4 } }, 'closed'],
    ];
    let revision = 0;
    for (const [actor, command, body, state] of steps) {
      const response = await api.call('POST', `/complaints/${id}/${command}`, { as: actor, body, headers: { 'if-match': `"${revision}"` } });
      expect({ command, status: response.status, state: response.body.state }).toEqual({ command, status: 200, state });
      revision = Number(JSON.parse(response.headers.get('etag')!));
      expect(response.body.revision).toBe(revision);
    }
    expect(revision).toBe(11);

    const final = await api.call('GET', `/complaints/${id}`, { as: staff.office });
    expect(final.body).toMatchObject({ state: 'closed', closure: { as: 'resolved' }, decision: { outcome: 'upheld' }, satisfaction: { scores: { overall: 4 } } });
    expect(final.headers.get('etag')).toBe('"11"');
    // Another user's view must never come out of a cache.
    expect(final.headers.get('cache-control')).toBe('private, no-store');
    const revalidated = await api.call('GET', `/complaints/${id}`, { as: staff.auditor, headers: { 'if-none-match': '"11"' } });
    expect(revalidated.status).toBe(200);
    expect(revalidated.body).toMatchObject({ complainant: { name: '[redacted]' }, description: '[redacted]' });

    const events = await api.call('GET', `/complaints/${id}/events`, { as: staff.auditor });
    expect(events.body.events.map((e: { type: string }) => e.type)).toEqual([
      'ComplaintReceived', 'ComplaintAcknowledged', 'ComplaintAssessed', 'ComplaintAssigned', 'ClockPaused', 'ClockResumed',
      'InterimNoticeSent', 'FindingsRecorded', 'DecisionMade', 'DecisionCommunicated', 'ComplaintClosed', 'SatisfactionRecorded',
    ]);
    // The actor comes from the token, never from the body.
    expect(events.body.events[7]).toMatchObject({ actorId: 'u-handler', actorRole: 'handler' });
    // An auditor does not see the complainant's personal data.
    expect(events.body.events[0].data).toMatchObject({ complainant: { name: '[redacted]' }, description: '[redacted]' });
  });
});

describe('withdrawal and reopening', () => {
  it('a withdrawn complaint is closed as withdrawn and cannot be decided', async () => {
    const { body } = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
    await api.call('POST', `/complaints/${body.id}/assign`, { as: staff.intake, body: {} });
    const withdrawn = await api.call('POST', `/complaints/${body.id}/withdraw`, { as: staff.office, body: { reason: 'Settled by phone' } });
    expect(withdrawn.body).toMatchObject({ state: 'closed', closure: { as: 'withdrawn', reason: 'Settled by phone' } });
    const decide = await api.call('POST', `/complaints/${body.id}/decide`, { as: staff.office, body: { outcome: 'upheld', basis: 'x' } });
    expect(decide.status).toBe(409);
    // No survey either: it follows completed handling.
    expect(decide.body).toMatchObject({ state: 'closed', allowedCommands: ['mark-confidential'] });
  });

  it('the complaints office reopens a decided case for re-investigation', async () => {
    const { body } = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
    const path = `/complaints/${body.id}`;
    await api.call('POST', `${path}/assign`, { as: staff.intake, body: {} });
    await api.call('POST', `${path}/record-findings`, { as: staff.handler, body: { summary: 'x', subjects: [] } });
    await api.call('POST', `${path}/decide`, { as: staff.head, body: { outcome: 'not-upheld', basis: 'No fault' } });
    const reopened = await api.call('POST', `${path}/reopen`, { as: staff.office, body: { kind: 'appeal', reason: 'Complainant appealed' } });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ state: 'assigned', reopenings: 1 });
  });
});

describe('reading', () => {
  it('lists complaints from the read model, filtered and paged by cursor', async () => {
    const made: string[] = [];
    for (const category of ['inquiry', 'inquiry', 'inquiry', 'budget-waste']) {
      const { body } = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ category }) });
      made.push(body.id);
    }
    // The list is a read model: wait until it shows all three inquiries, then page through it.
    const deadline = Date.now() + 5000;
    const allListed = async () => {
      const { body } = await api.call('GET', '/complaints?category=inquiry&limit=100', { as: staff.manager });
      const ids = body.items.map((c: { id: string }) => c.id);
      return made.slice(0, 3).every((id) => ids.includes(id));
    };
    while (!(await allListed()) && Date.now() < deadline);
    const first = await api.call('GET', '/complaints?category=inquiry&limit=2', { as: staff.manager });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).not.toHaveProperty('complainant');
    const second = await api.call('GET', `/complaints?category=inquiry&limit=2&cursor=${first.body.nextCursor}`, { as: staff.manager });
    const ids = [...first.body.items, ...second.body.items].map((c: { id: string }) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(made.slice(0, 3)));
  });

  it('gives the catalog of categories with their default department and deadline', async () => {
    const catalog = await api.call('GET', '/catalog', { as: staff.handler });
    expect(catalog.body.categories).toContainEqual(expect.objectContaining({ code: 'poor-quality-lpg', defaultDepartment: 'testing', deadlineDays: 3 }));
    expect(catalog.body.exclusionReasons).toEqual(['private-law', 'court-or-investigation', 'unidentified', 'fraudulent']);
  });

  it('answers health without a token, with the store kind and state', async () => {
    const health = await api.call('GET', '/health');
    expect(health).toMatchObject({ status: 200, body: { status: 'up', store: { kind: 'postgres', status: 'up' } } });
  });

  it('publishes every command in OpenAPI', async () => {
    const doc = await api.call('GET', '/openapi.json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/complaints', '/complaints/{id}/record-findings', '/complaints/{id}/record-satisfaction']));
    expect(doc.body.components.schemas.ReceiveBody.required).toEqual(expect.arrayContaining(['channel', 'category', 'complainant']));
  });
});
