import { describe, expect, it } from '@jest/globals';
import type { ComplaintCommand } from '../domain/complaint/commands.js';
import { decide, evolve, initialState } from '../domain/complaint/decider.js';
import type { ComplaintEvent, ComplaintEventType } from '../domain/complaint/events.js';
import { DEFAULT_KOREAN_CALENDAR } from '../domain/working-time/index.js';
import { receiveCommand, T0 } from '../test/support/complaint-fixtures.js';
import { auditCase, auditChecklist, conformity, describeWorkingTime, parseQuarter, quarterBounds, trailEntry, type CaseAudit, type CaseClause, type ChecklistContext, type ChecklistItem, type RecordedEvent } from './iso10002.js';

/** Decides each command on the state the previous ones left, as the command handler does. */
function decideAll(commands: ComplaintCommand[]): ComplaintEvent[] {
  let state = initialState();
  const events: ComplaintEvent[] = [];
  for (const command of commands) {
    const produced = decide(command, state);
    state = produced.reduce(evolve, state);
    events.push(...produced);
  }
  return events;
}

const ACTORS: Partial<Record<ComplaintEventType, [string, string]>> = {
  FindingsRecorded: ['u-handler', 'handler'],
  DecisionMade: ['u-head', 'department-head'],
  DecisionCommunicated: ['u-head', 'department-head'],
  ComplaintClosed: ['u-head', 'department-head'],
};

const recorded = (events: ComplaintEvent[]): RecordedEvent[] =>
  events.map((event, revision) => {
    const [actorId, actorRole] = ACTORS[event.type] ?? ['u-intake', 'intake'];
    return { event, revision, actorId, actorRole };
  });

const fold = (events: RecordedEvent[]): CaseAudit => events.reduce<CaseAudit | undefined>(auditCase, undefined) as CaseAudit;

const cmd = <T extends ComplaintCommand['type']>(type: T, data: Extract<ComplaintCommand, { type: T }>['data'], now: string) =>
  ({ type, data, now }) as ComplaintCommand;

/** Business times on Monday 9 March 2026 (no holiday that week), the receipt at 10:00. */
const monday = (time: string) => `2026-03-09T${time}:00+09:00`;
const inDays = (days: number, time: string) => `2026-03-${String(9 + days).padStart(2, '0')}T${time}:00+09:00`;

const receive = receiveCommand();
const acknowledge = (now = monday('10:30')) => cmd('acknowledge', {}, now);
const assess = (now = monday('11:00')) => cmd('assess', { severity: 'high', safetyIssue: true }, now);
const assign = (now = monday('11:10')) => cmd('assign', {}, now);
const findings = (now = monday('14:00'), summary = 'Valve seal worn') =>
  cmd('record-findings', { summary, rootCause: 'Missed maintenance', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'procedure-error' }] }, now);
const decideUpheld = (now = monday('15:00'), basis = 'Gas Safety Act art. 17') => cmd('decide', { outcome: 'upheld', basis, remedy: 'Seal replaced' }, now);
const communicate = (now = monday('15:30')) => cmd('communicate-decision', { channel: 'email', basis: 'Gas Safety Act art. 17', appeal: 'Appeal to the ministry within 90 days' }, now);
const close = (now = monday('16:00')) => cmd('close', {}, now);

const wholeCase = [receive, acknowledge(), assess(), assign(), findings(), decideUpheld(), communicate(), close()];

const checklistOf = (commands: ComplaintCommand[], asOf = inDays(30, '10:00'), extra: Partial<ChecklistContext> = {}) =>
  auditChecklist(fold(recorded(decideAll(commands))), { calendar: DEFAULT_KOREAN_CALENDAR, asOf, ...extra });

const clause = (checklist: ChecklistItem[], c: CaseClause): ChecklistItem => checklist.find((i) => i.clause === c) as ChecklistItem;
const statuses = (checklist: ChecklistItem[]) => Object.fromEntries(checklist.map((i) => [i.clause, i.status]));

