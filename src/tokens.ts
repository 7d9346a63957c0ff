/** Injection tokens for the adapters the application is built from. */
export const EVENT_STORE = Symbol('EventStore');
export const CATALOG = Symbol('Catalog');
export const APP_CONFIG = Symbol('AppConfig');
/** `{ sql: SqlClient, schema: string }`: where the read models live (the event store's database). */
export const READ_MODELS = Symbol('ReadModels');
export const PROJECTIONS = Symbol('ProjectionRunner');
