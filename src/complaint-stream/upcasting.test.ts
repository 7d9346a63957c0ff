import { describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '../event-store/index.js';
import { currentVersion, toDomainEvent, toNewEvent, upcast, type Upcaster } from './upcasting.js';

const closedV1 = { reason: 'resolved' };

describe('events stored in an older shape are read in today’s', () => {
  /** Two changes to ComplaintClosed, as a later release could make them. */
  const upcasters: { ComplaintClosed: Upcaster[] } = {
    ComplaintClosed: [
      (data) => ({ ...data, note: data.note ?? '' }),
      ({ reason, ...rest }) => ({ ...rest, reason: reason === 'resolved' ? 'resolved' : 'complainant-unreachable', closedBy: 'staff' }),
    ],
  };

  it('an event of version 1 goes through every upcaster after it, in order', () => {
    expect(upcast('ComplaintClosed', 1, closedV1, upcasters)).toEqual({ note: '', reason: 'resolved', closedBy: 'staff' });
  });

  it('an event of version 2 goes through the later upcaster only', () => {
    expect(upcast('ComplaintClosed', 2, { reason: 'resolved', note: 'x' }, upcasters)).toEqual({ note: 'x', reason: 'resolved', closedBy: 'staff' });
  });

  it('an event already in the current version is read as stored', () => {
    expect(upcast('ComplaintClosed', 3, { reason: 'resolved', note: 'x', closedBy: 'staff' }, upcasters)).toEqual({ reason: 'resolved', note: 'x', closedBy: 'staff' });
  });

  it('new events are written at the current version: one more than the upcasters of their type', () => {
    expect(currentVersion('ComplaintClosed', upcasters)).toBe(3);
    expect(currentVersion('ComplaintReceived', upcasters)).toBe(1);
    expect(toNewEvent({ type: 'ComplaintClosed', data: { reason: 'resolved' }, occurredAt: '2026-03-09T10:00:00+09:00' }, metadata).schemaVersion).toBe(currentVersion('ComplaintClosed'));
  });

  it('an event written by a newer release is refused, saying so, rather than read wrongly', () => {
    expect(() => upcast('ComplaintClosed', 4, closedV1, upcasters)).toThrow('ComplaintClosed version 4 is newer than this service reads (3): upgrade the service');
  });

  it('the store’s record reads back as the domain’s fact, with its business time', () => {
    const stored: StoredEvent = {
      type: 'ComplaintClosed', schemaVersion: 1, data: closedV1, metadata: { ...metadata, occurredAt: '2026-03-09T10:00:00+09:00' },
      eventId: 'e-1', streamId: 'complaint-c-1', revision: 6, position: { commit: 1n, prepare: 1n }, recordedAt: '2026-03-09T01:00:00.000Z', hash: '', previousHash: '',
    };
    expect(toDomainEvent(stored)).toEqual({ type: 'ComplaintClosed', data: closedV1, occurredAt: '2026-03-09T10:00:00+09:00' });
  });
});

describe('today’s upcasters', () => {
  it('issue 16 rule 13: findings stored before reason codes (version 1) read with "unrecorded" as the reason of each substantiated subject', () => {
    const v1 = { summary: 'Seal worn', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true }, { id: 'emp-8', kind: 'employee', substantiated: false }] };
    expect(upcast('FindingsRecorded', 1, v1)).toEqual({
      summary: 'Seal worn', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'unrecorded' }, { id: 'emp-8', kind: 'employee', substantiated: false }],
    });
    const v2 = { summary: 'Seal worn', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'delay' }] };
    expect(currentVersion('FindingsRecorded')).toBe(2);
    expect(upcast('FindingsRecorded', 2, v2)).toEqual(v2);
  });
});

const metadata = { actorId: 'u', actorRole: 'head', commandId: 'c', correlationId: 'c', causationId: 'c' };

describe('issue 16: receipts stored before phone consent and unidentified complaints', () => {
  const v1 = { complaintId: 'c-1', channel: 'web', category: 'inquiry', consent: { sms: true, email: false }, sealed: ['complainant'], personal: {} };

  it('rule 3 and rule 4: a receipt of version 1 reads with no consent to phone and as identified', () => {
    expect(upcast('ComplaintReceived', 1, v1)).toEqual({ ...v1, consent: { sms: true, email: false, phone: false }, unidentified: false });
  });

  it('a receipt written now is version 2 and read as stored', () => {
    expect(currentVersion('ComplaintReceived')).toBe(2);
    const v2 = { ...v1, consent: { sms: true, email: false, phone: true }, unidentified: true };
    expect(upcast('ComplaintReceived', 2, v2)).toEqual(v2);
  });

  it('rule 2: an interim notice stored without a channel reads as stored (it went on every consented channel)', () => {
    expect(upcast('InterimNoticeSent', 1, { progress: 'p', delayReason: 'd' })).toEqual({ progress: 'p', delayReason: 'd' });
  });
});
