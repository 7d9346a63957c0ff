export { changeSchema, sqlState, UNIQUE_VIOLATION, type Row, type SqlClient, type SqlExecutor } from './sql-client.js';
export { PgClient, type PgClientOptions } from './pg-client.js';
export { PgliteClient } from './pglite-client.js';
