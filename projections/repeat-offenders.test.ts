import { describe, expect, it } from '@jest/globals';
import type { ComplaintCommand } from '../domain/complaint/commands.js';
import { decide, evolve, initialState } from '../domain/complaint/decider.js';
import type { ComplaintEvent, SubjectFinding } from '../domain/complaint/events.js';
import { receiveCommand } from '../test/support/complaint-fixtures.js';
import { evolveRepeatCase, repeatComplainants, repeatOffenders, yearBounds, type CaseRef, type RepeatCase, type SubstantiatedFinding } from './repeat-offenders.js';

const SEOUL = 'Asia/Seoul';
const emp7 = { id: 'emp-7', kind: 'employee' } as const;

const finding = (complaintId: string, receivedAt: string, reason = 'discourtesy', subject: SubstantiatedFinding['subject'] = emp7, category = 'defective-facility'): SubstantiatedFinding => ({
  complaintId, receivedAt, category, subject, reason,
});

function decideAll(commands: ComplaintCommand[]): ComplaintEvent[] {
  let state = initialState();
  return commands.flatMap((command) => {
    const events = decide(command, state);
    state = events.reduce(evolve, state);
    return events;
  });
}

/** The read model's fold over events given with their revisions, in the order given. */
const fold = (numbered: { revision: number; event: ComplaintEvent }[], from?: RepeatCase) =>
  numbered.reduce<RepeatCase | undefined>((state, { event, revision }) => evolveRepeatCase(state, event, revision), from);
const numbered = (events: ComplaintEvent[]) => events.map((event, revision) => ({ revision, event }));

const cmd = (type: ComplaintCommand['type'], data: unknown, now: string) => ({ type, data, now }) as ComplaintCommand;
const findingsOf = (subjects: SubjectFinding[], now: string) => cmd('record-findings', { summary: 'Looked into it', subjects }, now);

