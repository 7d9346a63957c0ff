import { randomFillSync } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

const pool = new Uint8Array(16 * 256);
let used = pool.length;
const state = { msecs: -Infinity, seq: 0 };

/**
 * A UUID v7 (time-ordered, monotonic within this process, as `uuid`'s own v7), from random bytes
 * drawn 4 KB at a time: `uuid` asks WebCrypto for 16 bytes per id, which cost more than the rest of
 * an append's hashing on an import.
 */
export function newEventId(): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const random = pool.subarray(used, (used += 16));
  const now = Date.now();
  if (now > state.msecs) {
    state.msecs = now;
    state.seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    state.seq = (state.seq + 1) | 0;
    if (state.seq === 0) state.msecs++;
  }
  return uuidv7({ random, msecs: state.msecs, seq: state.seq });
}
