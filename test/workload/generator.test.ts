import { describe, expect, it } from '@jest/globals';
import { refusal } from '../../domain/access.js';
import { DEFAULT_CATALOG } from '../../domain/catalog.js';
import { complaintOf, decide, evolve, initialState, lifecycleState, replay } from '../../domain/complaint/decider.js';
import type { ComplaintEvent } from '../../domain/complaint/events.js';
import { DEFAULT_RATES, eventsOf, generateCase, generateWorkload, type GeneratedCase, type WorkloadOptions, type WorkloadRates } from '../support/workload/generator.js';
import fc from 'fast-check';

const YEAR_2025: Omit<WorkloadOptions, 'seed' | 'complaints'> = { from: '2025-01-01T00:00:00+09:00', to: '2026-01-01T00:00:00+09:00' };

const workload = (seed: number, complaints: number, options: Partial<WorkloadOptions> = {}): GeneratedCase[] => [
  ...generateWorkload({ ...YEAR_2025, seed, complaints, ...options }),
];

/** What the store gives back is JSON. */
const asStored = (events: ComplaintEvent[]): ComplaintEvent[] => JSON.parse(JSON.stringify(events)) as ComplaintEvent[];

describe('the workload generator', () => {
  it("gives each command by an actor whose role and department allow it, and a history that, read back from the store's JSON, replays to the same case and decides the same events", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        for (const generated of workload(seed, 50)) {
          // The case as the command path would find it: its history so far, read back from JSON.
          let stored = initialState();
          for (const { actor, command, events } of generated.steps) {
            expect(refusal(actor, command.type, complaintOf(stored))).toBeUndefined();
            expect(events.length).toBeGreaterThan(0);
            expect(events.every((e) => e.occurredAt === command.now)).toBe(true);
            expect(decide(command, stored)).toStrictEqual(events);
            stored = asStored(events).reduce(evolve, stored);
          }
          const live = replay(eventsOf(generated));
          expect(lifecycleState(stored)).toBe(lifecycleState(live));
          expect(complaintOf(stored)).toStrictEqual(complaintOf(live));
        }
      }),
      { numRuns: 20 },
    );
  });

  it('takes every turn its rates say: none at 0, each one it can at 1, a pause left running ended by the decider', () => {
    const types = (c: GeneratedCase): string[] => eventsOf(c).map((e) => e.type);
    const none = Object.fromEntries(Object.keys(DEFAULT_RATES).map((k) => [k, 0])) as unknown as WorkloadRates;
    for (const c of workload(1, 300, { rates: none }).slice(0, 200)) {
      expect(types(c)).toEqual(['ComplaintReceived', 'ComplaintAssigned', 'FindingsRecorded', 'DecisionMade', 'DecisionCommunicated', 'ComplaintClosed']);
    }

    const all: WorkloadRates = { ...(Object.fromEntries(Object.keys(DEFAULT_RATES).map((k) => [k, 1])) as unknown as WorkloadRates), rejectedAtAssessment: 0, withdrawn: 0, unreachable: 0 };
    const cases = workload(2, 300, { rates: all }).slice(0, 200);
    let endedByDecision = 0;
    for (const c of cases) {
      const seen = new Set(types(c));
      for (const type of ['ComplaintAssessed', 'ComplaintReassigned', 'InformationRequested', 'ClockPaused', 'InterimNoticeSent', 'ComplaintAmended', 'ComplaintReopened', 'SatisfactionRecorded']) {
        expect(seen).toContain(type);
      }
      expect(seen.has('ComplaintAcknowledged') || seen.has('AcknowledgementWithheld')).toBe(true);
      expect(types(c).filter((t) => t === 'DecisionMade')).toHaveLength(2);
      expect(lifecycleState(replay(eventsOf(c)))).toBe('closed');
      // Without a resume-clock step the clock still runs again by the decision: the decider says so.
      for (const [i, step] of c.steps.entries()) {
        if (step.command.type !== 'decide') continue;
        const resumed = c.steps.slice(0, i).findLast((s) => s.command.type === 'pause-clock' || s.command.type === 'resume-clock' || s.command.type === 'decide');
        if (resumed?.command.type === 'pause-clock') {
          expect(step.events.map((e) => e.type)).toEqual(['ClockResumed', 'DecisionMade']);
          endedByDecision++;
        } else {
          expect(step.events.map((e) => e.type)).toEqual(['DecisionMade']);
        }
      }
    }
    expect(endedByDecision).toBeGreaterThan(50);
  });

  it('gives only commands the decider accepts, whatever its rates and staffing (a refused command throws)', () => {
    const rate = fc.double({ min: 0, max: 1, noNaN: true });
    const rates = fc.record(Object.fromEntries(Object.keys(DEFAULT_RATES).map((k) => [k, rate])) as unknown as { [K in keyof WorkloadRates]: typeof rate });
    fc.assert(
      fc.property(fc.integer(), rates, fc.oneof(fc.constant(1), fc.constant(2), fc.integer({ min: 1, max: 25 })), (seed, rates, employeesPerDepartment) => {
        for (const generated of workload(seed, 60, { rates, employeesPerDepartment })) expect(generated.steps[0]?.command.type).toBe('receive');
      }),
      { numRuns: 50 },
    );
  });

  it('generates histories that replay from JSON without errors, for many seeds', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        for (const generated of workload(seed, 100)) {
          const events = eventsOf(generated);
          expect(events[0]?.type).toBe('ComplaintReceived');
          const state = replay(asStored(events));
          expect(complaintOf(state)?.id).toBe(generated.complaintId);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('the workload generator, deterministic by seed', () => {
  it('gives the same histories for the same seed, and others for another seed', () => {
    const first = JSON.stringify(workload(42, 500));
    expect(JSON.stringify(workload(42, 500))).toBe(first);
    expect(JSON.stringify(workload(43, 500))).not.toBe(first);
  });

  it('draws any case alone exactly as the stream draws it, so writers can share out a workload', () => {
    const options = { ...YEAR_2025, seed: 9, complaints: 1000 };
    const streamed = workload(9, 1000);
    for (const index of [0, 1, 499, 998, 999]) expect(generateCase(options, index)).toStrictEqual(streamed[index]);
  });
});

describe('the workload generator, realistic', () => {
  const cases = workload(2025, 20_000);
  const events = cases.flatMap(eventsOf);
  const count = (type: ComplaintEvent['type']): number => events.filter((e) => e.type === type).length;
  const share = (type: ComplaintEvent['type']): number => count(type) / cases.length;

  it('spreads receipts over the whole period, and nothing happens after its end', () => {
    const receipts = cases.map((c) => Date.parse(c.steps[0]!.events[0]!.occurredAt));
    expect(receipts.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(Date.parse(YEAR_2025.from));
    expect(events.reduce((latest, e) => Math.max(latest, Date.parse(e.occurredAt)), 0)).toBeLessThan(Date.parse(YEAR_2025.to));
    const byMonth = new Set(receipts.map((t) => new Date(t).getUTCMonth()));
    expect(byMonth.size).toBe(12);
    // Histories are cut at the end of the period: the latest cases are still open.
    const open = cases.slice(-200).filter((c) => lifecycleState(replay(eventsOf(c))) !== 'closed');
    expect(open.length).toBeGreaterThan(100);
    expect(cases.slice(0, 1000).every((c) => lifecycleState(replay(eventsOf(c))) === 'closed')).toBe(true);
  });

  it('has staff act in working hours on weekdays, Korean time', () => {
    const staffSteps = cases.flatMap((c) => c.steps.slice(1)).filter((s) => !s.actor.roles.includes('intake'));
    const outside = staffSteps.filter(({ events: [event] }) => {
      const local = new Date(Date.parse(event!.occurredAt) + 9 * 3600_000);
      return local.getUTCHours() < 9 || local.getUTCHours() >= 18 || local.getUTCDay() === 0 || local.getUTCDay() === 6;
    });
    expect(staffSteps.length).toBeGreaterThan(50_000);
    expect(outside).toEqual([]);
  });

  it('mixes categories, channels, departments and the turns a case can take at plausible rates', () => {
    const received = events.filter((e) => e.type === 'ComplaintReceived');
    expect(new Set(received.map((e) => e.data.category)).size).toBe(DEFAULT_CATALOG.categories.length);
    expect(new Set(received.map((e) => e.data.channel))).toEqual(new Set(['visit', 'mail', 'fax', 'web', 'call-centre']));
    expect(new Set(events.flatMap((e) => (e.type === 'ComplaintAssigned' ? [e.data.department] : []))).size).toBe(5);
    expect(share('ComplaintRejectedAtAssessment')).toBeCloseTo(0.95 * 0.04, 2);
    expect(share('ComplaintWithdrawn')).toBeGreaterThan(0.02);
    expect(share('ClockPaused')).toBeGreaterThan(0.1);
    expect(share('InformationRequested')).toBeGreaterThan(0.12);
    expect(share('InterimNoticeSent')).toBeGreaterThan(0.08);
    expect(share('ComplaintReassigned')).toBeGreaterThan(0.04);
    expect(share('ComplaintAmended')).toBeGreaterThan(0.02);
    expect(share('SatisfactionRecorded')).toBeGreaterThan(0.25);
    const reopenings = events.filter((e) => e.type === 'ComplaintReopened');
    expect(reopenings.filter((e) => e.data.kind === 're-investigation').length / cases.length).toBeGreaterThan(0.03);
    expect(reopenings.filter((e) => e.data.kind === 'appeal').length / cases.length).toBeGreaterThan(0.01);
    expect(events.some((e) => e.type === 'DecisionMade' && e.data.compensation !== undefined)).toBe(true);
    expect(events.some((e) => e.type === 'ComplaintClosed' && e.data.reason === 'complainant-unreachable')).toBe(true);
  });

  it('names employees unevenly, so that some are complained about three times or more in the year', () => {
    const named = new Map<string, number>();
    for (const e of events) if (e.type === 'ComplaintReceived') for (const s of e.data.subjects) named.set(s.id, (named.get(s.id) ?? 0) + 1);
    const counts = [...named.values()].sort((a, b) => b - a);
    expect(counts.filter((n) => n >= 3).length).toBeGreaterThan(10);
    expect(counts[0]!).toBeGreaterThan(3 * counts[counts.length - 1]!);
  });
});
