import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { IS_ISO8601 } from 'class-validator';
import { validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { documentReadModelsAnswers } from './read-your-writes-routes.js';

/** Adds to the generated document what Nest's decorators cannot say (e.g. one handler serving many documented routes). */
export type ApiDocsAddition = (document: OpenAPIObject) => void;

/**
 * Serves the API description at /openapi.json and a browsable page at /docs: the routes as Nest
 * finds them, every class-validator body as a schema, the features' additions, the read models'
 * answer header, then the error answers every route can give.
 */
export function publishApiDocs(app: INestApplication, additions: readonly ApiDocsAddition[]): OpenAPIObject {
  const base = new DocumentBuilder()
    .setTitle('Complaint engine')
    .setDescription('Back-office API for complaint handling: every complaint is a state machine whose history is stored as events.')
    .setVersion('0.1.0')
    .addServer('/', 'The server that serves this document')
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, base);
  // class-transformer's @Type tells what the items of nested arrays are.
  const schemas = validationMetadatasToSchemas({
    refPointerPrefix: '#/components/schemas/',
    classTransformerMetadataStorage: defaultMetadataStorage,
    // Every ISO 8601 field of this API names an instant: a date alone is refused (src/http/parameters.ts).
    // A date alone (due dates, @IsDay) is a calendar date.
    additionalConverters: { [IS_ISO8601]: { type: 'string', format: 'date-time' }, isDay: { type: 'string', format: 'date' } },
  });
  document.components = { ...document.components, schemas: tidied({ ...document.components?.schemas, ...(schemas as object) }) };
  for (const add of additions) add(document);
  documentReadModelsAnswers(document);
  documentErrorAnswers(document);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return document;
}

/**
 * The body schemas as OpenAPI 3.0 reads them: a `$ref` stands alone (class-validator-jsonschema adds
 * `type: object` beside it), and a choice between string formats (an ISO 8601 date or date-time, which
 * overlap as JSON types) is `anyOf`, not `oneOf`.
 */
function tidied<T>(schema: T): T {
  if (Array.isArray(schema)) return schema.map(tidied) as T;
  if (typeof schema !== 'object' || schema === null) return schema;
  const node = schema as Record<string, unknown>;
  if (typeof node.$ref === 'string') return { $ref: node.$ref } as T;
  const { oneOf, ...rest } = node;
  const choice = Array.isArray(oneOf) && oneOf.every((s) => (s as { type?: string }).type === 'string') ? { anyOf: oneOf } : oneOf === undefined ? {} : { oneOf };
  return Object.fromEntries(Object.entries({ ...rest, ...choice }).map(([key, value]) => [key, tidied(value)])) as T;
}

/** Marks a route or controller served without a token (`@Public()` applies it): no 401, no security. */
export const PUBLIC_ROUTE = 'x-public';
/** Marks a route or controller only some roles may use (`@Roles()` applies it): it may answer 403. */
export const RESTRICTED_ROUTE = 'x-restricted';

const FIELD_ERROR = {
  type: 'object',
  required: ['field', 'rule'],
  properties: { field: { type: 'string', example: 'severity' }, rule: { type: 'string', example: 'must be one of: low, medium, high, critical' } },
};

/** Every error answer has this body (src/http/error-filter.ts); a 400 adds `errors`, a 409 of a command `state` and `allowedCommands`. */
const ERROR_ANSWER = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', example: 400 },
    error: { type: 'string', example: 'Bad Request' },
    message: { type: 'string' },
    errors: { type: 'array', items: FIELD_ERROR, description: 'On a 400: each field or parameter refused, with its rule' },
    retryAfterSeconds: { type: 'integer', description: 'On a 429: when to try again (also the `Retry-After` header)' },
    limit: { type: 'string', enum: ['address', 'link', 'filing'], description: "On a 429 of the portal: the limit reached (requests from the client's address, on the case's link, or complaints filed from the address)" },
  },
};

const COMMAND_REFUSED = {
  allOf: [
    { $ref: '#/components/schemas/ErrorAnswer' },
    {
      type: 'object',
      properties: {
        state: { type: 'string', description: 'The state the case or request is in' },
        allowedCommands: { type: 'array', items: { type: 'string' }, description: 'The commands its state allows now' },
        reason: { type: 'string', description: 'Why, when it is not the state alone' },
      },
    },
  ],
};