// Which clause each event evidences is proved on real cases by the audit-trail spec (test/read-models/audit-trail.spec.test.ts).
describe('a line of the audit trail', () => {
  it('a trail line carries the clause, the actor, the role and the business time', () => {
    const [, decision] = recorded(decideAll(wholeCase)).filter((e) => e.event.type === 'FindingsRecorded' || e.event.type === 'DecisionMade');
    expect(trailEntry(decision!)).toEqual({ revision: 5, type: 'DecisionMade', clause: '7.7', actorId: 'u-head', actorRole: 'department-head', occurredAt: monday('15:00') });
  });
});

describe('the checklist of a case handled by the book', () => {
  const checklist = checklistOf(wholeCase);

  it('evidences every clause from 7.2 to 7.9', () => {
    expect(statuses(checklist)).toEqual({ '7.2': 'evidenced', '7.3': 'evidenced', '7.4': 'evidenced', '7.5': 'evidenced', '7.6': 'evidenced', '7.7': 'evidenced', '7.8': 'evidenced', '7.9': 'evidenced' });
  });

  it('names who did it, in which role, when and on what basis', () => {
    expect(clause(checklist, '7.7').evidence).toEqual({
      revision: 5, type: 'DecisionMade', actorId: 'u-head', actorRole: 'department-head', occurredAt: monday('15:00'),
      basis: 'upheld: Gas Safety Act art. 17; remedy: Seal replaced',
    });
    expect(clause(checklist, '7.8').evidence?.basis).toBe('by email; Gas Safety Act art. 17; appeal: Appeal to the ministry within 90 days');
    expect(clause(checklist, '7.4').evidence).toMatchObject({ type: 'ComplaintAcknowledged', actorId: 'u-intake', basis: 'by email' });
    expect(clause(checklist, '7.9').evidence?.basis).toContain('with the options for appeal');
  });

  it('evidences receipt without the complainant’s personal data', () => {
    const receipt = clause(checklist, '7.2');
    // In UTC, as every answer writes instants, though the receipt gave it in Seoul time (2026-03-09T10:00:00+09:00).
    expect(receipt.evidence?.basis).toBe('channel web, received internally, category defective-facility, received 2026-03-09T01:00:00.000Z');
    expect(JSON.stringify(checklist)).not.toMatch(/김민수|010-1234|minsu@/);
  });
});

describe('7.4 acknowledgement: within 3 working hours of receipt (CCMS: immediately)', () => {
  it('acknowledged three working days after receipt is a gap, in words', () => {
    const checklist = checklistOf([receive, acknowledge(inDays(3, '10:00')), assess(inDays(3, '11:00'))]);
    expect(clause(checklist, '7.4')).toMatchObject({ status: 'gap', gap: 'acknowledged after 3 working days (limit: 3 working hours)', evidence: { revision: 1 } });
  });

  it('acknowledged at 12:30 the same day (2.5 working hours: lunch does not count) is in time', () => {
    expect(clause(checklistOf([receive, acknowledge(monday('13:30'))]), '7.4').status).toBe('evidenced');
    expect(clause(checklistOf([receive, acknowledge(monday('14:30'))]), '7.4')).toMatchObject({ status: 'gap', gap: 'acknowledged after 3 h 30 min of working time (limit: 3 working hours)' });
  });

  it('the days of Chuseok do not count: received Wednesday 23 September 2026 at 17:00, acknowledged Monday 28th at 10:00 is in time', () => {
    const wednesday = receiveCommand({ receivedAt: '2026-09-23T17:00:00+09:00' });
    const commands = [{ ...wednesday, now: '2026-09-23T17:00:00+09:00' }, acknowledge('2026-09-28T10:00:00+09:00')];
    expect(clause(checklistOf(commands, '2026-10-30T10:00:00+09:00'), '7.4').status).toBe('evidenced');
    const later = [commands[0]!, acknowledge('2026-09-28T12:30:00+09:00')];
    expect(clause(checklistOf(later, '2026-10-30T10:00:00+09:00'), '7.4')).toMatchObject({ status: 'gap', gap: 'acknowledged after 4 h of working time (limit: 3 working hours)' });
  });

  it('a closed case never acknowledged and without a reason has the gap "not acknowledged and no reason recorded"', () => {
    const checklist = checklistOf([receive, assess(), assign(), findings(), decideUpheld(), communicate(), close()]);
    expect(clause(checklist, '7.4')).toEqual({ clause: '7.4', title: 'Acknowledgement of complaint', status: 'gap', gap: 'not acknowledged and no reason recorded' });
  });

  it('an open case not yet acknowledged is "not yet" until the limit passes, and a gap after', () => {
    expect(clause(checklistOf([receive, assign()], monday('12:00')), '7.4').status).toBe('not-yet');
    expect(clause(checklistOf([receive, assign()], monday('15:00')), '7.4')).toMatchObject({ status: 'gap', gap: 'not acknowledged and no reason recorded' });
  });

  it('an acknowledgement withheld for want of consent is the recorded reason', () => {
    const noConsent = { ...receiveCommand({ consent: { sms: false, email: false, phone: false } }) };
    const item = clause(checklistOf([noConsent, acknowledge()]), '7.4');
    expect(item).toMatchObject({ status: 'evidenced', evidence: { type: 'AcknowledgementWithheld', basis: 'withheld: the complainant gave no consent to SMS or e-mail notices' } });
  });

  it('the limit is configuration: with 3 working days, the late acknowledgement conforms', () => {
    const checklist = checklistOf([receive, acknowledge(inDays(3, '10:00'))], undefined, { policy: { acknowledgeWithin: { days: 3 }, recordWithin: { hours: 3 } } });
    expect(clause(checklist, '7.4').status).toBe('evidenced');
  });
});