describe('repeat offenders: the same reason 3 or more times in a year (CCMS follow-up)', () => {
  it('three substantiated complaints in one year flag the employee', () => {
    const [offender] = repeatOffenders(
      [finding('c-1', '2026-02-02T10:00:00+09:00'), finding('c-2', '2026-05-04T10:00:00+09:00'), finding('c-3', '2026-11-02T10:00:00+09:00')],
      { year: 2026, timeZone: SEOUL },
    );
    expect(offender).toEqual({
      subject: emp7, reason: 'discourtesy', count: 3, flagged: true,
      cases: [
        { complaintId: 'c-1', receivedAt: '2026-02-02T10:00:00+09:00', category: 'defective-facility' },
        { complaintId: 'c-2', receivedAt: '2026-05-04T10:00:00+09:00', category: 'defective-facility' },
        { complaintId: 'c-3', receivedAt: '2026-11-02T10:00:00+09:00', category: 'defective-facility' },
      ],
    });
  });

  it('two do not', () => {
    const offenders = repeatOffenders([finding('c-1', '2026-02-02T10:00:00+09:00'), finding('c-2', '2026-05-04T10:00:00+09:00')], { year: 2026, timeZone: SEOUL });
    expect(offenders).toMatchObject([{ count: 2, flagged: false }]);
  });

  it('three across two years do not: a complaint received at 08:00 on 1 January in Seoul belongs to the new year', () => {
    const findings = [
      finding('c-1', '2026-06-01T10:00:00+09:00'),
      finding('c-2', '2026-12-31T17:00:00+09:00'),
      // 2026-12-31T23:00Z: still 2026 in UTC, already 2027 in Seoul.
      finding('c-3', '2027-01-01T08:00:00+09:00'),
    ];
    expect(repeatOffenders(findings, { year: 2026, timeZone: SEOUL })).toMatchObject([{ count: 2, flagged: false }]);
    expect(repeatOffenders(findings, { year: 2027, timeZone: SEOUL })).toMatchObject([{ count: 1, flagged: false, cases: [{ complaintId: 'c-3' }] }]);
  });

  it('rule 13 "동일한 사유": three for different reasons do not flag, even in one category', () => {
    const offenders = repeatOffenders(
      [finding('c-1', '2026-02-02T10:00:00+09:00', 'delay'), finding('c-2', '2026-03-02T10:00:00+09:00', 'discourtesy'), finding('c-3', '2026-04-02T10:00:00+09:00', 'delay')],
      { year: 2026, timeZone: SEOUL },
    );
    expect(offenders.map((o) => [o.reason, o.count, o.flagged])).toEqual([['delay', 2, false], ['discourtesy', 1, false]]);
  });

  it('rule 13 "동일한 사유": three for the same reason flag, whatever the complaints’ categories', () => {
    const offenders = repeatOffenders(
      [
        finding('c-1', '2026-02-02T10:00:00+09:00', 'discourtesy', emp7, 'inquiry'),
        finding('c-2', '2026-03-02T10:00:00+09:00', 'discourtesy', emp7, 'suggestion'),
        finding('c-3', '2026-04-02T10:00:00+09:00', 'discourtesy', emp7, 'inspection-objection'),
      ],
      { year: 2026, timeZone: SEOUL },
    );
    expect(offenders.map((o) => [o.subject.id, o.reason, o.count, o.flagged])).toEqual([['emp-7', 'discourtesy', 3, true]]);
  });

  it('units and suppliers are subjects as employees are, each on its own', () => {
    const unit = { id: 'inspection', kind: 'unit' } as const;
    const findings = ['c-1', 'c-2', 'c-3'].flatMap((id, i) => [finding(id, `2026-0${i + 1}-05T10:00:00+09:00`, 'discourtesy', unit), finding(id, `2026-0${i + 1}-05T10:00:00+09:00`)]);
    const offenders = repeatOffenders(findings, { year: 2026, timeZone: SEOUL });
    expect(offenders.map((o) => [o.subject.kind, o.count, o.flagged])).toEqual([['employee', 3, true], ['unit', 3, true]]);
  });

  it('a case counts once for a subject, however often it is delivered', () => {
    const twice = [finding('c-1', '2026-02-02T10:00:00+09:00'), finding('c-1', '2026-02-02T10:00:00+09:00'), finding('c-2', '2026-03-02T10:00:00+09:00')];
    expect(repeatOffenders(twice, { year: 2026, timeZone: SEOUL, threshold: 2 })).toMatchObject([{ count: 2, flagged: true }]);
  });

  it('the threshold is configuration', () => {
    const two = [finding('c-1', '2026-02-02T10:00:00+09:00'), finding('c-2', '2026-03-02T10:00:00+09:00')];
    expect(repeatOffenders(two, { year: 2026, timeZone: SEOUL, threshold: 2 })[0]?.flagged).toBe(true);
  });
});

// What a history leaves in the tables (the latest findings replace earlier ones, the receipt keeps only pseudonymous
// keys) is specified on PostgreSQL in test/read-models/repeat-offenders.spec.test.ts; the fold's own rule stays here.
describe('what a history changes in the read model', () => {
  const received = receiveCommand({ subjects: [emp7] });
  const base = [received, cmd('assign', {}, '2026-03-09T11:00:00+09:00')];

  it('findings delivered out of order do not replace later ones', () => {
    const events = decideAll([...base, findingsOf([{ ...emp7, substantiated: true, reason: 'delay' }], '2026-03-09T12:00:00+09:00'), findingsOf([{ ...emp7, substantiated: false }], '2026-03-09T13:00:00+09:00')]);
    const all = numbered(events);
    expect(fold([all[0]!, all[3]!, all[2]!])).toMatchObject({ findingsRevision: 3, substantiated: [] });
  });
});

