import type { NextFunction, Request, RequestHandler, Response } from 'express';

/**
 * A write with a body must say it is JSON; anything else would be read as an empty body. The upload
 * routes named (exact paths) take a multipart form instead, which their own handlers check after
 * the token and the role.
 */
export function requireJson(uploadRoutes: readonly string[] = []): RequestHandler {
  const uploads = new Set(uploadRoutes);
  return (request: Request, response: Response, next: NextFunction): void => {
    const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    if (request.method === 'POST' && hasBody && !request.is('application/json') && !uploads.has(request.path)) {
      response.status(415).json({ statusCode: 415, error: 'Unsupported Media Type', message: 'the body must be JSON (Content-Type: application/json)' });
      return;
    }
    next();
  };
}
