import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { replay, complaintOf } from '../../domain/complaint/decider.js';
import { ComplaintCodec, complainantKeyOf, toDomainEvent, ERASED } from '../../src/complaint-stream/index.js';
import type { StoredEvent } from '../../src/event-store/event-store.js';
import { PgClient } from '../../src/sql/index.js';
import { PersonalDataVault } from '../../src/personal-data/vault.js';
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
    expect(stored[0]!.data).toMatchObject({ complaintId: 'c-1', category: 'defective-facility', consent: { sms: true, email: true, phone: false }, complainantKey: key, identityKeys: [key, expect.any(String)] });
    expect(stored[2]!.data).toMatchObject({ sealed: ['description', 'reason'] });
    expect(stored[2]!.data).not.toHaveProperty('reason');
    expect((await codec.open(stored)).map(toDomainEvent)).toEqual([...received, ...assigned, ...amended].map((e) => ({ ...e, data: e.type === 'ComplaintReceived' ? { ...e.data, complainantKey: key, identityKeys: stored[0]!.data.identityKeys } : e.data })));
  });

  it('after erasure decode to [erased] while the rest of the case stays whole', async () => {
    const first = (await codec.encode([...received, ...assigned], metadata)).stored;
    const key = complainantKeyOf(asStored(first))!;
    const stored = asStored([...first, ...(await codec.encode(amended, metadata, key)).stored]);
    await vault.erase(key);
    const decoded = (await codec.open(stored)).map(toDomainEvent);
    const complaint = complaintOf(replay(decoded))!;
    expect(complaint).toMatchObject({ complainant: { name: ERASED }, description: ERASED, category: 'defective-facility', department: 'inspection', consent: { sms: true, email: true, phone: false } });
    expect(JSON.stringify(decoded)).not.toContain('김민수');
  });

  it('events stored before they listed their sealed fields still open, and after erasure show the same fields as then', async () => {
    const first = (await codec.encode([...received, ...assigned], metadata)).stored;
    const key = complainantKeyOf(asStored(first))!;
    const [amendment] = (await codec.encode(amended, metadata, key)).stored;
    // As an earlier release stored them: the receipt without a list, the amendment's list under `changed`.
    const { sealed: _receiptList, ...oldReceipt } = first[0]!.data;
    const { sealed: amendmentList, ...oldAmendment } = amendment!.data;
    const stored = asStored([{ ...first[0]!, data: oldReceipt }, first[1]!, { ...amendment!, data: { ...oldAmendment, changed: amendmentList } }]);
    expect((await codec.open(stored)).map(toDomainEvent)[2]).toEqual(amended[0]);
    await vault.erase(key);
    const opened = await codec.open(stored);
    expect(opened[0]!.data).toMatchObject({ complainant: { name: ERASED }, description: ERASED });
    expect(opened[0]!.data).not.toHaveProperty('remedySought');
    // The amendment's reason, in the clear then, is sealed personal data now: it goes with the rest.
    expect(opened[2]!.data).toEqual({ reason: ERASED, description: ERASED });
  });

  it('an erased receipt shows every field that was sealed, the remedy sought too when one was given', async () => {
    const withRemedy = received.map((e) => (e.type === 'ComplaintReceived' ? { ...e, data: { ...e.data, remedySought: '계량기 교체' } } : e));
    const stored = asStored((await codec.encode(withRemedy, metadata)).stored);
    expect(stored[0]!.data.sealed).toEqual(['complainant', 'description', 'remedySought']);
    await vault.erase(complainantKeyOf(stored)!);
    expect((await codec.open(stored))[0]!.data).toMatchObject({ complainant: { name: ERASED }, description: ERASED, remedySought: ERASED });
  });
});
