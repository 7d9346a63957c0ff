import { catchShutdownSignals } from './shutdown-signals.js';
// eslint-disable-next-line no-restricted-imports -- sql/index.js would load pg before the tracing hooks below
import { OWNER_ONLY_UMASK } from './sql/owner-only.js';
import { startTracing, tracingWanted } from './telemetry.js';

// Whatever the service writes (the store, generated secrets, an import's reject files) is for its user alone.
process.umask(OWNER_ONLY_UMASK);

// Before anything that takes time: a signal during the start-up stops it cleanly (serve.ts), never kills it unlogged.
catchShutdownSignals();

// Tracing starts before the service's modules load (its hooks must see express and pg load); off, nothing of it loads.
let stopTracing: (() => Promise<void>) | undefined;
try {
  stopTracing = tracingWanted(process.env) ? await startTracing() : undefined;
} catch (error) {
  // An OTEL_* setting refused: told as any failed start is, tracing never started.
  const { failedToStart } = await import('./serve.js');
  failedToStart(error);
}
const { serve } = await import('./serve.js');
await serve(stopTracing);
