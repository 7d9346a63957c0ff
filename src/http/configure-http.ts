import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { publishApiDocs, type ApiDocsAddition } from './openapi.js';
import { privateResponses } from './private-responses.js';
import { requestLog } from './request-log.js';
import { requireJson } from './require-json.js';
import { utcInstants } from './utc-instants.js';

/**
 * The security headers of every answer. The page at /docs (Swagger UI) needs inline styles; the
 * console's page sets its own stricter policy (console-files.ts). Plain HTTP stays usable on a
 * private network: no upgrade-insecure-requests.
 */
const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
    },
  },
  frameguard: { action: 'deny' },
});

/**
 * What every request goes through before a route: its log line and correlation id, security headers,
 * JSON only (but on the upload routes), no caching, 100 KB bodies; instants answered in UTC; and the API docs.
 */
export function configureHttp(app: NestExpressApplication, logger: Logger, docs: readonly ApiDocsAddition[], uploadRoutes: readonly string[] = []): void {
  app.disable('x-powered-by');
  app.set('json replacer', utcInstants);
  app.use(requestLog(logger));
  app.use(securityHeaders);
  app.use(requireJson(uploadRoutes));
  app.use(privateResponses);
  app.useBodyParser('json', { limit: '100kb' });
  publishApiDocs(app, docs);
}