/**
 * 004 seed, ch.1 principle 7 (신속성): "불만접수 즉시 해당고객에게 접수 여부를 알리고", and ch.4 ②: "불만을 신청하는
 * 경우 즉시 가스피아 VOC통합관리시스템에 접수함"; "immediately" (즉시) is 3 working hours (Civil Petitions Act
 * decree, art. 18 ③). Within the limit is elapsed ≤ limit.
 */
describe('"불만접수 즉시 해당고객에게 접수 여부를 알리고" / "즉시 … 접수함": within 3 working hours means elapsed ≤ 3 working hours', () => {
  // Friday 4 December 2026, 15:00 in Seoul: 3 working hours run out at 18:00; the weekend adds none.
  const friday = (receivedAt: string) => ({ ...receiveCommand({ receivedAt }), now: '2026-12-05T10:00:00+09:00' });
  const saturdayAck = cmd('acknowledge', {}, '2026-12-05T10:05:00+09:00');
  const asOf = '2026-12-31T10:00:00+09:00';

  it('received Friday 15:00, recorded and acknowledged on Saturday: exactly 3 working hours elapsed, so 7.2 and 7.4 are evidenced', () => {
    const checklist = checklistOf([friday('2026-12-04T15:00:00+09:00'), saturdayAck], asOf);
    expect(statuses(checklist)).toMatchObject({ '7.2': 'evidenced', '7.4': 'evidenced' });
  });

  it('received a millisecond later, Friday 15:00:00.001: evidenced too, as before', () => {
    const checklist = checklistOf([friday('2026-12-04T15:00:00.001+09:00'), saturdayAck], asOf);
    expect(statuses(checklist)).toMatchObject({ '7.2': 'evidenced', '7.4': 'evidenced' });
  });

  it('received at 14:59:59 (a second more than 3 working hours by Saturday): a gap that never reads as the limit', () => {
    const checklist = checklistOf([friday('2026-12-04T14:59:59+09:00'), saturdayAck], asOf);
    expect(clause(checklist, '7.2')).toMatchObject({ status: 'gap', gap: 'recorded 3 h 0 min 1 s of working time after receipt (limit: 3 working hours)' });
    expect(clause(checklist, '7.4')).toMatchObject({ status: 'gap', gap: 'acknowledged after 3 h 0 min 1 s of working time (limit: 3 working hours)' });
  });

  it('acknowledged at 18:00:00.001 on the day, 15:00 to 18:00 being its last working hours: evidenced (no working time after 18:00)', () => {
    const commands = [{ ...receiveCommand({ receivedAt: '2026-12-04T15:00:00+09:00' }), now: '2026-12-04T15:00:00+09:00' }, cmd('acknowledge', {}, '2026-12-04T18:00:00.001+09:00')];
    expect(clause(checklistOf(commands, asOf), '7.4').status).toBe('evidenced');
  });

  it('the receipt’s time in the evidence is in UTC, whatever offset it was given in', () => {
    const checklist = checklistOf([friday('2026-12-04T15:00:00.001+09:00'), saturdayAck], asOf);
    expect(clause(checklist, '7.2').evidence?.basis).toContain('received 2026-12-04T06:00:00.001Z');
    expect(fold(recorded(decideAll([friday('2026-12-04T15:00:00.001+09:00')]))).receivedAt).toBe('2026-12-04T06:00:00.001Z');
  });
});

