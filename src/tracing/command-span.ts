import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { AsyncLocalStorage } from 'node:async_hooks';
import { statusOf } from '../http/index.js';

/** Without the OpenTelemetry SDK started (src/telemetry.ts) these are the API's no-op spans. */
const tracer = trace.getTracer('complaint-engine');

/** The aggregates that take commands, named as in their routes and the command metrics. */
export type CommandAggregate = 'complaints' | 'improvement-requests' | 'evaluations';

/**
 * What a command does, each in a child span: read its stream (or recall the case as this process's
 * last command left it), decide, append. Retried together on a write conflict.
 */
export type CommandStep = 'read' | 'recall' | 'decide' | 'append';

export interface CommandTrace {
  step<T>(name: CommandStep, run: () => T): T;
  /** The command was stored before (the same Idempotency-Key): answered from the stream, nothing appended. */
  repeated(): void;
}

/** The outcome of the command a request runs, as `commandSpan` finds it, for the command metrics (see {@link followCommand}). */
const requestCommand = new AsyncLocalStorage<{ repeated: boolean }>();

/**
 * Follows the command of a request whose rest (`next`) runs in `run`, so that whether it was answered from
 * an earlier one (the same Idempotency-Key: nothing stored) can be told once it is answered. The HTTP
 * status cannot tell: a repeat is answered as the first request was.
 */
export function followCommand(): { run(next: () => void): void; repeated(): boolean } {
  const outcome = { repeated: false };
  return { run: (next) => requestCommand.run(outcome, next), repeated: () => outcome.repeated };
}

/**
 * Runs a command in its span `command <aggregate>.<type>`. Its attributes have bounded values only:
 * the aggregate, the command type, the outcome (`stored`, `repeated`, or the status of the refusal, as
 * in the command metrics) and the attempts. Never an id or anything of a person.
 */
export function commandSpan<T>(aggregate: CommandAggregate, type: string, run: (command: CommandTrace) => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(`command ${aggregate}.${type}`, { attributes: { 'command.aggregate': aggregate, 'command.type': type } }, async (span) => {
    let attempts = 0;
    let outcome = 'stored';
    const command: CommandTrace = {
      step: (name, runStep) => {
        if (name === 'read' || name === 'recall') attempts++;
        return inSpan(name, runStep);
      },
      repeated: () => {
        outcome = 'repeated';
        const request = requestCommand.getStore();
        if (request) request.repeated = true;
      },
    };
    try {
      const result = await run(command);
      span.setAttributes({ 'command.outcome': outcome, 'command.attempts': attempts });
      return result;
    } catch (error) {
      fail(span, error);
      span.setAttributes({ 'command.outcome': String(statusOf(error)), 'command.attempts': attempts });
      throw error;
    } finally {
      span.end();
    }
  });
}

function inSpan<T>(name: CommandStep, run: () => T): T {
  return tracer.startActiveSpan(name, (span) => {
    try {
      const result = run();
      if (!(result instanceof Promise)) {
        span.end();
        return result;
      }
      return result.then(
        (value: unknown) => {
          span.end();
          return value;
        },
        (error: unknown) => {
          fail(span, error);
          span.end();
          throw error;
        },
      ) as T;
    } catch (error) {
      fail(span, error);
      span.end();
      throw error;
    }
  });
}

/** A refusal (4xx) is an answer, not a failure; only what ends in a 500 marks the span, by the error's class (its message may quote a person). */
function fail(span: Span, error: unknown): void {
  if (statusOf(error) >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
}
