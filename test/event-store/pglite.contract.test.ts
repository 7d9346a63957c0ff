import { createEventStore } from '../../src/event-store/create-event-store.js';
import { eventStoreContract } from './contract.js';

eventStoreContract('PGlite (in memory)', async () => {
  const store = await createEventStore({ kind: 'pglite' });
  return { store, cleanup: () => store.close() };
});
