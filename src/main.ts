import { startTracing, tracingWanted } from './telemetry.js';

// Tracing starts before the service's modules load (its hooks must see express and pg load); off, nothing of it loads.
const stopTracing = tracingWanted(process.env) ? await startTracing() : undefined;
const { serve } = await import('./serve.js');
await serve(stopTracing);
