import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { InvalidCommand } from '../domain/errors.js';
import type { ImprovementCommand } from '../domain/improvement/commands.js';
import type { ImprovementEvent } from '../domain/improvement/events.js';
import { allowedImprovementCommands, decideImprovement, evolveImprovement, improvementState, initialImprovementState, requestOf } from '../domain/improvement/decider.js';
import { summarizeImprovement, type ImprovementSummary } from './improvement-requests.js';

/** A command of each type with a body the decider takes, given at `now`. */
function commandOf(type: ImprovementCommand['type'], now: string, choice: number): ImprovementCommand {
  const later = DateTime.fromISO(now).plus({ months: 4 + choice }).toISODate() as string;
  const data = {
    file: { requestId: 'ir-1', department: 'inspection', complaints: ['c-1'], change: 'Change', reason: 'Why' },
    plan: { plan: 'Plan' },
    implement: { summary: 'Done' },
    'report-result': { result: 'Result' },
    verify: {},
    decline: { reason: 'No' },
    'request-extension': { reason: 'Longer', dueOn: DateTime.fromISO(now).plus({ years: 2, days: choice }).toISODate() as string },
    'record-committee-decision': [
      { decision: 'uphold', decidedBy: 'Committee', dueOn: later },
      { decision: 'accept-decline', decidedBy: 'Committee' },
      { decision: 'change', decidedBy: 'Committee', change: 'Changed', dueOn: later },
    ][choice % 3],
  }[type];
  return { type, data, now } as ImprovementCommand;
}

describe('the improvement-requests read model follows the machine', () => {
  it('after every event of random walks (some days or months apart), the summary folded from what it stored is the replayed request in the replayed state', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(20), fc.nat(120), fc.nat(2)), { maxLength: 25 }), (steps) => {
        let at = DateTime.fromISO('2026-11-30T10:00:00+09:00');
        let machine = initialImprovementState();
        let summary: ImprovementSummary | undefined;
        let revision = -1;
        const record = (events: ImprovementEvent[]) => {
          for (const event of events) {
            machine = evolveImprovement(machine, event);
            // Stored and read back as JSON, as the read model keeps it.
            summary = summarizeImprovement(summary && JSON.parse(JSON.stringify(summary)), 'ir-1', event, ++revision);
            expect(summary).toEqual({ id: 'ir-1', state: improvementState(machine), request: requestOf(machine), revision, updatedAt: event.occurredAt });
          }
        };
        record(decideImprovement(commandOf('file', at.toISO()!, 0), machine));
        for (const [pick, days, choice] of steps) {
          at = at.plus({ days });
          const allowed = allowedImprovementCommands(machine, at.toISO()!);
          if (allowed.length === 0) break;
          try {
            record(decideImprovement(commandOf(allowed[pick % allowed.length]!, at.toISO()!, choice), machine));
          } catch (error) {
            // A body this walk made that the decider refuses (accepting a decline of a request not declined).
            if (!(error instanceof InvalidCommand)) throw error;
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

