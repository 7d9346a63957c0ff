import { existsSync } from 'node:fs';
import { PgliteClient } from '../sql/index.js';

/**
 * The folder or schema a tool was pointed at holds no store (or one it may not use as it is). Tools
 * that read or copy a store refuse with this rather than create an empty one and report on nothing:
 * a mistyped DATA_DIR or DATABASE_SCHEMA would otherwise pass for an intact, empty store.
 */
export class NoStoreError extends Error {
  override readonly name = 'NoStoreError';
}

/** Throws `NoStoreError` unless `dataDir` holds an embedded store; creates nothing. */
export function assertEmbeddedStore(dataDir: string): void {
  if (PgliteClient.holdsStore(dataDir)) return;
  const why = existsSync(dataDir) ? 'it has no PG_VERSION' : 'the folder does not exist';
  throw new NoStoreError(`${dataDir} holds no embedded store (${why}); nothing was created there`);
}
