/** Injection tokens for the adapters the application is built from. */
export const EVENT_STORE = Symbol('EventStore');
export const CATALOG = Symbol('Catalog');
export const APP_CONFIG = Symbol('AppConfig');
/** `{ sql: SqlClient, schema: string }`: where the read models live (the event store's database). */
export const READ_MODELS = Symbol('ReadModels');
export const PROJECTIONS = Symbol('ProjectionRunner');
/** The operator's `WorkingCalendar` (CALENDAR_FILE, else the Korean default). */
export const WORKING_CALENDAR = Symbol('WorkingCalendar');
/** `PerformanceConfig`: the SLA at-risk share, the interim-notice deadline, the satisfaction weights. */
export const PERFORMANCE_CONFIG = Symbol('PerformanceConfig');
/** The `ComplaintCodec`: seals personal data on the way into the store, opens it on the way out. */
export const COMPLAINT_CODEC = Symbol('ComplaintCodec');
/** The `PersonalDataVault`. */
export const PERSONAL_DATA_VAULT = Symbol('PersonalDataVault');
/** The `NoticeSender`, or null when neither SMTP nor an SMS gateway is configured. */
export const NOTICE_SENDER = Symbol('NoticeSender');
