/**
 * Rebuilds read models from the first event into fresh tables, reading the store once for all of
 * them, and swaps them in together at the end, so the service keeps answering queries meanwhile:
 *   npm run projections:rebuild                 every read model
 *   npm run projections:rebuild -- <name> ...   those named
 *   npm run projections:rebuild -- --stale      those whose tables an earlier version built (GET /projections: needsRebuild)
 * On a PostgreSQL server this runs beside the service. The embedded store (PGlite) opens in one
 * process at a time: stop the service first. A DATA_DIR or DATABASE_SCHEMA holding no event store (or
 * one this version has not migrated yet: start the service once) is refused, exit 2, nothing created.
 */
import { SingleBar } from 'cli-progress';
import { loadConfig } from '../src/config/index.js';
import { openStorage } from '../src/event-store/index.js';
import { ProjectionRunner, readModelsFor } from '../src/projections/index.js';
import { storeRefusal, OWNER_ONLY_UMASK, processIo, usageError } from './command-line.js';

const USAGE = `usage: npm run projections:rebuild [-- <read model> ... | -- --stale]
  no argument      every read model
  <read model>     those named
  --stale          those whose tables an earlier version built (GET /projections: needsRebuild)
  -h, --help       this text
`;

/** The arguments checked before the store is opened (the embedded one may be held by the service). */
async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    processIo.stdout(USAGE);
    return 0;
  }
  const options = args.filter((arg) => arg.startsWith('-'));
  const unknownOption = options.find((arg) => arg !== '--stale');
  if (unknownOption) return usageError('projections:rebuild', `unknown option ${unknownOption}`, USAGE, processIo);
  const stale = options.length > 0;
  const names = args.filter((arg) => !arg.startsWith('-'));
  if (stale && names.length > 0) return usageError('projections:rebuild', 'give --stale or names, not both', USAGE, processIo);
  const config = loadConfig(process.env);
  const readModels = readModelsFor(config);
  const known = readModels.map((m) => m.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0) return usageError('projections:rebuild', `unknown read model ${unknown.join(', ')}; known: ${known.join(', ')}`, USAGE, processIo);
  // Read models are rebuilt from a store that is there: a mistyped DATA_DIR or DATABASE_SCHEMA would
  // otherwise get an empty store and "rebuilt from 0 events". EventStoreDB's may go to a fresh schema.
  let storage;
  try {
    storage = await openStorage(config.store, { create: config.store.kind === 'eventstoredb' });
  } catch (error) {
    const refusal = storeRefusal('projections:rebuild', error, config.store);
    if (refusal === undefined) throw error;
    processIo.stderr(refusal);
    return 2;
  }
  try {
    const runner = new ProjectionRunner(storage.store, storage.sql, readModels, storage.schema);
    const chosen = stale ? await runner.needingRebuild() : names.length > 0 ? names : runner.names();
    if (chosen.length === 0) {
      console.log('no read model needs a rebuild');
      return 0;
    }
    const started = Date.now();
    const bar = new SingleBar({
      format: `[{bar}] {value}/{total} events | {speed} events/s | ETA {eta_formatted}`,
      noTTYOutput: true,
      notTTYSchedule: 5_000,
      stream: process.stderr,
    });
    console.log(`rebuilding ${chosen.join(', ')} in one pass over the store`);
    bar.start(1, 0, { speed: 0 });
    const { events } = await runner.rebuild(chosen, ({ done, total }) => {
      bar.setTotal(total);
      bar.update(done, { speed: Math.round(done / Math.max((Date.now() - started) / 1000, 0.001)) });
    });
    bar.stop();
    console.log(`rebuilt ${chosen.length} read models from ${events} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return 0;
  } finally {
    await storage.store.close();
  }
}

process.umask(OWNER_ONLY_UMASK);
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
