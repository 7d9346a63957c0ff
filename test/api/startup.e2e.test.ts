import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadNoticesConfig } from '../../src/config/config.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { dropSchema, uniqueSchemaName } from '../support/postgres.js';
import { startMailServer, startSmsGateway, type MailServer, type SmsGateway } from '../notices/servers.js';

let mail: MailServer;
let sms: SmsGateway;
beforeAll(async () => {
  mail = await startMailServer();
  sms = await startSmsGateway();
});
afterAll(async () => {
  await mail?.close();
  await sms?.close();
});

describe('service nodes starting together on a new schema', () => {
  // Every part that creates tables at start-up (event store, vault, access log, read models, notice
  // outbox) runs at once here, in two processes' worth of connections.
  it.each([1, 2, 3])('all start and serve, and no start-up fails on a table another one is creating (round %i)', async () => {
    const schema = uniqueSchemaName();
    const notices = { ...loadNoticesConfig({}), email: { smtpUrl: mail.url, from: 'minwon@example.go.kr' }, sms: { gatewayUrl: sms.url } };
    const started = await Promise.allSettled([1, 2].map(() => startTestApi({ schema, config: { notices } })));
    const nodes = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    try {
      expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'started'))).toEqual(['started', 'started']);
      const [first, second] = nodes as [TestApi, TestApi];
      const filed = await first.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
      expect(filed.status).toBe(201);
      const seen = await second.call('GET', `/complaints/${filed.body.id as string}`, { as: staff.intake });
      expect(seen.status).toBe(200);
    } finally {
      for (const node of nodes) await node.close();
      await dropSchema(schema);
    }
  });
});
