/**
 * Names the cases the store's integrity findings concern. The store knows streams and events; a reader
 * knows cases: each finding on a complaint's stream, and each event a seal's finding lists, gets the
 * case's human reference (`2026-000001`), read from the case's receipt as stored.
 */
import { complaintIdOf } from '../complaint-stream/index.js';
import type { EventStore, IntegrityFinding, IntegrityReport } from '../event-store/index.js';

export async function nameFindings<T extends IntegrityFinding>(store: Pick<EventStore, 'readStream'>, findings: readonly T[]): Promise<T[]> {
  const streams = new Set<string>();
  for (const finding of findings) {
    for (const streamId of [finding.streamId, ...(finding.events ?? []).map((e) => e.streamId)]) {
      if (streamId !== undefined && complaintIdOf(streamId) !== undefined) streams.add(streamId);
    }
  }
  const references = new Map<string, string>();
  for (const streamId of streams) {
    // The receipt may be the event that was deleted: the finding then names the stream alone.
    const [receipt] = await store.readStream(streamId, { toRevision: 0 }).catch(() => []);
    const reference = receipt?.revision === 0 ? (receipt.data as { reference?: unknown } | null)?.reference : undefined;
    if (typeof reference === 'string') references.set(streamId, reference);
  }
  const referenceOf = (streamId: string | undefined) => {
    const reference = streamId === undefined ? undefined : references.get(streamId);
    return reference === undefined ? {} : { caseReference: reference };
  };
  return findings.map((finding) => ({
    ...finding,
    ...referenceOf(finding.streamId),
    ...(finding.events ? { events: finding.events.map((event) => ({ ...event, ...referenceOf(event.streamId) })) } : {}),
  }));
}

/** A store-wide report with its findings named (`nameFindings`). */
export async function nameReport(store: Pick<EventStore, 'readStream'>, report: IntegrityReport): Promise<IntegrityReport> {
  const named = await nameFindings(store, [...report.findings, ...(report.firstMismatch ? [report.firstMismatch] : [])]);
  return { ...report, findings: named.slice(0, report.findings.length), ...(report.firstMismatch ? { firstMismatch: named[named.length - 1] } : {}) };
}
