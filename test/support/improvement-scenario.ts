import { expect } from '@jest/globals';
import type { ImprovementCommand } from '../../domain/improvement/commands.js';
import { decideImprovement, replayImprovement, type ImprovementSnapshot } from '../../domain/improvement/decider.js';
import type { ImprovementEvent } from '../../domain/improvement/events.js';

/** Given these past events of an improvement request, when this command, then these events (or this error). For tests. */
export function givenRequest(...history: ImprovementEvent[][]) {
  const past = history.flat();
  return {
    when(command: ImprovementCommand) {
      const attempt = (): ImprovementEvent[] => decideImprovement(command, replayImprovement(past));
      return {
        then(expected: ImprovementEvent[]): void {
          expect(attempt()).toEqual(expected);
        },
        thenState(): ImprovementSnapshot {
          return replayImprovement([...past, ...attempt()]);
        },
        thenRejects(errorClass: new (...args: never[]) => Error, message?: string | RegExp): Error {
          let caught: unknown;
          try {
            attempt();
          } catch (error) {
            caught = error;
          }
          expect(caught).toBeInstanceOf(errorClass);
          if (message !== undefined) expect((caught as Error).message).toMatch(message);
          return caught as Error;
        },
      };
    },
  };
}

/** Filed on Monday 30 November 2026 10:00 in Seoul: due Tuesday 2 March 2027 (28 Feb is a Sunday, 1 March 삼일절). */
export const FILED_AT = '2026-11-30T10:00:00+09:00';
export const DUE_ON = '2027-03-02';

export const filed: ImprovementEvent[] = [
  {
    type: 'ImprovementRequested',
    data: { requestId: 'ir-1', department: 'inspection', complaints: ['c-1', 'c-2'], change: 'Inspect gas meters yearly', reason: 'Two leaks in a year', dueOn: DUE_ON },
    occurredAt: FILED_AT,
  },
];
export const planned: ImprovementEvent[] = [{ type: 'ImprovementPlanned', data: { plan: 'Yearly inspection round from January' }, occurredAt: '2026-12-07T10:00:00+09:00' }];
export const implemented: ImprovementEvent[] = [{ type: 'ImprovementImplemented', data: { summary: 'Round scheduled and staffed' }, occurredAt: '2027-01-11T10:00:00+09:00' }];
export const resultReported: ImprovementEvent[] = [{ type: 'ImprovementResultReported', data: { result: 'All meters inspected; no leak since' }, occurredAt: '2027-02-15T10:00:00+09:00' }];
export const declined: ImprovementEvent[] = [{ type: 'ImprovementDeclined', data: { reason: 'The meters belong to the gas company' }, occurredAt: '2026-12-10T10:00:00+09:00' }];
