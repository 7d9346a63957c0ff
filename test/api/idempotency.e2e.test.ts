import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { complaintBody, staff, startTestApi, type ApiResponse, type TestApi } from '../support/api.js';
import { connectAdmin } from '../support/postgres.js';

/** The Idempotency-Key is bound to (user, method, path, SHA-256 of the canonical body): the IETF draft's and Stripe's rule. */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const withKey = (key: string) => ({ 'idempotency-key': key });
const receive = async (target: TestApi = api) => {
  const { status, body } = await target.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
  expect(status).toBe(201);
  return body.id as string;
};
const eventsOf = async (id: string, target: TestApi = api) => (await target.call('GET', `/complaints/${id}/events`, { as: staff.office })).body.events.length as number;
const expectKeyReused = (answer: ApiResponse, key: string) => {
  expect(answer.status).toBe(422);
  expect(answer.body.message).toContain(`Idempotency-Key "${key}" was already used for a different request`);
};

describe('Idempotency-Key', () => {
  it('the same request again gets the first answer (status, body, ETag), even with its keys in another order, and stores nothing', async () => {
    const body = complaintBody();
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const first = await api.call('POST', '/complaints', { as: staff.intake, body, headers: withKey('same-receipt') });
    const again = await api.call('POST', '/complaints', { as: staff.intake, body: reordered, headers: withKey('same-receipt') });
    expect(first.status).toBe(201);
    expect({ status: again.status, body: again.body, etag: again.headers.get('etag') }).toEqual({ status: 201, body: first.body, etag: first.headers.get('etag') });

    const assigned = await api.call('POST', `/complaints/${first.body.id}/assign`, { as: staff.intake, body: {}, headers: withKey('same-assign') });
    const repeated = await api.call('POST', `/complaints/${first.body.id}/assign`, { as: staff.intake, body: {}, headers: withKey('same-assign') });
    expect({ status: repeated.status, body: repeated.body, etag: repeated.headers.get('etag') }).toEqual({ status: 200, body: assigned.body, etag: assigned.headers.get('etag') });
    expect(await eventsOf(first.body.id)).toBe(2);
  });

  it('the same request again is answered as access stands now: who may no longer see the complainant does not see them in the repeated answer', async () => {
    const body = complaintBody();
    const { name } = body.complainant as { name: string };
    const first = await api.call('POST', '/complaints', { as: staff.intake, body, headers: withKey('receipt-then-assigned') });
    expect(first.status).toBe(201);
    expect(first.body.complainant.name).toBe(name);
    // Assigned, the case is its department's: the intake clerk sees it without the complainant now.
    expect((await api.call('POST', `/complaints/${first.body.id}/assign`, { as: staff.office, body: {} })).status).toBe(200);
    const now = await api.call('GET', `/complaints/${first.body.id}`, { as: staff.intake });
    expect(now.body.complainant.name).not.toBe(name);

    const again = await api.call('POST', '/complaints', { as: staff.intake, body, headers: withKey('receipt-then-assigned') });
    expect(again.status).toBe(201);
    expect(again.body.revision).toBe(first.body.revision);
    expect(again.body.complainant).toEqual(now.body.complainant);
  });

  it('the same key on another case gets 422, not 500, and stores nothing there', async () => {
    const [one, other] = [await receive(), await receive()];
    expect((await api.call('POST', `/complaints/${one}/assign`, { as: staff.intake, body: {}, headers: withKey('k-other-case') })).status).toBe(200);
    const reused = await api.call('POST', `/complaints/${other}/assign`, { as: staff.intake, body: {}, headers: withKey('k-other-case') });
    expectKeyReused(reused, 'k-other-case');
    expect(reused.body.message).toContain(`POST /complaints/${one}/assign`);
    expect(await eventsOf(other)).toBe(1);
  });

  it('the same key with another command on the same case gets 422 instead of the first answer', async () => {
    const id = await receive();
    expect((await api.call('POST', `/complaints/${id}/assign`, { as: staff.intake, body: {}, headers: withKey('k-other-command') })).status).toBe(200);
    expectKeyReused(await api.call('POST', `/complaints/${id}/assess`, { as: staff.intake, body: { severity: 'low', safetyIssue: false }, headers: withKey('k-other-command') }), 'k-other-command');
    expect(await eventsOf(id)).toBe(2);
  });

  it('the same key with another body gets 422 instead of the first answer', async () => {
    const id = await receive();
    expect((await api.call('POST', `/complaints/${id}/assign`, { as: staff.intake, body: {}, headers: withKey('k-other-body') })).status).toBe(200);
    const reused = await api.call('POST', `/complaints/${id}/assign`, { as: staff.intake, body: { department: 'audit' }, headers: withKey('k-other-body') });
    expectKeyReused(reused, 'k-other-body');
    expect(reused.body.message).toContain('with another body');
    expect((await api.call('GET', `/complaints/${id}`, { as: staff.office })).body.department).toBe('inspection');

    const receipt = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody(), headers: withKey('k-other-receipt') });
    expect(receipt.status).toBe(201);
    expectKeyReused(await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ description: 'Another complaint' }), headers: withKey('k-other-receipt') }), 'k-other-receipt');
  });

  it('a key used for a receipt and then for a command (or the other way round) gets 422, never 500', async () => {
    const id = await receive();
    expect((await api.call('POST', `/complaints/${id}/assign`, { as: staff.intake, body: {}, headers: withKey('k-command-first') })).status).toBe(200);
    expectKeyReused(await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody(), headers: withKey('k-command-first') }), 'k-command-first');

    const receipt = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody(), headers: withKey('k-receipt-first') });
    expectKeyReused(await api.call('POST', `/complaints/${receipt.body.id}/assign`, { as: staff.intake, body: {}, headers: withKey('k-receipt-first') }), 'k-receipt-first');
  });

  it('a key spent on a case before keys were bound to requests (no binding kept) gets 422 on another case, never 500', async () => {
    const [one, other] = [await receive(), await receive()];
    expect((await api.call('POST', `/complaints/${one}/assign`, { as: staff.intake, body: {}, headers: withKey('k-before-binding') })).status).toBe(200);
    const admin = await connectAdmin();
    try {
      await admin.query(`DELETE FROM "${api.schema}".idempotency_keys WHERE idempotency_key = 'k-before-binding'`);
    } finally {
      await admin.end();
    }
    expectKeyReused(await api.call('POST', `/complaints/${other}/assign`, { as: staff.intake, body: {}, headers: withKey('k-before-binding') }), 'k-before-binding');
    expect(await eventsOf(other)).toBe(1);
  });

  it('keys of different users never collide', async () => {
    const [one, other] = [await receive(), await receive()];
    const byIntake = await api.call('POST', `/complaints/${one}/assign`, { as: staff.intake, body: {}, headers: withKey('k-shared') });
    const byOffice = await api.call('POST', `/complaints/${other}/assign`, { as: staff.office, body: { department: 'audit' }, headers: withKey('k-shared') });
    expect([byIntake.status, byOffice.status]).toEqual([200, 200]);
    expect(byOffice.body.department).toBe('audit');
  });

  it('a refused request binds nothing: corrected, it may be sent again with the same key', async () => {
    const id = await receive();
    expect((await api.call('POST', `/complaints/${id}/assess`, { as: staff.intake, body: { severity: 'catastrophic' }, headers: withKey('k-bad-body') })).status).toBe(400);
    expect((await api.call('POST', `/complaints/${id}/assess`, { as: staff.intake, body: { severity: 'low', safetyIssue: false }, headers: withKey('k-bad-body') })).status).toBe(200);

    expect((await api.call('POST', `/complaints/${id}/close`, { as: staff.office, body: {}, headers: withKey('k-refused') })).status).toBe(409);
    expect((await api.call('POST', `/complaints/${id}/assign`, { as: staff.office, body: {}, headers: withKey('k-refused') })).status).toBe(200);
    expectKeyReused(await api.call('POST', `/complaints/${id}/close`, { as: staff.office, body: {}, headers: withKey('k-refused') }), 'k-refused');
  });

  it('the same request sent concurrently is stored once; a different one racing it gets 422', async () => {
    const id = await receive();
    const answers = await Promise.all([
      ...Array.from({ length: 4 }, () => api.call('POST', `/complaints/${id}/assign`, { as: staff.intake, body: {}, headers: withKey('k-race') })),
      api.call('POST', `/complaints/${id}/assign`, { as: staff.intake, body: { department: 'audit' }, headers: withKey('k-race') }),
    ]);
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 500)).toEqual([]);
    const winners = answers.filter((a) => a.status === 200);
    expect(winners.length).toBeGreaterThan(0);
    expect(new Set(winners.map((a) => JSON.stringify(a.body))).size).toBe(1);
    // Whichever request bound the key first won: the others of its kind share its answer, the other kind gets 422.
    expect(statuses).toContain(422);
    expect(statuses.filter((s) => s === 422)).toHaveLength(answers.length - winners.length);
    expect(await eventsOf(id)).toBe(2);
  });

  it('is documented in the API description: what the key is bound to, and the 422', async () => {
    const { paths, components } = (await api.call('GET', '/openapi.json')).body;
    for (const operation of [paths['/complaints'].post, paths['/complaints/{id}/assign'].post]) {
      const header = operation.parameters.find((p: { name: string }) => p.name === 'Idempotency-Key');
      expect(header.description).toMatch(/bound to the request .*method, the path .*SHA-256 of the canonical JSON body/);
      expect(header.description).toMatch(/gets 422/);
      expect(operation.responses['422'].$ref).toBe('#/components/responses/UnprocessableContent');
      expect(components.responses.UnprocessableContent.description).toMatch(/different request/);
    }
  });
});