describe('working time in words is exact: a late value never reads as the limit', () => {
  it.each([
    [3 * 3_600_000 + 1, '3 h 0 min 0.001 s of working time'],
    [3 * 3_600_000 + 1000, '3 h 0 min 1 s of working time'],
    [3 * 3_600_000, '3 h of working time'],
    [3.5 * 3_600_000, '3 h 30 min of working time'],
    [20 * 60_000, '20 min of working time'],
    [0, '0 working hours'],
    [8 * 3_600_000, '1 working day'],
    [3 * 8 * 3_600_000, '3 working days'],
    [2 * 8 * 3_600_000 + 2 * 3_600_000 + 5_000, '2 working days 2 h 0 min 5 s'],
  ])('%p ms reads %p', (millis, words) => {
    expect(describeWorkingTime(millis, 8)).toBe(words);
  });
});

describe('7.2 receipt: recorded immediately', () => {
  it('a letter received on Monday and recorded on Wednesday is a gap', () => {
    const late = { ...receiveCommand({ receivedAt: T0, channel: 'mail' }), now: inDays(2, '10:00') };
    expect(clause(checklistOf([late]), '7.2')).toMatchObject({ status: 'gap', gap: 'recorded 2 working days after receipt (limit: 3 working hours)' });
  });
});

