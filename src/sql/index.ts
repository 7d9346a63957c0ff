export { changeSchema, databaseUnreachable, sqlState, UNIQUE_VIOLATION, type Row, type SqlClient, type SqlExecutor, type TransactionOptions } from './sql-client.js';
export { PgClient, SERVICE_STATEMENT_LIMIT_MS, type PgClientOptions } from './pg-client.js';
export { DataFolderInUseError } from './folder-lock.js';
export { PgliteClient } from './pglite-client.js';
