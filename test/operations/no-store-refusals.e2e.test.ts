import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_AUTH, TEST_MASTER_KEY } from '../support/api.js';
import { buildService } from '../support/built-service.js';
import { connectAdmin, dropSchema, openTestStore, TEST_DATABASE_URL, uniqueSchemaName } from '../support/postgres.js';

/**
 * A mistyped DATA_DIR or DATABASE_SCHEMA must not pass for an intact, empty store: the tools that read
 * or copy a store refuse (exit 2, naming the folder or schema) and create nothing there. The built
 * scripts, as child processes.
 */

const folder = mkdtempSync(join(tmpdir(), 'no-store-'));
const base = { PATH: process.env.PATH ?? '', AUTH_JWT_SECRET: TEST_AUTH.secret, MASTER_KEY: TEST_MASTER_KEY.toString('hex'), LOG_LEVEL: 'error' };
const run = (script: string, args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, [`dist/scripts/${script}.js`, ...args], { env: { ...base, ...env }, encoding: 'utf8', cwd: process.cwd() });

const schemaExists = async (schema: string): Promise<boolean> => {
  const admin = await connectAdmin();
  try {
    return (await admin.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema])).rowCount === 1;
  } finally {
    await admin.end();
  }
};

beforeAll(async () => {
  await buildService();
}, 180_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('a DATA_DIR that holds no embedded store', () => {
  const tools: [string, string, string[]][] = [
    ['backup', 'backup', ['--to', join(folder, 'typo.tar.gz')]],
    ['audit:verify', 'audit-verify', []],
    ['audit:export', 'audit-export', ['--case', 'c-1', '--out', join(folder, 'export')]],
    ['projections:rebuild', 'projections-rebuild', []],
  ];

  it.each(tools)('%s refuses (exit 2), naming the folder and DATA_DIR, and creates nothing', (tool, script, args) => {
    const dataDir = join(folder, `typo-${script}`);
    const result = run(script, args, { DATA_DIR: dataDir });
    expect(result.stderr).toContain(`${tool}: refused: ${join(dataDir, 'pglite')} holds no embedded store (the folder does not exist); nothing was created there: check DATA_DIR`);
    expect(result.status).toBe(2);
    expect(result.stdout).not.toContain('OK');
    expect(existsSync(dataDir)).toBe(false);
    expect(existsSync(join(folder, 'typo.tar.gz'))).toBe(false);
    expect(existsSync(join(folder, 'export'))).toBe(false);
  });

  it('an existing but empty DATA_DIR/pglite is no store either, and stays empty', () => {
    const dataDir = join(folder, 'empty');
    mkdirSync(join(dataDir, 'pglite'), { recursive: true });
    const result = run('audit-verify', [], { DATA_DIR: dataDir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${join(dataDir, 'pglite')} holds no embedded store (it has no PG_VERSION)`);
    expect(readdirSync(dataDir)).toEqual(['pglite']);
    expect(readdirSync(join(dataDir, 'pglite'))).toEqual([]);
  });
});

describe('a DATABASE_SCHEMA that holds no event store', () => {
  const postgres = (schema: string) => ({ EVENT_STORE: 'postgres', DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, DATA_DIR: join(folder, 'unused') });

  it.each([
    ['audit:verify', 'audit-verify', []],
    ['audit:export', 'audit-export', ['--case', 'c-1', '--out', join(folder, 'pg-export')]],
    ['projections:rebuild', 'projections-rebuild', []],
  ] as [string, string, string[]][])('%s refuses (exit 2), naming the schema and DATABASE_SCHEMA; the schema is not created', async (tool, script, args) => {
    const schema = `qa_ops_typo_${uniqueSchemaName().slice(5)}`;
    const result = run(script, args, postgres(schema));
    expect(result.stderr).toContain(`${tool}: refused: schema ${schema} holds no event store (no migrated ${schema}.schema_migrations table); nothing was created there: check DATABASE_SCHEMA and DATABASE_URL`);
    expect(result.status).toBe(2);
    expect(await schemaExists(schema)).toBe(false);
    expect(existsSync(join(folder, 'pg-export'))).toBe(false);
  });

  it('the schema of a real store verifies (exit 0), as before', async () => {
    const schema = uniqueSchemaName();
    await (await openTestStore(schema)).close();
    try {
      const result = run('audit-verify', [], postgres(schema));
      expect(result.stdout).toContain('OK: every event matches its hash chain');
      expect(result.status).toBe(0);
    } finally {
      await dropSchema(schema);
    }
  });
});
