import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiHeader, type OpenAPIObject } from '@nestjs/swagger';
import { FROM_READ_MODELS, READ_MODELS_HEADER, READ_YOUR_WRITES_HEADER, type ReadModelsWait } from './read-your-writes.js';

// Read-your-writes (read-your-writes.ts) as routes declare it: Nest's route metadata and the API description.

/** The same mark in the generated API description, until `documentReadModelsAnswers` reads it. */
const FROM_READ_MODELS_ROUTE = 'x-from-read-models';

const WAIT = "at most the service's `READ_YOUR_WRITES_WAIT_MS` (2 s by default)";

const marked = (wait: ReadModelsWait, description: string): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(FROM_READ_MODELS, wait),
    ApiHeader({ name: READ_YOUR_WRITES_HEADER, required: false, enum: ['true'], description }),
    ApiExtension(FROM_READ_MODELS_ROUTE, wait),
  );

/** The route (or every route of the controller) answers, wholly or partly, from read models. */
export const FromReadModels = (): MethodDecorator & ClassDecorator =>
  marked(
    'when-asked',
    'This route answers from read models, which follow the event store within moments. `true`: answer once every read model has applied ' +
      `all events stored before this request (your own writes included), waiting ${WAIT}; the answer's \`${READ_MODELS_HEADER}\` then says \`current\`, ` +
      'or `behind` when the wait ran out. Any other value is a 400.',
  );

/** The route answers from read models what must include every write before it (an erasure's list of cases). */
export const ReadsYourWrites = (): MethodDecorator & ClassDecorator =>
  marked(
    'always',
    'This route answers from read models and always waits, header or not, until every read model has applied all events stored before ' +
      `this request, ${WAIT}; the answer's \`${READ_MODELS_HEADER}\` says \`current\`, or \`behind\` when the wait ran out. Any value but \`true\` is a 400.`,
  );

/** Documents `X-Read-Models` on the success answers of the routes marked above. */
export function documentReadModelsAnswers(document: OpenAPIObject): void {
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item as Record<string, { [FROM_READ_MODELS_ROUTE]?: ReadModelsWait; responses?: Record<string, { headers?: object }> }>)) {
      if (typeof operation !== 'object' || operation === null || !(FROM_READ_MODELS_ROUTE in operation)) continue;
      delete operation[FROM_READ_MODELS_ROUTE];
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (status.startsWith('2')) response.headers = { ...response.headers, [READ_MODELS_HEADER]: READ_MODELS_ANSWER };
      }
    }
  }
}

const READ_MODELS_ANSWER = {
  description: `Whether every read model had applied all events stored before the request (\`current\`) or the wait of ${WAIT} ran out (\`behind\`: GET /projections says why); only when the request waited`,
  schema: { type: 'string', enum: ['current', 'behind'] },
};
