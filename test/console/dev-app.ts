import { TEST_MASTER_KEY } from '../support/api.js';
import { DEFAULT_CATALOG } from '../../domain/catalog.js';
import { createApp } from '../../src/app.module.js';
import type { AuthConfig } from '../../src/auth/auth-config.js';
import { dropSchema, TEST_DATABASE_URL, uniqueSchemaName } from '../support/postgres.js';

/** Authentication as a development machine has it: the secret the app generated in DATA_DIR. */
export const DEV_AUTH: AuthConfig = { kind: 'shared-secret', secret: 'a-development-secret-of-32-bytes-or-more', secretSource: 'dev-file', secretFile: '/nonexistent/auth-secret' };

/**
 * The service as `npm start` runs it without AUTH_JWT_SECRET (startTestApi() configures a secret, as a
 * deployment does), on the test PostgreSQL in a fresh schema.
 */
export async function startDevApp(production = false, auth: AuthConfig = DEV_AUTH): Promise<{ url: string; close(): Promise<void> }> {
  const schema = uniqueSchemaName();
  const app = await createApp(
    { port: 0, production, dataDir: '/nonexistent', store: { kind: 'postgres', url: TEST_DATABASE_URL, schema, pollIntervalMs: 50 }, catalog: DEFAULT_CATALOG, logLevel: 'silent' },
    auth,
    TEST_MASTER_KEY,
  );
  await app.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  return {
    url,
    async close() {
      await app.close();
      await dropSchema(schema);
    },
  };
}
