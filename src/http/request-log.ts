import type { LoggerService } from '@nestjs/common';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { pino, type DestinationStream, type Logger } from 'pino';
import { pathWithoutSecrets } from '../telemetry.js';

/** JSON lines to stdout, or to `destination` (tests read what the service logs). */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  // Bodies, headers and query strings are never logged: they may hold a complainant's personal data;
  // nor a follow-up link's token in a path (pathWithoutSecrets).
  const options = { level, base: { service: 'complaint-engine' }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}

const CORRELATION = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * Takes the request's trace id when tracing is on (a caller joins with `traceparent`), else the caller's
 * `X-Correlation-Id` (or makes one); echoes it, and logs one JSON line per request.
 */
export function requestLog(logger: Logger) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const correlationId = traceIdNow() ?? givenOrNew(request.headers['x-correlation-id']);
    (request as Request & { correlationId: string }).correlationId = correlationId;
    response.setHeader('X-Correlation-Id', correlationId);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      logger.info({
        correlationId,
        method: request.method,
        path: pathWithoutSecrets(request.path),
        status: response.statusCode,
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        actor: (request as Request & { actor?: { id: string } }).actor?.id,
      }, 'request');
    });
    next();
  };
}

/** Without the OpenTelemetry SDK there is no span: undefined. */
function traceIdNow(): string | undefined {
  const context = trace.getActiveSpan()?.spanContext();
  return context && isSpanContextValid(context) ? context.traceId : undefined;
}

function givenOrNew(given: string | string[] | undefined): string {
  return typeof given === 'string' && CORRELATION.test(given) ? given : randomUUID();
}

export function correlationIdOf(request: Request): string {
  return (request as Request & { correlationId?: string }).correlationId ?? randomUUID();
}

/** Nest's own log lines, through the same JSON logger. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}
  log(message: unknown, context?: string) {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    const [fields, text] = lineOf(message);
    this.logger.error({ context, trace, ...fields }, text);
  }
  warn(message: unknown, context?: string) {
    const [fields, text] = lineOf(message);
    this.logger.warn({ context, ...fields }, text);
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
}

/** A message given as `{ msg, ...fields }` (a request's `correlationId`, to join it to its request line) or as text. */
function lineOf(message: unknown): [Record<string, unknown>, string] {
  if (typeof message !== 'object' || message === null || !('msg' in message)) return [{}, String(message)];
  const { msg, ...fields } = message as { msg: unknown };
  return [fields, String(msg)];
}
