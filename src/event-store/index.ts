export * from './event-store.js';
export { checkStream, GENESIS_HASH, isSealFinding, StreamChainCheck, untrustedFrom, type IntegrityFinding, type IntegrityReport, type NamedEvent, type Seal, type StreamIntegrityReport } from './integrity.js';
export { openStorage, type EventStoreConfig, type Storage } from './create-event-store.js';
export { assertEmbeddedStore, NoStoreError } from './no-store.js';
export { isEventStoreDbConnectionString } from './eventstoredb/connection-string.js';
export { EVENT_STORE } from './tokens.js';
export { isSchemaName, missingMigrations, SCHEMA_NAME_RULE } from './postgres/schema.js';
