import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Express } from 'express';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

describe('the service’s HTTP server', () => {
  it('makes each request and response with Express’s prototypes already in place, so Express swaps none (the swap made young-generation collections copy every request)', async () => {
    const express = api.app.getHttpAdapter().getInstance() as Express;
    const server = api.app.getHttpServer() as Server;
    const arrived: [object | null, object | null][] = [];
    // Before Express's own listener: the objects as Node made them.
    const look = (request: IncomingMessage, response: ServerResponse) => arrived.push([Object.getPrototypeOf(request), Object.getPrototypeOf(response)]);
    server.prependListener('request', look);
    try {
      const received = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
      expect(received.status).toBe(201);
      const read = await api.call('GET', `/complaints/${received.body.id as string}`, { as: staff.office, headers: { 'x-correlation-id': 'proto-check' } });
      expect(read.status).toBe(200);
      expect(read.headers.get('x-correlation-id')).toBe('proto-check');
      expect((await api.call('GET', '/complaints/no-such-case', { as: staff.office })).status).toBe(404);
    } finally {
      server.removeListener('request', look);
    }
    expect(arrived).toHaveLength(3);
    for (const [request, response] of arrived) {
      expect(request).toBe(express.request);
      expect(response).toBe(express.response);
    }
    // Still Express's: its request and response methods are there.
    expect(typeof (express.request as unknown as { get: unknown }).get).toBe('function');
    expect(typeof (express.response as unknown as { json: unknown }).json).toBe('function');
  });
});
