import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { createEmmettPeerApp, decide, evolve, initialState } from '../../bench/peer/emmett-app.js';
import { emmettStore } from '../../bench/peer/emmett-store.js';
import { signSharedSecretToken } from '../../src/auth/sign-token.js';
import type { SharedSecretAuthConfig } from '../../src/auth/index.js';
import { generateWorkload } from '../support/workload/generator.js';
import { connectAdmin, TEST_DATABASE_URL } from '../support/postgres.js';

const AUTH: SharedSecretAuthConfig = { kind: 'shared-secret', secret: 'emmett-peer-test-secret-of-32-bytes-or-more', secretSource: 'env' };
const YEAR = { from: '2025-01-01T00:00:00+09:00', to: '2026-01-01T00:00:00+09:00' };
/** The bench's client leaves these out: the engine makes up their ids. */
const SKIPPED = new Set(['request-information', 'receive-information']);
const meta = { actorId: 'u-1', commandId: 'c-1' };

describe("item 2's Nest + Emmett peer", () => {
  it('its lifecycle accepts every step the bench sends, in 3,000 generated histories, and refuses steps out of turn', () => {
    let steps = 0;
    for (const generated of generateWorkload({ ...YEAR, seed: 11, complaints: 3_000, idPrefix: 'peer', rates: { unreachable: 0 } })) {
      let state = initialState();
      for (const { command } of generated.steps) {
        if (SKIPPED.has(command.type)) continue;
        state = evolve(state, decide({ type: command.type, data: { body: {}, ...meta } }, state));
        steps++;
      }
    }
    expect(steps).toBeGreaterThan(20_000);
    const open = evolve(initialState(), decide({ type: 'receive', data: { body: {}, ...meta } }, initialState()));
    expect(() => decide({ type: 'receive', data: { body: {}, ...meta } }, open)).toThrow('receive is not allowed on a case that is open');
    expect(() => decide({ type: 'resume-clock', data: { body: {}, ...meta } }, open)).toThrow('the clock is not paused');
    expect(() => decide({ type: 'reopen', data: { body: {}, ...meta } }, open)).toThrow('reopen is not allowed on a case that is open');
    expect(() => decide({ type: 'assign', data: { body: {}, ...meta } }, initialState())).toThrow('no such case');
  });

  describe('over HTTP, on PostgreSQL', () => {
    // A database of its own: Emmett's migration looks for its functions by name in every schema.
    const database = `test_emmett_${Date.now().toString(36)}_${process.pid}`;
    let peer: { app: INestApplication; close(): Promise<void> };
    let url: string;
    let token: string;

    beforeAll(async () => {
      const admin = await connectAdmin();
      await admin.query(`CREATE DATABASE ${database}`);
      await admin.end();
      const databaseUrl = Object.assign(new URL(TEST_DATABASE_URL), { pathname: `/${database}` }).href;
      const migrating = emmettStore(databaseUrl, 1);
      await migrating.store.schema.migrate();
      await migrating.close();
      peer = await createEmmettPeerApp(databaseUrl, AUTH, 2);
      await peer.app.listen(0, '127.0.0.1');
      url = `http://127.0.0.1:${(peer.app.getHttpServer().address() as { port: number }).port}`;
      token = await signSharedSecretToken(AUTH, { sub: 'u-office', name: 'Office', roles: ['complaints-office'] }, { expiresIn: '1h' });
    });
    afterAll(async () => {
      await peer?.close();
      const admin = await connectAdmin();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    });

    const post = (path: string, body: unknown, bearer: string | null = token) =>
      fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) }, body: JSON.stringify(body) });

    it('walks generated cases as the bench does: a receipt answered 201 with its Location, each step 200 at the next revision', async () => {
      for (const generated of generateWorkload({ ...YEAR, seed: 12, complaints: 5, idPrefix: 'peer-http', rates: { unreachable: 0 } })) {
        let id: string | undefined;
        let revision = -1;
        for (const { command } of generated.steps) {
          if (SKIPPED.has(command.type)) continue;
          const body = command.type === 'receive' ? (({ complaintId: _, ...rest }) => rest)(command.data) : command.data;
          const response = id === undefined ? await post('/complaints', body) : await post(`/complaints/${id}/${command.type}`, body);
          expect([response.status, command.type]).toEqual([id === undefined ? 201 : 200, command.type]);
          const answer = (await response.json()) as { id: string; revision: number };
          expect(answer.revision).toBe(++revision);
          if (id === undefined) {
            id = answer.id;
            expect(response.headers.get('location')).toBe(`/complaints/${id}`);
          }
        }
      }
    });

    it('refuses what a service must: no token 401, a body of the wrong shape 400, an unknown case 404, a step out of turn 409', async () => {
      expect((await post('/complaints', {}, null)).status).toBe(401);
      expect((await post('/complaints', { channel: 'web' })).status).toBe(400);
      expect((await post('/complaints', [1])).status).toBe(400);
      expect((await post('/complaints/no-such-case/assign', {})).status).toBe(404);
      const received = await post('/complaints', { channel: 'web', category: 'billing', description: 'Charged twice', complainant: { name: 'A' } });
      const { id } = (await received.json()) as { id: string };
      const resumed = await post(`/complaints/${id}/resume-clock`, {});
      expect(resumed.status).toBe(409);
      expect(((await resumed.json()) as { message: string }).message).toBe('the clock is not paused');
    });
  });
});
