/** Once a minute at most, while the same thing keeps failing. */
export const OUTAGE_LOG_INTERVAL_MS = 60_000;

export interface OutageLog {
  /** An attempt failed: a warning on the first failure, then at most one every interval while failures go on. */
  failed(reason: string): void;
  /** An attempt succeeded: one line saying so when it ends an outage, nothing otherwise. */
  succeeded(): void;
}

/**
 * The log of something retried while it fails (the sealer in a database outage, the readiness probe):
 * one warning when it starts failing, one a minute while it goes on, one line when it works again,
 * not one a retry or probe. `what` names it, in the messages: `sealing`, `readiness`.
 */
export function outageLog(what: string, log: { warn(message: string): void; info(message: string): void }, now: () => number = Date.now, intervalMs = OUTAGE_LOG_INTERVAL_MS): OutageLog {
  let outage: { since: number; failures: number; loggedAt: number } | undefined;
  const seconds = (ms: number) => Math.round(ms / 1000);
  return {
    failed(reason) {
      const at = now();
      if (!outage) {
        outage = { since: at, failures: 1, loggedAt: at };
        log.warn(`${what} failed, will try again (logged again once a minute while it fails): ${reason}`);
        return;
      }
      outage.failures++;
      if (at - outage.loggedAt < intervalMs) return;
      outage.loggedAt = at;
      log.warn(`${what} still failing: ${outage.failures} failures in ${seconds(at - outage.since)} s: ${reason}`);
    },
    succeeded() {
      if (!outage) return;
      log.info(`${what} works again, after ${outage.failures} failures in ${seconds(now() - outage.since)} s`);
      outage = undefined;
    },
  };
}
