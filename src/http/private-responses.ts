import type { NextFunction, Request, Response } from 'express';

/**
 * Answers differ by who asks (personal data, the commands one may give), so no cache may keep or
 * share them: a browser revalidating a case with If-None-Match must never get another user's copy.
 * Static files of the console set their own caching after this.
 */
export function privateResponses(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Cache-Control', 'private, no-store');
  response.setHeader('Vary', 'Authorization');
  next();
}
