import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CommandNotAllowed, InvalidCommand } from '../../domain/errors.js';
import { databaseUnreachable, sqlState } from '../sql/index.js';
import { ApplicationError } from './errors.js';
import { pathWithoutSecrets } from '../telemetry.js';
import { correlationIdOf } from './request-log.js';

/** SQLSTATE of a statement the server cancelled (`statement_timeout`, an operator's `pg_cancel_backend`). */
const QUERY_CANCELED = '57014';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict',
  412: 'Precondition Failed', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content', 428: 'Precondition Required', 429: 'Too Many Requests', 500: 'Internal Server Error',
  503: 'Service Unavailable',
};
/** Seconds a client is asked to wait before trying again while the database cannot be reached: about a connection attempt's timeout. */
const RETRY_AFTER_SECONDS = 5;

/**
 * One place that turns every error into an answer: application errors by the status they carry,
 * the domain's by their meaning, client mistakes (bad JSON, too large) by their 4xx status, a
 * database out of reach into a 503 with `Retry-After` (a passing outage, logged as a warning without
 * a stack), and anything else into a 500 that names no internals. Stack traces go to the log, never
 * to the client.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<Request>();
    const [status, body] = answerTo(error);
    if (status === 503 && (databaseUnreachable(error) || sqlState(error) === QUERY_CANCELED)) {
      this.logger.warn({ msg: `${request.method} ${pathWithoutSecrets(request.path)}: ${body.message as string}: ${(error as Error).message}`, correlationId: correlationIdOf(request) });
      response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    } else if (status >= 500) {
      this.logger.error({ msg: `${request.method} ${pathWithoutSecrets(request.path)} failed: ${(error as Error)?.stack ?? String(error)}`, correlationId: correlationIdOf(request) });
    }
    response.status(status).json({ statusCode: status, error: STATUS_TEXT[status] ?? 'Error', ...body });
  }
}

/** The status of the answer to `error`, as the filter gives it. */
export function statusOf(error: unknown): number {
  return answerTo(error)[0];
}

function answerTo(error: unknown): [number, Record<string, unknown>] {
  if (error instanceof ApplicationError) return [error.status, { message: error.message, ...error.details() }];
  if (error instanceof InvalidCommand) return [400, { message: error.message, errors: [{ field: error.field, rule: error.rule }] }];
  if (error instanceof CommandNotAllowed) {
    return [409, { message: error.message, state: error.state, allowedCommands: error.allowed, ...(error.reason ? { reason: error.reason } : {}) }];
  }
  // Nest hands body-parser's and Express's own refusals on as a 400 carrying their wording (a JSON
  // parser's message, "Failed to decode param"): answered in this API's shape instead.
  const cause = error instanceof HttpException ? error.cause : undefined;
  if (cause instanceof SyntaxError && (cause as { type?: string }).type === 'entity.parse.failed') {
    // The parser refuses JSON that is no object (null, 42) as it refuses what is no JSON at all: told apart here.
    if (!isJson((cause as { body?: unknown }).body)) return [400, { message: 'the body is not JSON: it does not parse', errors: [{ field: 'body', rule: 'must be a JSON object' }] }];
    return [400, { message: 'the body is not a JSON object', errors: [{ field: 'body', rule: 'must be a JSON object' }] }];
  }
  // A body that does not decompress as its Content-Encoding says: zlib's own error (it alone carries an errno here), worded by zlib.
  if (cause instanceof Error && typeof (cause as { errno?: unknown }).errno === 'number' && error instanceof HttpException && error.getStatus() === 400) {
    return [400, { message: 'the body could not be decompressed', errors: [{ field: 'body', rule: 'must be compressed as its Content-Encoding says (gzip, deflate or br), or sent without one' }] }];
  }
  if ((cause as { type?: string } | undefined)?.type === 'encoding.unsupported') {
    return [415, { message: 'the body\'s Content-Encoding is not one the service decodes: send it without one, or as gzip, deflate or br' }];
  }
  if (cause instanceof URIError) return [400, { message: 'the path is not percent-encoded UTF-8', errors: [{ field: 'path', rule: 'must be percent-encoded UTF-8' }] }];
  if (error instanceof HttpException) {
    const payload = error.getResponse();
    return [error.getStatus(), typeof payload === 'string' ? { message: payload } : stripStatus(payload as Record<string, unknown>)];
  }
  // body-parser and friends mark client errors with a 4xx status.
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const type = (error as { type?: string }).type;
    const message = type === 'entity.parse.failed' ? 'the body is not valid JSON' : type === 'entity.too.large' ? 'the body is larger than 100 KB' : 'the request was refused';
    return [status, { message }];
  }
  if (databaseUnreachable(error)) return [503, { message: 'the database cannot be reached right now: try again in a few seconds (a command sent again with the same Idempotency-Key is stored once)' }];
  // The server cancelled the statement at its limit (a database overloaded, a lock held by a session a network cut left behind): a passing state too.
  if (sqlState(error) === QUERY_CANCELED) return [503, { message: 'the database did not finish in time: try again in a few seconds (a command sent again with the same Idempotency-Key is stored once)' }];
  return [500, { message: 'internal error; it has been logged' }];
}

function stripStatus({ statusCode: _s, error: _e, ...rest }: Record<string, unknown>): Record<string, unknown> {
  return rest;
}

function isJson(text: unknown): boolean {
  try {
    JSON.parse(String(text));
    return true;
  } catch {
    return false;
  }
}
