import { afterAll, describe, expect, it } from '@jest/globals';
import { statusOf } from '../../src/http/error-filter.js';
import { PgClient } from '../../src/sql/index.js';
import { TEST_DATABASE_URL } from '../support/postgres.js';

/** The service's bound on a statement, on the real server: a statement past it is a passing 503, not a 500; a tool's client has none. */

const limited = new PgClient(TEST_DATABASE_URL, { max: 1, statementLimitMs: 200 });
const unlimited = new PgClient(TEST_DATABASE_URL, { max: 1 });
afterAll(async () => {
  await Promise.all([limited.close(), unlimited.close()]);
});

describe('a statement past the service’s limit', () => {
  it('is cancelled by the server and answered 503, a passing state like a database out of reach (it was a 500)', async () => {
    const error = await limited.query('SELECT pg_sleep(1)').then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ code: '57014' });
    expect(statusOf(error)).toBe(503);
  });

  it('in a transaction too; an unbounded transaction (a rebuild’s batch) runs on', async () => {
    const error = await limited.transaction((tx) => tx.query('SELECT pg_sleep(1)')).then(() => undefined, (e: unknown) => e);
    expect(statusOf(error)).toBe(503);
    await expect(limited.transaction((tx) => tx.query('SELECT pg_sleep(0.4) AS slept'), { unbounded: true })).resolves.toEqual([{ slept: '' }]);
  });

  it('does not bound the tools’ client: a long statement of a backup or a verification runs to its end', async () => {
    await expect(unlimited.query('SELECT pg_sleep(0.4) AS slept')).resolves.toEqual([{ slept: '' }]);
  });
});