describe('7.5–7.9 on cases that end otherwise', () => {
  it('a decision that was never communicated: "decision not communicated", and a closure without basis', () => {
    const unidentified = receiveCommand({ complainant: {}, consent: { sms: false, email: false, phone: false } });
    const checklist = checklistOf([unidentified, acknowledge(), assess(), assign(), findings(), decideUpheld(), cmd('close', { reason: 'complainant-unreachable' }, '2026-03-13T17:00:00+09:00')]);
    expect(clause(checklist, '7.8')).toMatchObject({ status: 'gap', gap: 'decision not communicated (closed as complainant unreachable)' });
    expect(clause(checklist, '7.9')).toMatchObject({ status: 'gap', gap: 'closed as complainant unreachable without a recorded basis', evidence: { type: 'ComplaintClosed' } });
  });

  it('a case closed as complainant unreachable (deemed withdrawn) without a decision has no "not yet": 7.6–7.8 do not apply, each with its reason', () => {
    const unidentified = receiveCommand({ complainant: {}, consent: { sms: false, email: false, phone: false } });
    const checklist = checklistOf([unidentified, assign(), cmd('close', { reason: 'complainant-unreachable', note: 'No address or contact given' }, '2026-03-13T17:00:00+09:00')]);
    expect(statuses(checklist)).toEqual({ '7.2': 'evidenced', '7.3': 'evidenced', '7.4': 'evidenced', '7.5': 'gap', '7.6': 'not-applicable', '7.7': 'not-applicable', '7.8': 'not-applicable', '7.9': 'evidenced' });
    expect(clause(checklist, '7.6').reason).toBe('closed as complainant unreachable (deemed withdrawn) before the investigation ended');
    expect(clause(checklist, '7.7').reason).toBe('closed as complainant unreachable (deemed withdrawn) before a decision');
    expect(clause(checklist, '7.8').reason).toBe('closed as complainant unreachable (deemed withdrawn) without a decision: no decision to communicate');
  });

  it('a closed case is never "not yet": an imported history closed as resolved without findings or a decision has gaps at 7.6–7.8', () => {
    const events = decideAll([receive, acknowledge(), assess(), assign()]);
    const imported: ComplaintEvent = { type: 'ComplaintClosed', data: { reason: 'resolved' }, occurredAt: monday('17:00') };
    const checklist = auditChecklist(fold(recorded([...events, imported])), { calendar: DEFAULT_KOREAN_CALENDAR, asOf: inDays(30, '10:00') });
    expect(checklist.filter((i) => i.status === 'not-yet')).toEqual([]);
    expect(statuses(checklist)).toMatchObject({ '7.6': 'gap', '7.7': 'gap', '7.8': 'gap', '7.9': 'gap' });
    expect(clause(checklist, '7.6').gap).toBe('closed without findings recorded');
  });

  it('an unidentified complainant excluded at assessment, never acknowledged: 7.4 is evidenced by the receipt, not a gap', () => {
    const unidentified = receiveCommand({ complainant: {}, consent: { sms: false, email: false, phone: false } });
    const checklist = checklistOf([unidentified, cmd('assess', { exclusion: 'unidentified', note: 'No name, no address' }, monday('11:00'))]);
    expect(clause(checklist, '7.4')).toMatchObject({ status: 'evidenced', evidence: { type: 'ComplaintReceived', basis: 'received unidentified (no name or no contact): no acknowledgement can reach the complainant' } });
  });

  it('a resolved closure with no notice on record (an imported history) is "closed without a recorded basis"', () => {
    const events = decideAll([receive, acknowledge(), assess(), assign(), findings(), decideUpheld()]);
    const imported: ComplaintEvent = { type: 'ComplaintClosed', data: { reason: 'resolved' }, occurredAt: monday('17:00') };
    const checklist = auditChecklist(fold(recorded([...events, imported])), { calendar: DEFAULT_KOREAN_CALENDAR, asOf: inDays(30, '10:00') });
    expect(clause(checklist, '7.8')).toMatchObject({ status: 'gap', gap: 'decision not communicated' });
    expect(clause(checklist, '7.9')).toMatchObject({ status: 'gap', gap: 'closed without a recorded basis' });
  });

  it('an open case decided but not yet told is "not yet" for 7.8 and 7.9', () => {
    const checklist = checklistOf([receive, acknowledge(), assess(), assign(), findings(), decideUpheld()]);
    expect(statuses(checklist)).toMatchObject({ '7.7': 'evidenced', '7.8': 'not-yet', '7.9': 'not-yet' });
  });

  it('a case investigated without an initial assessment has a gap at 7.5', () => {
    expect(clause(checklistOf([receive, acknowledge(), assign(), findings()]), '7.5')).toMatchObject({ status: 'gap', gap: 'no initial assessment (severity, safety, priority) recorded' });
    expect(clause(checklistOf([receive, acknowledge(), assign()]), '7.5').status).toBe('not-yet');
  });

  it('a decision taken while an information request had no answer is a gap of the investigation', () => {
    const checklist = checklistOf([
      receive, acknowledge(), assess(), assign(),
      cmd('request-information', { requestId: 'r-1', department: 'testing', request: 'Lab report' }, monday('12:00')),
      findings(), decideUpheld(),
    ]);
    expect(clause(checklist, '7.6')).toMatchObject({ status: 'gap', gap: 'decided while information request r-1 had no answer' });
  });

  it('a submission rejected at initial assessment: 7.6–7.8 do not apply, 7.9 closes on the recorded exclusion', () => {
    const checklist = checklistOf([receive, acknowledge(), cmd('assess', { exclusion: 'private-law', note: 'Contract dispute with a supplier' }, monday('11:00'))]);
    expect(statuses(checklist)).toEqual({ '7.2': 'evidenced', '7.3': 'evidenced', '7.4': 'evidenced', '7.5': 'evidenced', '7.6': 'not-applicable', '7.7': 'not-applicable', '7.8': 'not-applicable', '7.9': 'evidenced' });
    expect(clause(checklist, '7.9').evidence).toMatchObject({ type: 'ComplaintRejectedAtAssessment', basis: 'not a complaint (private-law); Contract dispute with a supplier' });
    expect(clause(checklist, '7.6').reason).toBe('rejected at initial assessment: not a complaint (private-law); Contract dispute with a supplier');
    // The result notice is owed for a complaint; an excluded submission is none, and nothing records telling its sender.
    expect(clause(checklist, '7.8').reason).toBe(
      'rejected at initial assessment: not a complaint (private-law); Contract dispute with a supplier; not a complaint, so no decision notice is owed (004 ch.1 §4), and none is recorded',
    );
  });

  it('a complaint withdrawn before assessment: the later clauses do not apply, 7.9 closes on a reason given, without quoting the complainant’s words', () => {
    const checklist = checklistOf([receive, acknowledge(), cmd('withdraw', { reason: 'Settled by phone' }, monday('11:00'))]);
    expect(statuses(checklist)).toEqual({ '7.2': 'evidenced', '7.3': 'evidenced', '7.4': 'evidenced', '7.5': 'not-applicable', '7.6': 'not-applicable', '7.7': 'not-applicable', '7.8': 'not-applicable', '7.9': 'evidenced' });
    expect(clause(checklist, '7.9').evidence?.basis).toBe('withdrawn');
    // As the read model reads it: the reason sealed, so absent, though the withdrawal required one.
    const stored = recorded(decideAll([receive, acknowledge(), cmd('withdraw', { reason: 'Settled by phone' }, monday('11:00'))])).map((r) =>
      r.event.type === 'ComplaintWithdrawn' ? { ...r, event: { ...r.event, data: {} } as ComplaintEvent } : r,
    );
    expect(clause(auditChecklist(fold(stored), { calendar: DEFAULT_KOREAN_CALENDAR, asOf: inDays(30, '10:00') }), '7.9')).toMatchObject({ status: 'evidenced', evidence: { basis: 'withdrawn' } });
  });
});

