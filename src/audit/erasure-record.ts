/**
 * What an auditor is told of an erasure on a case: when the complainant's personal data was erased,
 * by whom (actor and role) and the reason given, from the `ComplainantDataErased` event of the
 * complainant key's own stream (`complainant-<key>`). Nothing erased is in it; the complainant key
 * (and the key asked for, of a linked key's erasure) only for those who see pseudonymous keys.
 */
import type { EventStore, StoredEvent } from '../event-store/index.js';

export interface ErasureRecord {
  /** When it was erased (the erasure's business time). */
  erasedAt: string;
  /** When the store recorded the erasure's event. */
  recordedAt: string;
  actorId: string;
  actorRole: string;
  /** As the complaints office gave it (`retention: …` for the retention rule). */
  reason: string;
  /** Erased as a key linked to the one asked for (a confirmed link, or the retention rule's links). */
  linked: boolean;
  /** The `ComplainantDataErased` event, in the complainant key's stream. */
  eventId: string;
  /** The case's complainant key: only for the complaints office, auditors and admins (`seesPseudonymousKeys`). */
  complainantKey?: string;
  /** The key whose erasure was asked for, of a linked key's: for them too. */
  linkedTo?: string;
}

export const complainantStreamId = (complainantKey: string): string => `complainant-${complainantKey}`;

/** The complainant key a case's receipt was stored with, if any. */
export function complainantKeyOfReceipt(receipt: StoredEvent | undefined): string | undefined {
  const key = receipt?.type === 'ComplaintReceived' ? (receipt.data as { complainantKey?: unknown } | null)?.complainantKey : undefined;
  return typeof key === 'string' ? key : undefined;
}

/** The erasures a complainant key's stream records, oldest first. Pure. */
export function erasureRecords(events: readonly StoredEvent[], showKeys: boolean): ErasureRecord[] {
  return events
    .filter((e) => e.type === 'ComplainantDataErased')
    .map((e) => {
      const data = e.data as { complainantKey?: string; reason?: string; linkedTo?: string };
      return {
        erasedAt: e.metadata.occurredAt,
        recordedAt: e.recordedAt,
        actorId: e.metadata.actorId,
        actorRole: e.metadata.actorRole,
        reason: data.reason ?? '',
        linked: data.linkedTo !== undefined,
        eventId: e.eventId,
        ...(showKeys && data.complainantKey !== undefined ? { complainantKey: data.complainantKey } : {}),
        ...(showKeys && data.linkedTo !== undefined ? { linkedTo: data.linkedTo } : {}),
      };
    });
}

/** The erasures of a case's complainant, from the store (always current); none for a receipt stored without a key. */
export async function erasuresOfCase(store: Pick<EventStore, 'readStream'>, receipt: StoredEvent | undefined, showKeys: boolean): Promise<ErasureRecord[]> {
  const key = complainantKeyOfReceipt(receipt);
  return key === undefined ? [] : erasureRecords(await store.readStream(complainantStreamId(key)), showKeys);
}
