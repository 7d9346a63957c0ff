export { commandMetrics } from './command-metrics.js';
export { meteredStore } from './metered-store.js';
export { Metrics } from './metrics.js';
