import { describe, expect, it } from '@jest/globals';
import type { Severity } from '../domain/catalog.js';
import { replay } from '../domain/complaint/decider.js';
import type { ComplaintEvent } from '../domain/complaint/events.js';
import { DEFAULT_KOREAN_CALENDAR } from '../domain/working-time/index.js';
import { informationOverdue, summarize, type ComplaintSummary } from './complaint-list.js';
import { foldPeriods, slaFigures, type HandlingPeriod, type SlaRules } from './sla.js';

/** Issue 16, rules 8, 9, 10 and 12 in the read models: the SLA periods and the case list. */
const calendar = DEFAULT_KOREAN_CALENDAR;
/** Defective facilities: 3 days, 1 day when assessed critical (the catalog's `severityDeadlineDays`). */
const rules: SlaRules = { calendar, deadline: (_category, severity) => ({ days: severity === 'critical' ? 1 : 3 }), isCompliment: () => false, interimNoticeDeadline: { days: 1 } };
const query = { calendar, atRiskShare: 0.8 };
const kst = (local: string) => new Date(`${local}+09:00`).toISOString();

const received = (at: string): ComplaintEvent => ({
  type: 'ComplaintReceived', occurredAt: kst(at),
  data: {
    complaintId: 'c-1', channel: 'web', route: { kind: 'internal' }, category: 'defective-facility', description: 'Gas smell', complainant: { name: '김민수', phone: '010' },
    consent: { sms: true, email: false, phone: false }, subjects: [], vulnerable: false, unidentified: false, receivedAt: kst(at),
  },
});
const assessed = (at: string, severity: Severity, priority: 'urgent' | 'normal' = 'urgent'): ComplaintEvent => ({ type: 'ComplaintAssessed', occurredAt: kst(at), data: { severity, safetyIssue: true, priority } });
const assigned = (at: string, cooperatingDepartments?: string[]): ComplaintEvent => ({
  type: 'ComplaintAssigned', occurredAt: kst(at), data: { department: 'inspection', ...(cooperatingDepartments ? { cooperatingDepartments } : {}) },
});
const requested = (at: string, requestId: string, dueAt?: string): ComplaintEvent => ({
  type: 'InformationRequested', occurredAt: kst(at), data: { requestId, department: 'testing', request: 'Lab report', ...(dueAt ? { dueAt: kst(dueAt) } : {}) },
});
const answered = (at: string, requestId: string): ComplaintEvent => ({ type: 'InformationReceived', occurredAt: kst(at), data: { requestId, summary: 'Lab report sent' } });
const found = (at: string): ComplaintEvent => ({ type: 'FindingsRecorded', occurredAt: kst(at), data: { summary: 'Looked into it', subjects: [] } });
const reopened = (at: string): ComplaintEvent => ({ type: 'ComplaintReopened', occurredAt: kst(at), data: { kind: 're-investigation', reason: 'Badly handled' } });

const periodsOf = (...events: ComplaintEvent[]) => {
  replay(events);
  const periods = foldPeriods(events, rules);
  return { periods, last: periods[periods.length - 1] as HandlingPeriod };
};
const list = (...events: ComplaintEvent[]) => {
  replay(events);
  return events.reduce<ComplaintSummary | undefined>((summary, event, revision) => summarize(summary, event, revision), undefined) as ComplaintSummary;
};

describe('rule 8: an overdue request for materials ("요청기일내(또는 D+1일)에 제출") shows in the SLA report and the case list', () => {
  // Received Monday 9 Nov 2026 10:00; materials asked Monday 11:00, due Tuesday 18:00 (D+1).
  const history = [received('2026-11-09T10:00:00'), assigned('2026-11-09T10:30:00'), requested('2026-11-09T11:00:00', 'r1', '2026-11-10T18:00:00')];

  it('given a request due Tuesday 18:00, it is not overdue at 17:59 and is overdue at 18:01', () => {
    const { last } = periodsOf(...history);
    expect(slaFigures(last, kst('2026-11-10T17:59:00'), query).informationOverdue).toEqual([]);
    expect(slaFigures(last, kst('2026-11-10T18:01:00'), query).informationOverdue).toEqual([{ requestId: 'r1', department: 'testing', dueAt: kst('2026-11-10T18:00:00') }]);
    expect(informationOverdue(list(...history), kst('2026-11-10T17:59:00'))).toBe(false);
    expect(informationOverdue(list(...history), kst('2026-11-10T18:01:00'))).toBe(true);
  });

  it('given the materials received, the request is no longer overdue', () => {
    const { last } = periodsOf(...history, answered('2026-11-11T09:00:00', 'r1'));
    expect(slaFigures(last, kst('2026-11-12T10:00:00'), query).informationOverdue).toEqual([]);
    expect(informationOverdue(list(...history, answered('2026-11-11T09:00:00', 'r1')), kst('2026-11-12T10:00:00'))).toBe(false);
  });

  it('a request recorded before due dates were kept is never overdue', () => {
    const old = [received('2026-11-09T10:00:00'), assigned('2026-11-09T10:30:00'), requested('2026-11-09T11:00:00', 'r1')];
    expect(slaFigures(periodsOf(...old).last, kst('2026-12-31T10:00:00'), query).informationOverdue).toEqual([]);
    expect(informationOverdue(list(...old), kst('2026-12-31T10:00:00'))).toBe(false);
  });

  it('a request still open when the case is reopened stays open in the new period', () => {
    const decided: ComplaintEvent[] = [found('2026-11-09T12:00:00'), { type: 'DecisionMade', occurredAt: kst('2026-11-09T13:00:00'), data: { outcome: 'upheld', basis: 'x' } }];
    const { periods } = periodsOf(...history, ...decided, reopened('2026-11-09T14:00:00'));
    expect(periods.map((p) => p.openRequests.map((r) => r.requestId))).toEqual([['r1'], ['r1']]);
  });
});