const ERROR_RESPONSES = {
  400: ['BadRequest', 'A parameter or field breaks a rule: `errors` names each one and its rule', 'ErrorAnswer'],
  401: ['Unauthorized', 'No valid bearer token', 'ErrorAnswer'],
  403: ['Forbidden', 'The role or department may not do this', 'ErrorAnswer'],
  404: ['NotFound', 'No such case, request or other thing the path names (or an unknown command)', 'ErrorAnswer'],
  409: ['Conflict', 'The state does not allow it now: `state` and `allowedCommands` say what it does allow (or it was done already)', 'CommandRefused'],
  412: ['PreconditionFailed', 'If-Match names another revision than the current one', 'ErrorAnswer'],
  413: ['PayloadTooLarge', 'The body is larger than 100 KB', 'ErrorAnswer'],
  415: ['UnsupportedMediaType', 'The body is not `application/json` in UTF-8, or is compressed in a Content-Encoding the service does not decode (it decodes gzip, deflate and br)', 'ErrorAnswer'],
  422: ['UnprocessableContent', 'The Idempotency-Key was already used by this user for a different request', 'ErrorAnswer'],
  429: ['TooManyRequests', 'Too many requests from this address or on this link, or too many complaints filed from this address: `limit` says which, `retryAfterSeconds` and the `Retry-After` header when to try again', 'ErrorAnswer'],
} as const;

export type ErrorStatus = keyof typeof ERROR_RESPONSES;

/** References to the shared error answers, for a route that gives more than its shape shows (409, 412, 422 of commands). */
export function errorAnswers(...statuses: ErrorStatus[]): Record<string, { $ref: string }> {
  return Object.fromEntries(statuses.map((status) => [String(status), { $ref: `#/components/responses/${ERROR_RESPONSES[status][0]}` }]));
}

type Operation = { parameters?: { in: string }[]; requestBody?: unknown; responses?: Record<string, object>; security?: unknown[]; [extension: string]: unknown };
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The error answers each operation can give, from its shape: 401 unless public; 403 when only some
 * roles may use it, or when it reads `X-Access-Reason` (a break-glass read is the auditor's); 400
 * when it takes parameters or a body; 404 when its path names something; 413 and 415 with a body.
 */
function documentErrorAnswers(document: OpenAPIObject): void {
  document.components!.schemas = { ...document.components!.schemas, ErrorAnswer: ERROR_ANSWER, CommandRefused: COMMAND_REFUSED } as never;
  document.components!.responses = Object.fromEntries(
    Object.values(ERROR_RESPONSES).map(([name, description, schema]) => [name, { description, content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } } }]),
  );
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = (item as Record<string, Operation | undefined>)[method];
      if (!operation) continue;
      const isPublic = operation[PUBLIC_ROUTE] === true;
      const restricted = operation[RESTRICTED_ROUTE] === true || (operation.parameters ?? []).some((p) => (p as { name?: string }).name === 'X-Access-Reason');
      delete operation[PUBLIC_ROUTE];
      delete operation[RESTRICTED_ROUTE];
      if (isPublic) operation.security = [];
      const statuses: ErrorStatus[] = [];
      if ((operation.parameters ?? []).length > 0 || operation.requestBody) statuses.push(400);
      if (!isPublic) statuses.push(401);
      if (restricted) statuses.push(403);
      if (path.includes('{')) statuses.push(404);
      if (operation.requestBody) statuses.push(413, 415);
      const responses: Record<string, object> = { ...errorAnswers(...statuses), ...operation.responses };
      // An error a route describes in its own words (`@ApiResponse` without a schema) gets the body every error has.
      for (const [status, response] of Object.entries(responses)) {
        const shared = ERROR_RESPONSES[Number(status) as ErrorStatus];
        if (shared && !('content' in response) && !('$ref' in response)) responses[status] = { ...response, content: { 'application/json': { schema: { $ref: `#/components/schemas/${shared[2]}` } } } };
      }
      operation.responses = responses;
    }
  }
  // Only the shared answers some route refers to (a route may describe one in its own words instead).
  const referred = JSON.stringify(document.paths);
  for (const name of Object.keys(document.components!.responses)) if (!referred.includes(`"#/components/responses/${name}"`)) delete document.components!.responses[name];
}
