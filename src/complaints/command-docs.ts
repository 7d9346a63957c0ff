import type { OpenAPIObject } from '@nestjs/swagger';
import { COMMAND_ROUTES } from './command-routes.js';

type Operation = Record<string, unknown>;
type PathItem = OpenAPIObject['paths'][string];

const ERRORS: Record<string, { description: string }> = {
  '400': { description: 'A field breaks a rule: `errors` names each field and rule' },
  '401': { description: 'No valid bearer token' },
  '403': { description: 'The role (or department) may not do this' },
  '404': { description: 'No such complaint' },
  '409': { description: 'The state does not allow the command: `state` and `allowedCommands` say what does' },
  '412': { description: 'If-Match names an older revision than the current one' },
};

/** The command routes are one handler; their documentation comes from the same table that validates them. */
export function documentCommandRoutes(document: OpenAPIObject): void {
  delete document.paths['/complaints/{id}/{command}'];
  const withBody = (bodyName: string, summary: string, responses: Record<string, unknown>): Operation => ({
    summary,
    tags: ['complaints'],
    requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${bodyName}` } } } },
    responses: { ...responses, ...ERRORS },
  });
  const headers = [
    { name: 'If-Match', in: 'header' as const, required: false, schema: { type: 'string' }, description: 'The ETag (revision) last seen: a stale one gets 412' },
    { name: 'Idempotency-Key', in: 'header' as const, required: false, schema: { type: 'string' }, description: 'The same key again returns the first answer and stores nothing' },
  ];
  const receive = COMMAND_ROUTES.receive;
  document.paths['/complaints'] = {
    ...document.paths['/complaints'],
    post: { ...withBody(receive.body.name, receive.summary, { '201': { description: 'Received; Location and ETag headers' } }), parameters: headers.slice(1) },
  } as PathItem;
  for (const [command, route] of Object.entries(COMMAND_ROUTES)) {
    if (command === 'receive') continue;
    document.paths[`/complaints/{id}/${command}`] = {
      post: {
        ...withBody(route.body.name, route.summary, { '200': { description: 'The case after the command, with its new ETag' } }),
        operationId: `complaint-${command}`,
        parameters: [{ name: 'id', in: 'path' as const, required: true, schema: { type: 'string' } }, ...headers],
      },
    } as PathItem;
  }
}
