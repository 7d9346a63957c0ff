import { catchShutdownSignals } from './shutdown-signals.js';
import { startTracing, tracingWanted } from './telemetry.js';

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
