import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { incomingSpanAttributes, pathWithoutSecrets } from '../../src/telemetry.js';
import { buildService, envOnSchema, startBuiltService } from '../support/built-service.js';
import { startOtlpReceiver, type OtlpReceiver } from '../support/otlp-receiver.js';
import { dropSchema, uniqueSchemaName } from '../support/postgres.js';

const schema = uniqueSchemaName();
let receiver: OtlpReceiver;

beforeAll(async () => {
  await buildService();
  receiver = await startOtlpReceiver();
}, 120_000);
afterAll(async () => {
  receiver?.server.close();
  await dropSchema(schema);
});

describe("a follow-up link's token is in no record of a request", () => {
  it('the path the log and the spans show reads [token] in its place, wherever the path puts it', () => {
    const token = 'k'.repeat(43);
    expect(pathWithoutSecrets(`/portal/cases/${token}`)).toBe('/portal/cases/[token]');
    expect(pathWithoutSecrets(`/portal/cases/${token}/withdraw`)).toBe('/portal/cases/[token]/withdraw');
    expect(pathWithoutSecrets(`//Portal//CASES/${token}/`)).toBe('//Portal//CASES/[token]/');
    expect(pathWithoutSecrets(`/x/../portal/cases/${token}`)).toBe('/x/../portal/cases/[token]');
    expect(pathWithoutSecrets('/complaints/2026-000001/decide')).toBe('/complaints/2026-000001/decide');
    expect(incomingSpanAttributes({ url: `/portal/cases/${token}/amend?lang=ko` })).toMatchObject({ 'url.path': '/portal/cases/[token]/amend', 'url.query': undefined });
  });

  it('the exported spans of the portal case routes hold no token', async () => {
    const service = await startBuiltService({
      ...(await envOnSchema(schema)),
      OTEL_TRACES_EXPORTER: 'otlp',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '50',
    });
    const json = { 'content-type': 'application/json' };
    const filed = await fetch(`${service.url}/portal/complaints`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ category: 'defective-facility', description: 'The meter smells of gas.', name: 'Kim Minsu', phone: '010-1234-5678', consent: { personalData: true, email: false, sms: false }, language: 'en' }),
    });
    expect(filed.status).toBe(201);
    const token = ((await filed.json()) as { followUpUrl: string }).followUpUrl.split('/').pop()!;
    expect((await fetch(`${service.url}/portal/cases/${token}`)).status).toBe(200);
    expect((await fetch(`${service.url}/portal/cases/${token}/amend`, { method: 'POST', headers: json, body: JSON.stringify({ description: 'In the kitchen too.', reason: 'More detail' }) })).status).toBe(200);
    service.child.kill('SIGTERM');
    expect(await service.exited).toBe(0);

    const posted = receiver.posted();
    expect(posted.includes(token)).toBe(false);
    expect(posted.includes('"/portal/cases/[token]/amend"')).toBe(true);
    expect(service.output().includes(token)).toBe(false);
  }, 60_000);
});