describe('a reopened case', () => {
  const firstRound = [...wholeCase];
  const reopen = cmd('reopen', { kind: 'appeal', reason: 'The complainant appealed' }, inDays(1, '10:00'));

  it('after the reopening, investigation, response, notice and closing are owed again', () => {
    const checklist = checklistOf([...firstRound, reopen]);
    expect(statuses(checklist)).toEqual({ '7.2': 'evidenced', '7.3': 'evidenced', '7.4': 'evidenced', '7.5': 'evidenced', '7.6': 'not-yet', '7.7': 'not-yet', '7.8': 'not-yet', '7.9': 'not-yet' });
  });

  it('the second round’s findings, decision, notice and closure replace the first round’s as evidence', () => {
    const checklist = checklistOf([
      ...firstRound, reopen, findings(inDays(1, '14:00'), 'Second look: seal and regulator worn'),
      decideUpheld(inDays(1, '15:00'), 'Gas Safety Act art. 17 and 23'), communicate(inDays(1, '15:30')), close(inDays(1, '16:00')),
    ]);
    expect(Object.values(statuses(checklist)).every((s) => s === 'evidenced')).toBe(true);
    expect(clause(checklist, '7.6').evidence).toMatchObject({ revision: 9, basis: expect.stringContaining('Second look') });
    expect(clause(checklist, '7.7').evidence).toMatchObject({ revision: 10, basis: expect.stringContaining('art. 17 and 23') });
    expect(clause(checklist, '7.9').evidence).toMatchObject({ revision: 12, occurredAt: inDays(1, '16:00') });
  });
});

describe('7.3 tracking: the unbroken history', () => {
  const events = recorded(decideAll(wholeCase));

  it('a history from receipt to closure without a break evidences tracking', () => {
    expect(clause(auditChecklist(fold(events), { calendar: DEFAULT_KOREAN_CALENDAR, asOf: inDays(30, '10:00') }), '7.3').evidence?.basis).toBe(
      'unbroken history from receipt to revision 7 (2026-03-09T07:00:00.000Z), each event with its actor and time',
    );
  });

  it('a missing revision, an event dated before its predecessor and an event without actor are gaps', () => {
    const broken = [
      ...events.slice(0, 3),
      ...events.slice(4, 6),
      { ...events[6]!, event: { ...events[6]!.event, occurredAt: monday('09:00') } },
      { ...events[7]!, actorId: '' },
    ];
    expect(clause(auditChecklist(fold(broken), { calendar: DEFAULT_KOREAN_CALENDAR, asOf: inDays(30, '10:00') }), '7.3')).toMatchObject({
      status: 'gap',
      gap: 'history broken: revision 4 follows revision 2; revision 6 is dated before revision 5; revision 7 names no actor',
    });
  });

  it('a history whose stored events do not verify (hash chain or seals) evidences no tracking, whatever its revisions say', () => {
    const context = { calendar: DEFAULT_KOREAN_CALENDAR, asOf: inDays(30, '10:00') };
    const problem = 'seals: stream complaint-c-1 revision 7 (event e-7) has hash 1f…, not the 9a… sealed in seal 3';
    expect(clause(auditChecklist(fold(events), { ...context, integrity: { ok: false, problems: [problem] } }), '7.3')).toEqual({
      clause: '7.3',
      title: 'Tracking of complaint',
      status: 'gap',
      gap: `stored history does not verify: ${problem}`,
    });
    expect(clause(auditChecklist(fold(events), { ...context, integrity: { ok: true, problems: [] } }), '7.3').status).toBe('evidenced');
  });

  it('an event delivered twice is counted once', () => {
    expect(fold([...events.slice(0, 5), events[4]!, events[3]!, ...events.slice(5)])).toEqual(fold(events));
  });
});

