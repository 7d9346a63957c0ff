import { embeddedTestStore } from '../support/pglite.js';
import { eventStoreContract } from './contract.js';

eventStoreContract('PGlite', embeddedTestStore);
