import { randomUUID } from 'node:crypto';
import { complaintStreamId, currentVersion } from '../../src/complaint-stream/index.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { eventHash, GENESIS_HASH } from '../../src/event-store/integrity.js';
import { received } from './complaint-fixtures.js';

// What the audit suites build their evidence from: a case written event by event as an import writes
// it, everything sealed, and a careful forger's rewrite of a decision.

/** Who (an id whose role follows `u-`), what event, with what data. */
export type Step = [actorId: string, type: string, data: Record<string, unknown>];

/** Appends `steps` as complaint `id`'s stream, one append each as an import writes them, the i-th at `occurredAt(i)`. */
export async function appendCase(store: EventStore, id: string, steps: Step[], occurredAt: (i: number) => string): Promise<void> {
  for (const [i, [actorId, type, data]] of steps.entries()) {
    await store.append(
      complaintStreamId(id),
      [{ type, schemaVersion: currentVersion(type), data, metadata: { actorId, actorRole: actorId.slice(2), occurredAt: occurredAt(i), commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID() } }],
      { expectedRevision: i === 0 ? 'no-stream' : i - 1 },
    );
  }
}

/** A case received on 3 February 2025 (10:00 in Seoul), acknowledged, assessed, assigned, investigated, upheld, told and closed that day, an hour apart. */
export async function closedCase(store: EventStore, id: string, receipt: Record<string, unknown> = {}): Promise<void> {
  const steps: Step[] = [
    ['u-intake', 'ComplaintReceived', { ...received[0]!.data, complaintId: id, receivedAt: '2025-02-03T10:00:00+09:00', ...receipt }],
    ['u-intake', 'ComplaintAcknowledged', { channel: 'email' }],
    ['u-intake', 'ComplaintAssessed', { severity: 'low', safetyIssue: false, priority: 'normal' }],
    ['u-intake', 'ComplaintAssigned', { department: 'inspection' }],
    ['u-handler', 'FindingsRecorded', { summary: 'Meter misread', subjects: [] }],
    ['u-head', 'DecisionMade', { outcome: 'upheld', basis: 'Tariff rule 4' }],
    ['u-head', 'DecisionCommunicated', { channel: 'email', basis: 'Tariff rule 4', appeal: 'Within 90 days to the ministry' }],
    ['u-head', 'ComplaintClosed', { reason: 'resolved' }],
  ];
  await appendCase(store, id, steps, (i) => `2025-02-03T1${i}:30:00+09:00`);
}

/**
 * Seals everything stored. Sealing follows the global order up to the read horizon, which a long
 * transaction of another session on the same server can hold back for a while.
 */
export async function sealEverything(store: EventStore): Promise<void> {
  for (let tries = 0; tries < 300; tries++) {
    await store.seal!();
    if ((await store.verifyIntegrity!()).unsealedEvents === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('events stayed unsealed for a minute');
}

/**
 * Changes DecisionMade's data in complaint `id`'s stored events and recomputes the stream's hashes and
 * its head hash, as a careful forger would: only the seals catch it. `sql` runs a statement on the
 * store's schema, written `S.`.
 */
export async function rewriteDecision(store: EventStore, sql: (text: string, params: unknown[]) => Promise<unknown>, id: string, change: Record<string, unknown>): Promise<void> {
  let previousHash = GENESIS_HASH;
  for (const event of await store.readStream(complaintStreamId(id))) {
    const data = event.type === 'DecisionMade' ? { ...event.data, ...change } : event.data;
    const hash = eventHash(previousHash, { ...event, data });
    await sql(`UPDATE S.events SET data = $2::jsonb, previous_hash = $3, hash = $4 WHERE event_id = $1`, [event.eventId, JSON.stringify(data), previousHash, hash]);
    previousHash = hash;
  }
  await sql(`UPDATE S.streams SET hash = $2 WHERE stream_id = $1`, [complaintStreamId(id), previousHash]);
}
