import { expect } from '@jest/globals';
import type { Catalog } from '../../domain/catalog.js';
import type { ComplaintCommand } from '../../domain/complaint/commands.js';
import { decide, replay, type ComplaintState } from '../../domain/complaint/decider.js';
import type { ComplaintEvent } from '../../domain/complaint/events.js';

/** Given these past events, when this command, then these events (or this error). For tests. */
export function given(...history: ComplaintEvent[][]) {
  const past = history.flat();
  return {
    when(command: ComplaintCommand, catalog?: Catalog) {
      const attempt = (): ComplaintEvent[] => decide(command, replay(past), catalog);
      return {
        then(expected: ComplaintEvent[]): void {
          expect(attempt()).toEqual(expected);
        },
        thenEvents(): ComplaintEvent[] {
          return attempt();
        },
        thenState(): ComplaintState {
          return replay([...past, ...attempt()]);
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
