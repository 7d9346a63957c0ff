import { SetMetadata } from '@nestjs/common';

/**
 * Read-your-writes. Read models follow the event store within moments (on PostgreSQL, up to a second
 * under load), so a list or report read right after a command may not show it yet. A GET sent with
 * `X-Read-Your-Writes: true` is answered once every read model has applied all events stored before
 * it arrived, waiting at most `READ_YOUR_WRITES_WAIT_MS`; the answer says `X-Read-Models: current`,
 * or `behind` when the wait ran out. A route marked `@ReadsYourWrites()` always waits.
 */
export const READ_YOUR_WRITES_HEADER = 'x-read-your-writes';
export const READ_MODELS_HEADER = 'X-Read-Models';
export const READ_YOUR_WRITES_WAIT_MS = 2_000;

export const READS_YOUR_WRITES = Symbol('reads your writes');

/** The route answers from read models what must include every write before it (an erasure's list of cases). */
export const ReadsYourWrites = () => SetMetadata(READS_YOUR_WRITES, true);
