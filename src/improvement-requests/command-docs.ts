import type { OpenAPIObject } from '@nestjs/swagger';
import { errorAnswers } from '../http/nest.js';
import { IMPROVEMENT_COMMAND_ROUTES } from './command-routes.js';

type PathItem = OpenAPIObject['paths'][string];


const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', minLength: 1, maxLength: 200 },
  description: 'As for complaints: the same request again gets the first answer and stores nothing; the key with another request gets 422',
};

/** The improvement requests' command routes are one handler; their documentation comes from the table that validates them. */
export function documentImprovementRoutes(document: OpenAPIObject): void {
  delete document.paths['/improvement-requests/{id}/{command}'];
  const operation = (command: keyof typeof IMPROVEMENT_COMMAND_ROUTES, responses: Record<string, unknown>) => ({
    summary: IMPROVEMENT_COMMAND_ROUTES[command].summary,
    tags: ['improvement-requests'],
    operationId: `improvement-${command}`,
    requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${IMPROVEMENT_COMMAND_ROUTES[command].body.name}` } } } },
    responses: { ...responses, ...errorAnswers(403, 409, 412, 422) },
  });
  document.paths['/improvement-requests'] = {
    ...document.paths['/improvement-requests'],
    post: { ...operation('file', { '201': { description: 'Filed; Location and ETag headers' } }), parameters: [IDEMPOTENCY_KEY] },
  } as PathItem;
  for (const command of Object.keys(IMPROVEMENT_COMMAND_ROUTES) as (keyof typeof IMPROVEMENT_COMMAND_ROUTES)[]) {
    if (command === 'file') continue;
    document.paths[`/improvement-requests/{id}/${command}`] = {
      post: {
        ...operation(command, { '200': { description: 'The request after the command, with its new ETag' } }),
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'The ETag (revision) last seen: a stale one gets 412' },
          IDEMPOTENCY_KEY,
        ],
      },
    } as PathItem;
  }
}