describe('Idempotency-Key bindings are durable', () => {
  it('hold across two service processes on one PostgreSQL schema and across a restart', async () => {
    const second = await startTestApi({ schema: api.schema });
    let restarted: TestApi | undefined;
    try {
      const id = await receive();
      const first = await api.call('POST', `/complaints/${id}/assign`, { as: staff.intake, body: {}, headers: withKey('k-two-processes') });
      const same = await second.call('POST', `/complaints/${id}/assign`, { as: staff.intake, body: {}, headers: withKey('k-two-processes') });
      expect({ status: same.status, body: same.body }).toEqual({ status: 200, body: first.body });
      expectKeyReused(await second.call('POST', `/complaints/${id}/assign`, { as: staff.intake, body: { department: 'audit' }, headers: withKey('k-two-processes') }), 'k-two-processes');

      await second.close();
      restarted = await startTestApi({ schema: api.schema });
      expectKeyReused(await restarted.call('POST', `/complaints/${id}/assess`, { as: staff.intake, body: { severity: 'low', safetyIssue: false }, headers: withKey('k-two-processes') }), 'k-two-processes');
      const again = await restarted.call('POST', `/complaints/${id}/assign`, { as: staff.intake, body: {}, headers: withKey('k-two-processes') });
      expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: first.body });
      expect(await eventsOf(id)).toBe(2);
    } finally {
      await second.close().catch(() => undefined);
      await restarted?.close();
    }
  });

  it('hold across a restart on the embedded store (PGlite)', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'idempotency-'));
    const embedded = () => startTestApi({ config: { store: { kind: 'pglite', dataDir } } });
    try {
      let service = await embedded();
      const id = await receive(service);
      const first = await service.call('POST', `/complaints/${id}/assign`, { as: staff.intake, body: {}, headers: withKey('k-pglite') });
      expect(first.status).toBe(200);
      await service.close();

      service = await embedded();
      try {
        expectKeyReused(await service.call('POST', `/complaints/${id}/assign`, { as: staff.intake, body: { department: 'audit' }, headers: withKey('k-pglite') }), 'k-pglite');
        const again = await service.call('POST', `/complaints/${id}/assign`, { as: staff.intake, body: {}, headers: withKey('k-pglite') });
        expect({ status: again.status, body: again.body }).toEqual({ status: 200, body: first.body });
        expect(await eventsOf(id, service)).toBe(2);
      } finally {
        await service.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
