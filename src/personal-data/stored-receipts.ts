import { toDomainEvent } from '../complaint-stream/index.js';
import type { EventStore, GlobalPosition } from '../event-store/index.js';

/** A receipt's keys: its complainant key and the keyed hashes it was recognised by. */
export interface ReceiptKeys {
  complainantKey: string;
  identityKeys: string[];
}

/** The keys of every stored receipt, in batches of the store's global order. */
export async function* storedReceiptKeys(store: EventStore, batchSize = 1_000): AsyncGenerator<ReceiptKeys[]> {
  let after: GlobalPosition | undefined;
  for (;;) {
    const events = await store.readAll({ after, limit: batchSize });
    if (events.length === 0) return;
    after = events[events.length - 1]!.position;
    yield events.flatMap((stored) => {
      if (stored.type !== 'ComplaintReceived') return [];
      const event = toDomainEvent(stored);
      if (event.type !== 'ComplaintReceived' || event.data.complainantKey === undefined) return [];
      return [{ complainantKey: event.data.complainantKey, identityKeys: event.data.identityKeys ?? [] }];
    });
  }
}