describe('conformity over a period', () => {
  it('gives the share of cases evidencing each clause, leaving out those it does not apply to', () => {
    const asOf = inDays(30, '10:00');
    const good = { checklist: checklistOf(wholeCase, asOf), surveyed: true };
    const lateAck = { checklist: checklistOf([receive, acknowledge(inDays(3, '10:00')), assess(inDays(3, '10:30')), assign(inDays(3, '11:00')), findings(inDays(3, '14:00')), decideUpheld(inDays(3, '15:00')), communicate(inDays(3, '15:30')), close(inDays(3, '16:00'))], asOf), surveyed: false };
    const withdrawn = { checklist: checklistOf([receive, acknowledge(), cmd('withdraw', { reason: 'Settled' }, monday('11:00'))], asOf), surveyed: false };
    const result = conformity([good, lateAck, withdrawn]);
    expect(result.cases).toBe(3);
    expect(result.conforming).toEqual({ count: 2, share: 0.6667 });
    expect(result.open).toEqual({ count: 0, share: 0 });
    expect(result.withGaps).toEqual({ count: 1, share: 0.3333 });
    expect(result.satisfactionSurveyed).toEqual({ count: 1, share: 0.3333 });
    expect(result.clauses.find((c) => c.clause === '7.4')).toMatchObject({ applicable: 3, evidenced: 2, gaps: 1, share: 0.6667 });
    expect(result.clauses.find((c) => c.clause === '7.7')).toMatchObject({ applicable: 2, evidenced: 2, notApplicable: 1, share: 1 });
  });

  it('a case with nothing but "not yet" left is open, not conforming; one with a gap is not conforming whatever is still to come', () => {
    const asOf = monday('12:00');
    const open = { checklist: checklistOf([receive, acknowledge(), assess(), assign()], asOf), surveyed: false };
    const openWithGap = { checklist: checklistOf([receive, assign(monday('10:10'))], monday('15:00')), surveyed: false };
    const good = { checklist: checklistOf(wholeCase, inDays(30, '10:00')), surveyed: true };
    const result = conformity([open, openWithGap, good]);
    expect(result).toMatchObject({ cases: 3, conforming: { count: 1 }, open: { count: 1 }, withGaps: { count: 1 } });
  });

  it('says null, not 0 %, for a clause no case applies to', () => {
    expect(conformity([]).clauses.every((c) => c.share === null)).toBe(true);
  });
});

describe('quarters', () => {
  it('reads "2026-Q3" and bounds it in Seoul time', () => {
    expect(quarterBounds(parseQuarter('2026-Q3')!, 'Asia/Seoul')).toEqual({ from: '2026-07-01T00:00:00.000+09:00', to: '2026-10-01T00:00:00.000+09:00' });
    expect(quarterBounds(parseQuarter('2026-Q4')!, 'Asia/Seoul').to).toBe('2027-01-01T00:00:00.000+09:00');
  });

  it.each(['2026-Q5', '2026Q3', '26-Q3', '2026-q3', ''])('refuses %p', (text) => {
    expect(parseQuarter(text)).toBeUndefined();
  });
});

describe('rule 4 (issue 16): an unidentified complainant', () => {
  it('given a receipt without name or contact, when acknowledged, then 7.4 is evidenced by the acknowledgement withheld for that reason', () => {
    const anonymous = receiveCommand({ complainant: {}, consent: { sms: false, email: false, phone: false } });
    const checklist = checklistOf([anonymous, acknowledge()]);
    expect(clause(checklist, '7.4')).toMatchObject({ status: 'evidenced', evidence: { basis: 'withheld: the complainant is unidentified (no name or no contact)' } });
  });
});
