import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { refusal } from '../../domain/access.js';
import { complaintOf, decide, evolve, initialState, lifecycleState, replay } from '../../domain/complaint/decider.js';
import type { ComplaintEvent } from '../../domain/complaint/events.js';
import { eventsOf, generateCase, generateWorkload, type GeneratedCase, type WorkloadOptions } from '../../domain/workload/generator.js';

const YEAR_2025: Omit<WorkloadOptions, 'seed' | 'complaints'> = { from: '2025-01-01T00:00:00+09:00', to: '2026-01-01T00:00:00+09:00' };

const workload = (seed: number, complaints: number, options: Partial<WorkloadOptions> = {}): GeneratedCase[] => [
  ...generateWorkload({ ...YEAR_2025, seed, complaints, ...options }),
];

/** What the store gives back is JSON. */
const asStored = (events: ComplaintEvent[]): ComplaintEvent[] => JSON.parse(JSON.stringify(events)) as ComplaintEvent[];

describe('the workload generator', () => {
  it('gives commands for which the decider produces exactly the generated events, each given by an actor whose role allows it', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        for (const generated of workload(seed, 50)) {
          let state = initialState();
          for (const { actor, command, events } of generated.steps) {
            expect(refusal(actor, command.type, complaintOf(state))).toBeUndefined();
            expect(decide(command, state)).toStrictEqual(events);
            state = events.reduce(evolve, state);
          }
        }
      }),
      { numRuns: 20 },
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
    expect(new Set(received.map((e) => e.data.category)).size).toBe(7);
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
