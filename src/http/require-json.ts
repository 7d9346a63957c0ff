import type { NextFunction, Request, Response } from 'express';

/** A write with a body must say it is JSON; anything else would be read as an empty body. */
export function requireJson(request: Request, response: Response, next: NextFunction): void {
  const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
  if (request.method === 'POST' && hasBody && !request.is('application/json')) {
    response.status(415).json({ statusCode: 415, error: 'Unsupported Media Type', message: 'the body must be JSON (Content-Type: application/json)' });
    return;
  }
  next();
}
