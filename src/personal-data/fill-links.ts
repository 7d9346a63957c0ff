import { toDomainEvent } from '../complaint-stream/index.js';
import type { EventStore, StoredEvent } from '../event-store/index.js';
import type { PersonalDataVault, ReceiptKeys } from './vault.js';

/**
 * For a store written before the vault kept links: records the keys of every stored receipt, then
 * links each key still without links to itself, so the vault no longer finds links missing. Reads
 * through a subscription, which delivers everything stored when it began (a plain `readAll` may stop
 * short of events just written while another transaction is open).
 */
export async function fillLinks(vault: PersonalDataVault, store: EventStore, onError: (error: unknown) => void): Promise<void> {
  const subscription = store.subscribeToAll({ onEvents: (events) => vault.recordLinks(receiptKeysOf(events)), onError });
  try {
    await subscription.caughtUp();
  } finally {
    await subscription.stop();
  }
  await vault.linkUnlinkedKeysToThemselves();
}

function receiptKeysOf(events: readonly StoredEvent[]): ReceiptKeys[] {
  return events.flatMap((stored) => {
    if (stored.type !== 'ComplaintReceived') return [];
    const event = toDomainEvent(stored);
    if (event.type !== 'ComplaintReceived' || event.data.complainantKey === undefined) return [];
    return [{ complainantKey: event.data.complainantKey, identityKeys: event.data.identityKeys ?? [] }];
  });
}
