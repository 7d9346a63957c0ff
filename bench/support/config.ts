import { DEFAULT_CATALOG } from '../../domain/catalog.js';
import type { WorkloadOptions } from '../../test/support/workload/generator.js';
import type { SharedSecretAuthConfig } from '../../src/auth/auth-config.js';
import type { AppConfig } from '../../src/config/config.js';
import type { EventStoreConfig } from '../../src/event-store/create-event-store.js';

/** The service's configuration as the bench runs it: the defaults (catalog, Korean calendar), logs off. */
export function benchConfig(store: EventStoreConfig, sealIntervalMs?: number): AppConfig {
  return { port: 0, production: false, dataDir: '/nonexistent', store, catalog: DEFAULT_CATALOG, logLevel: 'silent', ...(sealIntervalMs === undefined ? {} : { sealIntervalMs }) };
}

export const BENCH_AUTH: SharedSecretAuthConfig = { kind: 'shared-secret', secret: 'bench-secret-of-at-least-thirty-two-bytes!', secretSource: 'env' };

/** Fixed, so the server process can open what the bench process sealed. */
export const BENCH_MASTER_KEY = Buffer.alloc(32, 11);

/** One year of receipts, 2025 in Korean time. */
export function workloadOf(seed: number, complaints: number, idPrefix: string, years = 1): WorkloadOptions {
  return { seed, complaints, idPrefix, from: '2025-01-01T00:00:00+09:00', to: `${2025 + years}-01-01T00:00:00+09:00` };
}

/** The generator's histories average about 8.74 events a case (seed-independent to within a percent). */
export const EVENTS_PER_CASE = 8.74;