describe('rule 13: each substantiated subject keeps the reason its findings give', () => {
  const received = receiveCommand({ subjects: [emp7] });
  const base = [received, cmd('assign', {}, '2026-03-09T11:00:00+09:00')];

  it('given findings with a reason code, the read model keeps the subject with that reason', () => {
    const events = decideAll([...base, findingsOf([{ ...emp7, substantiated: true, reason: 'wrong-information' }], '2026-03-09T12:00:00+09:00')]);
    expect(fold(numbered(events))).toMatchObject({ department: 'inspection', substantiated: [{ ...emp7, reason: 'wrong-information' }] });
  });

  it('given findings recorded before reasons were kept (read as "unrecorded"), the subject counts by the complaint’s category as it did then', () => {
    const events = decideAll(base);
    const old: ComplaintEvent = { type: 'FindingsRecorded', data: { summary: 'old', subjects: [{ ...emp7, substantiated: true, reason: 'unrecorded' }] }, occurredAt: '2026-03-09T12:00:00+09:00' };
    expect(fold(numbered([...events, old]))).toMatchObject({ substantiated: [{ ...emp7, reason: 'defective-facility' }] });
  });
});

describe('repeat complainants', () => {
  const ref = (complaintId: string, receivedAt = '2026-04-01T10:00:00+09:00'): CaseRef => ({ complaintId, receivedAt, category: 'inquiry' });

  it('a person known by phone in one case and by phone and e-mail in others is one complainant', () => {
    const result = repeatComplainants(
      [
        { key: 'k-phone', cases: [ref('c-1'), ref('c-2')] },
        { key: 'k-email', cases: [ref('c-2'), ref('c-3')] },
        { key: 'k-other', cases: [ref('c-8'), ref('c-9')] },
      ],
      { year: 2026, timeZone: SEOUL },
    );
    expect(result.map((r) => [r.key, r.count, r.cases.map((c) => c.complaintId)])).toEqual([
      ['k-email', 3, ['c-1', 'c-2', 'c-3']],
      ['k-other', 2, ['c-8', 'c-9']],
    ]);
  });

  it('counts only the year’s cases: one this year and one last year is no repeat', () => {
    expect(repeatComplainants([{ key: 'k', cases: [ref('c-1', '2025-12-31T10:00:00+09:00'), ref('c-2')] }], { year: 2026, timeZone: SEOUL })).toEqual([]);
  });
});

describe('calendar years', () => {
  it('run from midnight of 1 January in the calendar’s time zone', () => {
    expect(yearBounds(2026, SEOUL)).toEqual({ from: '2026-01-01T00:00:00.000+09:00', to: '2027-01-01T00:00:00.000+09:00' });
  });
});

describe('rule 5, excluded and withdrawn cases are not complaints: "고객불만으로 보지 아니함"', () => {
  const received = decideAll([receiveCommand()]);
  const at = (day: number) => `2026-03-${String(day).padStart(2, '0')}T10:00:00+09:00`;

  it('given a case withdrawn, excluded at assessment or closed as unreachable, then it is not counted', () => {
    const withdrawn: ComplaintEvent = { type: 'ComplaintWithdrawn', data: { reason: 'Settled' }, occurredAt: at(10) };
    const excluded: ComplaintEvent = { type: 'ComplaintRejectedAtAssessment', data: { exclusion: 'private-law', note: 'Contract' }, occurredAt: at(10) };
    const unreachable: ComplaintEvent = { type: 'ComplaintClosed', data: { reason: 'complainant-unreachable' }, occurredAt: at(20) };
    for (const ending of [withdrawn, excluded, unreachable]) expect(fold(numbered([...received, ending]))?.counted).toBe(false);
  });

  it('given a case closed as resolved, then it is counted; given an excluded case reopened, then it counts again', () => {
    expect(fold(numbered([...received, { type: 'ComplaintClosed', data: { reason: 'resolved' }, occurredAt: at(20) }]))?.counted).toBe(true);
    const reopened = fold(numbered([
      ...received,
      { type: 'ComplaintRejectedAtAssessment', data: { exclusion: 'private-law', note: 'Contract' }, occurredAt: at(10) },
      { type: 'ComplaintReopened', data: { kind: 're-investigation', reason: 'It is a complaint after all' }, occurredAt: at(11) },
    ]));
    expect(reopened?.counted).toBe(true);
  });
});
