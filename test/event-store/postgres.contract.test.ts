import { createTestStore } from '../support/postgres.js';
import { eventStoreContract } from './contract.js';

// Runs against the server at TEST_DATABASE_URL, and fails (does not skip) when it is unreachable.
eventStoreContract('PostgreSQL server', () => createTestStore());
