import { WrongExpectedRevisionError, type EventStore } from '../event-store/index.js';
import type { Metrics } from './metrics.js';

/** The event store, counting its appends, conflicts, seals and verifications into `metrics`. */
export function meteredStore(store: EventStore, metrics: Metrics): EventStore {
  const metered: Partial<EventStore> = {
    append: async (...args) => {
      try {
        const result = await store.append(...args);
        metrics.appends.inc({ result: result.duplicate ? 'duplicate' : 'stored' });
        return result;
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) metrics.appends.inc({ result: 'conflict' });
        throw error;
      }
    },
    // The import's batches: each stream counts as one append.
    ...(store.appendMany && {
      appendMany: async (appends) => {
        try {
          const results = await store.appendMany!(appends);
          for (const result of results) metrics.appends.inc({ result: result.duplicate ? 'duplicate' : 'stored' });
          return results;
        } catch (error) {
          if (error instanceof WrongExpectedRevisionError) metrics.appends.inc({ result: 'conflict' });
          throw error;
        }
      },
    }),
    ...(store.seal && {
      seal: async () => {
        const seals = await store.seal!();
        metrics.seals.inc(seals.length);
        return seals;
      },
    }),
    ...(store.verifyIntegrity && {
      verifyIntegrity: async (options) => {
        const report = await store.verifyIntegrity!(options);
        metrics.lastVerifyOk.set(report.ok ? 1 : 0);
        metrics.lastVerifyTime.set(Date.now() / 1000);
        return report;
      },
    }),
  };
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property in metered) return metered[property as keyof EventStore];
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
