import type { OpenAPIObject } from '@nestjs/swagger';
import { errorAnswers } from '../http/nest.js';
import { COMMAND_ROUTES } from './command-routes.js';

type Operation = Record<string, unknown>;
type PathItem = OpenAPIObject['paths'][string];


const IDEMPOTENCY_KEY = [
  'Makes a retry safe. The key is bound to the request this user stored with it: the method, the path (case and command) and a SHA-256 of the canonical JSON body.',
  'The same request again gets the first answer (same status, body and ETag) and stores nothing.',
  'Any other request with the key (another case, command or body) gets 422 saying the key was used for a different request.',
  'Keys of different users never collide. A refused request (400, 403, 404, 409, 412) binds nothing: corrected, it may be sent with the same key. 1 to 200 visible ASCII characters.',
].join(' ');

/** The command routes are one handler; their documentation comes from the same table that validates them. */
export function documentCommandRoutes(document: OpenAPIObject): void {
  delete document.paths['/complaints/{id}/{command}'];
  const withBody = (bodyName: string, summary: string, responses: Record<string, unknown>): Operation => ({
    summary,
    tags: ['complaints'],
    requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${bodyName}` } } } },
    responses: { ...responses, ...errorAnswers(403, 409, 412, 422) },
  });
  const headers = [
    { name: 'If-Match', in: 'header' as const, required: false, schema: { type: 'string' }, description: 'The ETag (revision) last seen: a stale one gets 412' },
    { name: 'Idempotency-Key', in: 'header' as const, required: false, schema: { type: 'string', minLength: 1, maxLength: 200 }, description: IDEMPOTENCY_KEY },
  ];
  const receive = COMMAND_ROUTES.receive;
  document.paths['/complaints'] = {
    ...document.paths['/complaints'],
    post: { ...withBody(receive.body.name, receive.summary, { '201': { description: 'Received; Location and ETag headers' } }), operationId: 'complaint-receive', parameters: headers.slice(1) },
  } as PathItem;
  for (const [command, route] of Object.entries(COMMAND_ROUTES)) {
    if (command === 'receive') continue;
    document.paths[`/complaints/{id}/${command}`] = {
      post: {
        ...withBody(route.body.name, route.summary, { '200': { description: 'The case after the command, with its new ETag' } }),
        operationId: `complaint-${command}`,
        parameters: [{ name: 'id', in: 'path' as const, required: true, schema: { type: 'string' }, description: "The case's id or its reference (2026-000123)" }, ...headers],
      },
    } as PathItem;
  }
}
