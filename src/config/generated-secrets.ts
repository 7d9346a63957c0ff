import type { EventStoreConfig } from '../event-store/index.js';
import { nodeEnvOf } from './environment.js';

/**
 * Why this node may not generate a secret the operator did not give (the master key `MASTER_KEY`, the
 * tokens' signing secret `AUTH_JWT_SECRET`) into its own `DATA_DIR`, or undefined when it may. One rule
 * for both:
 * - `NODE_ENV=production`: never (`{ production: true }`);
 * - a store on a server (`EVENT_STORE=postgres`, or EventStoreDB with its vault at `DATABASE_URL`): only
 *   with `NODE_ENV=development`, said explicitly (`{ sharedStore }` names the settings that make it one).
 *   Every node shares such a store while `DATA_DIR` is each node's own, so a generated secret would
 *   differ from node to node; and a server is where production runs, whatever NODE_ENV forgot to say;
 * - the embedded store (one process on one machine, `npm start`): yes.
 */
export function generatedSecretRefusal(env: NodeJS.ProcessEnv, store: EventStoreConfig): { production: true } | { sharedStore: string } | undefined {
  const nodeEnv = nodeEnvOf(env);
  if (nodeEnv === 'production') return { production: true };
  const sharedStore = sharedStoreOf(store);
  if (sharedStore !== undefined && nodeEnv !== 'development') return { sharedStore };
  return undefined;
}

/** The settings that put the store (with the personal-data vault) on a server every node shares; undefined for the embedded store. */
function sharedStoreOf(store: EventStoreConfig): string | undefined {
  if (store.kind === 'postgres') return 'EVENT_STORE=postgres';
  if (store.kind === 'eventstoredb' && store.readModels.kind === 'postgres') return 'EVENT_STORE=eventstoredb and DATABASE_URL';
  return undefined;
}
