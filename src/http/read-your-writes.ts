/**
 * Read-your-writes. Read models follow the event store within moments (on PostgreSQL, up to a second
 * under load), so a list or report read right after a command may not show it yet. A GET of a route
 * answered from read models (`@FromReadModels()`) sent with `X-Read-Your-Writes: true` is answered
 * once every read model has applied all events stored before it arrived, waiting at most
 * READ_YOUR_WRITES_WAIT_MS (a setting, 2 s unless set); the answer says `X-Read-Models: current`, or
 * `behind` when the wait ran out. A route marked `@ReadsYourWrites()` always waits. Other routes read
 * the store, are always current and ignore the header.
 */
export const READ_YOUR_WRITES_HEADER = 'X-Read-Your-Writes';
export const READ_MODELS_HEADER = 'X-Read-Models';

/** When a route answered from read models waits for them: when the request asks, or always. */
export type ReadModelsWait = 'when-asked' | 'always';
export const FROM_READ_MODELS = Symbol('from read models');
