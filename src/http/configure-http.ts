import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Logger } from 'pino';
import { publishApiDocs, type ApiDocsAddition } from './openapi.js';
import { privateResponses } from './private-responses.js';
import { requestLog } from './request-log.js';
import { requireJson } from './require-json.js';

/** What every request goes through before a route: its log line and correlation id, JSON only, no caching, 100 KB bodies; and the API docs. */
export function configureHttp(app: NestExpressApplication, logger: Logger, docs: readonly ApiDocsAddition[]): void {
  app.use(requestLog(logger));
  app.use(requireJson);
  app.use(privateResponses);
  app.useBodyParser('json', { limit: '100kb' });
  publishApiDocs(app, docs);
}
