import type { OpenAPIObject } from '@nestjs/swagger';
import { errorAnswers } from '../http/nest.js';
import { EVALUATION_COMMAND_ROUTES, InspectionBody } from './command-routes.js';

type PathItem = OpenAPIObject['paths'][string];


const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', minLength: 1, maxLength: 200 },
  description: 'As for complaints: the same request again gets the first answer and stores nothing; the key with another request gets 422',
};

/** The evaluation's command routes are one handler; their documentation comes from the table that validates them. The inspection's body too. */
export function documentEvaluationRoutes(document: OpenAPIObject): void {
  delete document.paths['/evaluations/{quarter}/{command}'];
  const operation = (command: keyof typeof EVALUATION_COMMAND_ROUTES, responses: Record<string, unknown>) => ({
    summary: EVALUATION_COMMAND_ROUTES[command].summary,
    tags: ['evaluations'],
    operationId: `evaluation-${command}`,
    requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${EVALUATION_COMMAND_ROUTES[command].body.name}` } } } },
    responses: { ...responses, ...errorAnswers(403, 409, 412, 422) },
  });
  document.paths['/evaluations'] = {
    ...document.paths['/evaluations'],
    post: { ...operation('draft', { '201': { description: 'Drafted; Location and ETag headers' } }), parameters: [IDEMPOTENCY_KEY] },
  } as PathItem;
  for (const command of Object.keys(EVALUATION_COMMAND_ROUTES) as (keyof typeof EVALUATION_COMMAND_ROUTES)[]) {
    if (command === 'draft') continue;
    document.paths[`/evaluations/{quarter}/${command}`] = {
      post: {
        ...operation(command, { '200': { description: 'The evaluation after the command, with its new ETag' } }),
        parameters: [
          { name: 'quarter', in: 'path', required: true, schema: { type: 'string', pattern: '^\\d{4}-Q[1-4]$' }, example: '2026-Q3' },
          { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, description: 'The ETag (revision) last seen: a stale one gets 412' },
          IDEMPOTENCY_KEY,
        ],
      },
    } as PathItem;
  }
  document.paths['/inspections'] = {
    ...document.paths['/inspections'],
    post: {
      summary: 'Record an ad-hoc inspection (수시 평가): findings on the items 가–라 for a period, optionally a random sample of its cases picked with a seed (complaints office, manager)',
      tags: ['evaluations'],
      operationId: 'inspection-record',
      requestBody: { required: true, content: { 'application/json': { schema: { $ref: `#/components/schemas/${InspectionBody.name}` } } } },
      responses: { '201': { description: 'Recorded; Location header. The sampled cases with their ISO 10002 checklists' }, ...errorAnswers(403) },
    },
  } as PathItem;
}
