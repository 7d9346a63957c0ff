/** The signals that stop the service: SIGTERM (orchestrators, `docker stop`, `kill`) and SIGINT (Ctrl-C in a terminal). */
export type ShutdownSignal = 'SIGTERM' | 'SIGINT';

let handler: ((signal: ShutdownSignal) => void) | undefined;
const early: ShutdownSignal[] = [];
let caught = false;

/**
 * Catches SIGTERM and SIGINT from now on, for the whole life of the process: Node's default for them
 * ends the process at once (status 143 or 130), without a log line, a closed store or answered
 * requests, also for a signal that comes again during a shutdown. Until a handler is set (the start-up),
 * the signals are kept for it. `main.ts` calls this first of all, before tracing starts.
 */
export function catchShutdownSignals(): void {
  if (caught) return;
  caught = true;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => (handler ? handler(signal) : early.push(signal)));
  }
}

/** Hands every signal from now on to `handle` (replacing the handler before), and at once those that came while there was none. */
export function onShutdownSignal(handle: (signal: ShutdownSignal) => void): void {
  catchShutdownSignals();
  handler = handle;
  for (const signal of early.splice(0)) handle(signal);
}
