import type { NextFunction, Request, RequestHandler, Response } from 'express';

function refuse(response: Response, message: string): void {
  response.status(415).json({ statusCode: 415, error: 'Unsupported Media Type', message });
}

/**
 * A write with a body must say it is JSON in UTF-8; anything else would be read as an empty body. The upload
 * routes named (exact paths) take a multipart form instead, which their own handlers check after
 * the token and the role.
 */
export function requireJson(uploadRoutes: readonly string[] = []): RequestHandler {
  const uploads = new Set(uploadRoutes);
  return (request: Request, response: Response, next: NextFunction): void => {
    const hasBody = Number(request.headers['content-length'] ?? 0) > 0 || request.headers['transfer-encoding'] !== undefined;
    if (request.method === 'POST' && hasBody && !uploads.has(request.path)) {
      if (!request.is('application/json')) return refuse(response, 'the body must be JSON (Content-Type: application/json)');
      // The JSON parser would decode UTF-16 too, into text that is no JSON object: the answer would blame the body, not its charset.
      const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
      if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return refuse(response, 'the body must be JSON in UTF-8 (Content-Type: application/json; charset=utf-8, or no charset)');
    }
    next();
  };
}
