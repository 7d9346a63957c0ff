import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { decide, initialState } from '../../domain/complaint/decider.js';
import { UNREADABLE } from '../../domain/complaint/redaction.js';
import { ComplaintCodec, complaintStreamId } from '../../src/complaint-stream/index.js';
import { openStorage, type Storage } from '../../src/event-store/index.js';
import { PersonalDataVault } from '../../src/personal-data/vault.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { receiveCommand } from '../support/complaint-fixtures.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchemaName } from '../support/postgres.js';

// A store whose data keys are not all wrapped under the service's master key: the tester's case of a
// restore started without the old key (a new one generated, cases received under it), then the old
// key put back. The cases of the other key must read unreadable, never answer 500.

const schema = uniqueSchemaName();
let api: TestApi;
let readable: string;
let unreadable: string;

beforeAll(async () => {
  // A case under the service's own master key.
  const first = await startTestApi({ schema });
  readable = (await first.call('POST', '/complaints', { as: staff.office, body: complaintBody() })).body.id as string;
  await first.close();
  // A case received while the service ran with another master key (as it did before it refused to).
  const storage: Storage = await openStorage({ kind: 'postgres', url: TEST_DATABASE_URL, schema });
  try {
    const codec = new ComplaintCodec(new PersonalDataVault(storage.sql, `"${schema}"`, Buffer.alloc(32, 9)));
    unreadable = randomUUID();
    const receipt = decide(receiveCommand({ complaintId: unreadable, complainant: { name: '박지성', phone: '010-9999-0000' }, consent: { sms: true, email: false, phone: false } }), initialState());
    const { stored } = await codec.encode(receipt, { actorId: 'u-office', actorRole: 'complaints-office', commandId: randomUUID(), correlationId: 'c', causationId: 'c' });
    await storage.store.append(complaintStreamId(unreadable), stored, { expectedRevision: 'no-stream' });
  } finally {
    await storage.store.close();
  }
  api = await startTestApi({ schema });
}, 60_000);
afterAll(async () => {
  await api?.close();
  await dropSchema(schema);
});

const reason = { 'X-Access-Reason': 'audit of the restore' };

describe('a case whose data key does not open with the master key', () => {
  it('reads: its personal data shows as unreadable (not erased, not a 500) in the case view, events, time travel and replay', async () => {
    const view = await api.call('GET', `/complaints/${unreadable}`, { as: staff.office });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ complainant: { name: UNREADABLE }, description: UNREADABLE, category: 'defective-facility' });

    const events = await api.call('GET', `/complaints/${unreadable}/events`, { as: staff.office });
    expect(events.status).toBe(200);
    expect(JSON.stringify(events.body)).toContain(UNREADABLE);

    const at = await api.call('GET', `/complaints/${unreadable}/at?revision=0`, { as: staff.auditor, headers: reason });
    expect(at.status).toBe(200);
    expect(JSON.stringify(at.body)).toContain(UNREADABLE);

    const replay = await api.call('GET', `/complaints/${unreadable}/replay`, { as: staff.auditor, headers: reason });
    expect(replay.status).toBe(200);
    expect(JSON.stringify(replay.body)).toContain(UNREADABLE);
    expect(JSON.stringify([view.body, events.body, at.body, replay.body])).not.toContain('박지성');

    // The case beside it, under the service's key, reads as ever.
    expect((await api.call('GET', `/complaints/${readable}`, { as: staff.office })).body.complainant).toMatchObject({ name: '김민수' });
  });

  it('refuses commands with 409 naming the master key, and stores nothing', async () => {
    const before = await api.eventsStoredByRequests();
    const assign = await api.call('POST', `/complaints/${unreadable}/assign`, { as: staff.office, body: { department: 'inspection' } });
    expect(assign.status).toBe(409);
    expect(assign.body).toMatchObject({ reason: 'personal-data-unreadable' });
    expect(assign.body.message).toMatch(/data key does not open with the service's master key \(MASTER_KEY, or DATA_DIR\/master-key/);
    const amend = await api.call('POST', `/complaints/${unreadable}/amend`, { as: staff.office, body: { description: 'more', reason: 'phone call' } });
    expect(amend).toMatchObject({ status: 409, body: { reason: 'personal-data-unreadable' } });
    expect(await api.eventsStoredByRequests()).toBe(before);
    // Commands on the readable case go on.
    expect((await api.call('POST', `/complaints/${readable}/assign`, { as: staff.office, body: { department: 'inspection' } })).status).toBe(200);
  });
});
