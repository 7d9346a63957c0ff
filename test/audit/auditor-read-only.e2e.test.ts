import { describe, expect, it } from '@jest/globals';
import type { ComplaintCommandType } from '../../domain/complaint/commands.js';
import { COMMAND_TYPES } from '../../domain/complaint/commands.js';
import { complaintBody, staff, serviceForSuite } from '../support/api.js';
import { validBody, type CaseView } from '../support/command-bodies.js';

const suite = serviceForSuite();

const WRITE_METHODS = ['post', 'put', 'patch', 'delete'] as const;

/** Rows in every table of the service's schema: events, read models, access log, seals. */
async function rowCounts(): Promise<Record<string, number>> {
  const { rows: tables } = await suite.admin.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY table_name`,
    [suite.api.schema],
  );
  const counts: Record<string, number> = {};
  for (const { table_name } of tables) {
    const { rows } = await suite.admin.query<{ n: string }>(`SELECT count(*) AS n FROM "${suite.api.schema}"."${table_name}"`);
    counts[table_name] = Number(rows[0]!.n);
  }
  return counts;
}

/**
 * The counts once every read model and the sealer have taken in what is stored: each projection's
 * checkpoint and the latest seal at the last event. Counts that merely stay equal a while are not
 * enough: under a parallel test run another suite's open transaction holds the readers back (they
 * read only below the oldest running transaction) for longer than any fixed wait.
 */
async function settled(): Promise<Record<string, number>> {
  const s = `"${suite.api.schema}"`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { rows } = await suite.admin.query<{ behind: string }>(
      `WITH last AS (SELECT transaction_id, sequence FROM ${s}.events ORDER BY transaction_id DESC, sequence DESC LIMIT 1)
       SELECT (SELECT count(*) FROM ${s}.projection_checkpoints c, last WHERE (c.commit_position, c.prepare_position) < (last.transaction_id, last.sequence))
            + (SELECT count(*) FROM last WHERE NOT EXISTS (
                 SELECT 1 FROM ${s}.seals z WHERE (z.last_commit, z.last_prepare) >= (last.transaction_id, last.sequence))) AS behind`,
    );
    if (Number(rows[0]!.behind) === 0) return rowCounts();
    if (Date.now() > deadline) throw new Error(`the read models and the sealer did not reach the last event within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('auditors are read-only everywhere', () => {
  it('every write route of the API (from /openapi.json) answers an auditor 403 and stores nothing', async () => {
    const created = await suite.api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
    const id = created.body.id as string;
    await suite.api.call('POST', `/complaints/${id}/assign`, { as: staff.intake, body: {} });
    const view = (await suite.api.call('GET', `/complaints/${id}`, { as: staff.office })).body as CaseView;

    const document = await suite.api.call('GET', '/openapi.json');
    expect(document.status).toBe(200);
    const routes = Object.entries(document.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      WRITE_METHODS.filter((method) => item[method] !== undefined).map((method) => ({ method: method.toUpperCase(), path })),
    );
    // The command routes alone are one per command but receive; a new route shows up here by itself.
    expect(routes.length).toBeGreaterThanOrEqual(COMMAND_TYPES.length);

    const bodyFor = (path: string): unknown => {
      if (path === '/complaints') return complaintBody();
      const command = /^\/complaints\/\{id\}\/([a-z-]+)$/.exec(path)?.[1];
      return command && (COMMAND_TYPES as readonly string[]).includes(command) ? validBody(command as ComplaintCommandType, view) : {};
    };
    const url = (path: string) => path.replace('{id}', id).replace(/\{[^}]+\}/g, 'x');

    const before = await settled();
    const answers: { route: string; status: number }[] = [];
    const publicRoutes: string[] = [];
    for (const { method, path } of routes) {
      const anonymous = await suite.api.call(method, url(path), { body: bodyFor(path) });
      if (anonymous.status !== 401) {
        // A route open to everyone (development token minting, the complainant's portal, which acts by a case's
        // link and not by a staff token) gives an auditor nothing more than anyone: it must still store nothing.
        publicRoutes.push(`${method} ${path}`);
        continue;
      }
      const response = await suite.api.call(method, url(path), { as: staff.auditor, body: bodyFor(path) });
      answers.push({ route: `${method} ${path}`, status: response.status });
    }
    expect(answers.filter((a) => a.status !== 403)).toEqual([]);
    expect(answers.length).toBeGreaterThanOrEqual(COMMAND_TYPES.length);
    expect(publicRoutes.filter((route) => !route.startsWith('POST /dev/') && !route.startsWith('POST /portal/'))).toEqual([]);
    expect(await settled()).toEqual(before);
    expect(before.events).toBe(2);
  });
});
