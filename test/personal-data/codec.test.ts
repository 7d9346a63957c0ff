import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { replay, complaintOf } from '../../domain/complaint/decider.js';
import { ComplaintCodec, complainantKeyOf } from '../../src/complaints/complaint-codec.js';
import { toDomainEvent } from '../../src/complaints/complaint-stream.js';
import type { StoredEvent } from '../../src/event-store/event-store.js';
import { PgClient } from '../../src/event-store/postgres/pg-client.js';
import { ERASED, PersonalDataVault } from '../../src/personal-data/vault.js';
import { at, assigned, received } from '../support/complaint-fixtures.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchemaName } from '../support/postgres.js';

const schema = uniqueSchemaName();
let sql: PgClient;
let vault: PersonalDataVault;
let codec: ComplaintCodec;
const metadata = { actorId: 'u', actorRole: 'intake', commandId: 'c', correlationId: 'c', causationId: 'c' };
const asStored = (events: Awaited<ReturnType<ComplaintCodec['encode']>>['stored']): StoredEvent[] =>
  JSON.parse(JSON.stringify(events.map((e, revision) => ({ ...e, revision, streamId: 'complaint-c-1', eventId: `e${revision}`, recordedAt: e.metadata.occurredAt })))) as StoredEvent[];

beforeAll(async () => {
  sql = new PgClient(TEST_DATABASE_URL);
  await sql.query(`CREATE SCHEMA "${schema}"`);
  vault = await PersonalDataVault.open(sql, `"${schema}"`, randomBytes(32));
  codec = new ComplaintCodec(vault);
});
afterAll(async () => {
  await sql.close();
  await dropSchema(schema);
});

describe('stored complaint events', () => {
  const amended = [{ type: 'ComplaintAmended' as const, data: { description: '보일러도 고장', reason: 'phone call' }, occurredAt: at(40) }];

  it('hold no personal data in the clear, and decode to exactly what was decided', async () => {
    const first = (await codec.encode([...received, ...assigned], metadata)).stored;
    const key = complainantKeyOf(asStored(first));
    const stored = asStored([...first, ...(await codec.encode(amended, metadata, key)).stored]);
    const text = JSON.stringify(stored);
    for (const secret of ['김민수', '010-1234-5678', 'minsu@example.kr', 'gas meter', '보일러']) expect(text).not.toContain(secret);
    expect(stored[0]!.data).toMatchObject({ complaintId: 'c-1', category: 'defective-facility', consent: { sms: true, email: true }, complainantKey: key, identityKeys: [key, expect.any(String)] });
    expect(stored[2]!.data).toMatchObject({ reason: 'phone call', changed: ['description'] });
    expect((await codec.open(stored)).map(toDomainEvent)).toEqual([...received, ...assigned, ...amended].map((e) => ({ ...e, data: e.type === 'ComplaintReceived' ? { ...e.data, complainantKey: key, identityKeys: stored[0]!.data.identityKeys } : e.data })));
  });

  it('after erasure decode to [erased] while the rest of the case stays whole', async () => {
    const first = (await codec.encode([...received, ...assigned], metadata)).stored;
    const key = complainantKeyOf(asStored(first))!;
    const stored = asStored([...first, ...(await codec.encode(amended, metadata, key)).stored]);
    await vault.erase(key);
    const decoded = (await codec.open(stored)).map(toDomainEvent);
    const complaint = complaintOf(replay(decoded))!;
    expect(complaint).toMatchObject({ complainant: { name: ERASED }, description: ERASED, category: 'defective-facility', department: 'inspection', consent: { sms: true, email: true } });
    expect(JSON.stringify(decoded)).not.toContain('김민수');
  });
});