describe('rule 9: urgent cases first, with the catalog’s shorter deadline for their severity ("긴급성 … 처리의 우선순위를 조정함")', () => {
  it('given a case assessed critical, its deadline is the shorter one: 1 working day (8 working hours) from receipt', () => {
    const { last } = periodsOf(received('2026-11-09T10:00:00'), assessed('2026-11-09T10:10:00', 'critical'));
    expect(last).toMatchObject({ deadlineDays: 1, dueAt: kst('2026-11-10T10:00:00'), severity: 'critical', priority: 'urgent' });
  });

  it('given a case assessed at a severity without a shorter deadline, the category’s stands', () => {
    const { last } = periodsOf(received('2026-11-09T10:00:00'), assessed('2026-11-09T10:10:00', 'medium', 'normal'));
    expect(last).toMatchObject({ deadlineDays: 3, dueAt: kst('2026-11-12T10:00:00'), priority: 'normal' });
  });

  it('given a case assessed critical after its shorter deadline passed, it breached when that deadline ran out', () => {
    const { last } = periodsOf(received('2026-11-09T10:00:00'), assessed('2026-11-10T15:00:00', 'critical'));
    expect(last).toMatchObject({ deadlineDays: 1, dueAt: kst('2026-11-10T10:00:00'), breachedAt: kst('2026-11-10T10:00:00') });
  });

  it('given a case assessed critical after even the category\'s 3 days ran out, it breached when the 1 day did, not when the 3 did', () => {
    // Received Fri 27 Nov 2026 17:59: 3 days ran out Wed 2 Dec 17:59, 1 day (8 working hours) Mon 30 Nov 17:59
    const { last } = periodsOf(received('2026-11-27T17:59:00'), assessed('2026-12-05T00:20:00', 'critical'));
    expect(last).toMatchObject({ deadlineDays: 1, dueAt: kst('2026-11-30T17:59:00'), breachedAt: kst('2026-11-30T17:59:00') });
  });

  it('given a case assessed critical while paused, after its 1 day ran out before the pause, it breached then, paused or not', () => {
    // Received Mon 9 Nov 10:00, paused Tue 10 Nov 15:00 after 12 working hours: 8 had run out Tue 10:00
    const pause: ComplaintEvent = { type: 'ClockPaused', occurredAt: kst('2026-11-10T15:00:00'), data: { reason: 'inspection' } };
    const { last } = periodsOf(received('2026-11-09T10:00:00'), pause, assessed('2026-11-11T10:00:00', 'critical'));
    expect(last).toMatchObject({ clock: 'paused', deadlineDays: 1, dueAt: kst('2026-11-10T10:00:00'), breachedAt: kst('2026-11-10T10:00:00') });
    expect(slaFigures(last, kst('2026-11-11T11:00:00'), query).status).toBe('breached');
  });

  it('the case list knows the priority it orders by', () => {
    expect(list(received('2026-11-09T10:00:00'), assessed('2026-11-09T10:10:00', 'high')).priority).toBe('urgent');
  });
});

describe('rule 10: a re-investigation of a case in progress keeps its SLA period running', () => {
  it('given an investigated case sent back before a decision, the first period goes on, counting from receipt', () => {
    const { periods } = periodsOf(received('2026-11-09T10:00:00'), assigned('2026-11-09T10:30:00'), found('2026-11-09T12:00:00'), reopened('2026-11-09T13:00:00'));
    expect(periods).toHaveLength(1);
    expect(periods[0]).toMatchObject({ period: 1, clock: 'running', caseState: 'assigned', dueAt: kst('2026-11-12T10:00:00') });
  });
});

describe('rule 12: the case list shows cooperating cases to the cooperating departments', () => {
  it('given a jointly handled case, its row names the cooperating departments; a reassignment without them keeps them', () => {
    const row = list(received('2026-11-09T10:00:00'), assigned('2026-11-09T10:30:00', ['testing', 'audit']));
    expect(row).toMatchObject({ department: 'inspection', cooperatingDepartments: ['testing', 'audit'] });
    const moved: ComplaintEvent = { type: 'ComplaintReassigned', occurredAt: kst('2026-11-09T11:00:00'), data: { department: 'testing' } };
    expect(list(received('2026-11-09T10:00:00'), assigned('2026-11-09T10:30:00', ['testing', 'audit']), moved)).toMatchObject({ department: 'testing', cooperatingDepartments: ['audit'] });
  });
});
