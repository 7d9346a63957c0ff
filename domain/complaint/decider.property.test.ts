import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { storedEvents, walk, walkSteps } from '../../test/support/random-walks.js';
import { COMMANDS } from './commands.js';
import { allowedCommands, complaintOf, lifecycleState, replay } from './decider.js';
import { ComplaintCommandNotAllowed } from './errors.js';
import { InvalidCommand } from '../errors.js';
import { guardOf } from './lifecycle.js';

describe('the decider over random command sequences', () => {
  it('what was stored replays to the same state, and no rejected command stored anything', () => {
    fc.assert(
      fc.property(walkSteps, (steps) => {
        const decided = walk(steps);
        for (const { command, allowed, outcome } of decided) {
          if ('refused' in outcome) {
            expect(outcome.refused instanceof ComplaintCommandNotAllowed || outcome.refused instanceof InvalidCommand).toBe(true);
            if (!allowed.includes(command.type)) expect(outcome.refused).toBeInstanceOf(ComplaintCommandNotAllowed);
          } else {
            expect(allowed).toContain(command.type);
            expect(outcome.events.length).toBeGreaterThan(0);
          }
        }
        const state = decided.at(-1)?.state;
        if (!state) return;
        // What the store gives back is JSON: replaying it must rebuild exactly the same case.
        const replayed = replay(storedEvents(decided));
        expect(lifecycleState(replayed)).toBe(lifecycleState(state));
        expect(replayed.context).toEqual(state.context);
        expect(allowedCommands(replayed)).toEqual(allowedCommands(state));
      }),
      { numRuns: 500 },
    );
  });

  it('a command refused although the state takes its event (a guard: the case is past it, or lacks what it needs) says why', () => {
    fc.assert(
      fc.property(walkSteps, (steps) => {
        for (const { command, outcome, state } of walk(steps)) {
          if (!('refused' in outcome) || !(outcome.refused instanceof ComplaintCommandNotAllowed) || !complaintOf(state)) continue;
          // Refused, so the state is the one the command was given in.
          if (!COMMANDS[command.type].events.some((type) => guardOf(lifecycleState(state), type))) continue;
          expect(outcome.refused.reason).toEqual(expect.stringMatching(/^(?!.*undefined)\w/));
        }
      }),
      { numRuns: 500 },
    );
  });
});
