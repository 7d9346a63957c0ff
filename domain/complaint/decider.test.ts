import { describe, expect, it } from '@jest/globals';
import { given } from '../../test/support/complaint-scenario.js';
import { assigned, at, closed, communicated, decided, investigated, receiveCommand, received, T0 } from '../../test/support/complaint-fixtures.js';
import { allowedCommands, complaintOf, decide, initialState, lifecycleState, replay } from './decider.js';
import { ComplaintCommandNotAllowed } from './errors.js';
import { InvalidCommand } from '../errors.js';
import type { ComplaintCommand } from './commands.js';
import type { ComplaintEvent } from './events.js';

const now = at(200);

describe('receipt', () => {
  it('a complaint is received from any channel with its details and consent', () => {
    const { data } = receiveCommand();
    // What the command said, and: not vulnerable unless flagged, received when recorded.
    given().when(receiveCommand()).then([{ type: 'ComplaintReceived', occurredAt: T0, data: { ...data, vulnerable: false, receivedAt: T0, unidentified: false } as ComplaintEvent['data'] } as ComplaintEvent]);
  });

  it('a complaint received by mail may carry a receipt time in the past', () => {
    const [event] = given().when(receiveCommand({ channel: 'mail', receivedAt: '2026-03-06T15:00:00+09:00' })).thenEvents();
    expect(event).toMatchObject({ data: { receivedAt: '2026-03-06T15:00:00+09:00' }, occurredAt: T0 });
  });

  it('a receipt time without a time zone offset is refused', () => {
    given().when(receiveCommand({ receivedAt: '2026-03-06T15:00:00' })).thenRejects(InvalidCommand, /receivedAt: must be an ISO-8601 date-time with a time zone offset/);
  });

  it('a receipt time in the future is refused', () => {
    given().when(receiveCommand({ receivedAt: '2026-03-10T10:00:00+09:00' })).thenRejects(InvalidCommand, /receivedAt: must not be in the future/);
  });

  it('an unknown category is refused with the known ones', () => {
    given().when(receiveCommand({ category: 'parking' })).thenRejects(InvalidCommand, /category: unknown category parking; known: inquiry/);
  });

  it('consent to e-mail notices needs an e-mail address', () => {
    given()
      .when(receiveCommand({ complainant: { name: 'A', phone: '010' }, consent: { sms: true, email: true, phone: false } }))
      .thenRejects(InvalidCommand, /consent.email/);
  });

  it('a complaint forwarded by an external body records the body and its reference', () => {
    const route = { kind: 'external' as const, body: 'anti-corruption-commission', reference: 'ACRC-2026-0042' };
    const [event] = given().when(receiveCommand({ route })).thenEvents();
    expect(event).toMatchObject({ data: { route } });
    given().when(receiveCommand({ route: { ...route, body: 'unknown' } })).thenRejects(InvalidCommand, /route.body/);
  });

  it('a complaint is received once', () => {
    given(received).when(receiveCommand()).thenRejects(ComplaintCommandNotAllowed, /receive is not allowed in state received/);
  });
});

describe('acknowledgement', () => {
  it('is sent by e-mail where the complainant consented to e-mail', () => {
    given(received).when({ type: 'acknowledge', data: {}, now }).then([{ type: 'ComplaintAcknowledged', data: { channel: 'email' }, occurredAt: now }]);
  });

  it('without consent to any notice, is withheld with the reason recorded', () => {
    const noConsent = [{ ...received[0]!, data: { ...received[0]!.data, consent: { sms: false, email: false, phone: false } } }] as ComplaintEvent[];
    given(noConsent).when({ type: 'acknowledge', data: {}, now }).then([{ type: 'AcknowledgementWithheld', data: { reason: 'no-consent' }, occurredAt: now }]);
  });

  it('is not sent by SMS without consent to SMS', () => {
    const emailOnly = [{ ...received[0]!, data: { ...received[0]!.data, consent: { sms: false, email: true, phone: false } } }] as ComplaintEvent[];
    given(emailOnly).when({ type: 'acknowledge', data: { channel: 'sms' }, now }).thenRejects(InvalidCommand, /channel: the complainant did not consent to SMS/);
  });

  it('happens once', () => {
    const acknowledged: ComplaintEvent[] = [{ type: 'ComplaintAcknowledged', data: { channel: 'email' }, occurredAt: at(5) }];
    given(received, acknowledged).when({ type: 'acknowledge', data: {}, now }).thenRejects(ComplaintCommandNotAllowed);
  });

  it('a second acknowledgement is refused saying when and how the first went, or why it was withheld', () => {
    const acknowledged: ComplaintEvent[] = [{ type: 'ComplaintAcknowledged', data: { channel: 'email' }, occurredAt: at(5) }];
    given(received, acknowledged).when({ type: 'acknowledge', data: {}, now }).thenRejects(ComplaintCommandNotAllowed, `acknowledge is not allowed: the receipt was already acknowledged on ${at(5)} by email;`);
    const withheld: ComplaintEvent[] = [{ type: 'AcknowledgementWithheld', data: { reason: 'no-consent' }, occurredAt: at(5) }];
    given(received, withheld).when({ type: 'acknowledge', data: {}, now }).thenRejects(ComplaintCommandNotAllowed, `the acknowledgement was already withheld on ${at(5)}: the complainant consented to no notice`);
  });
});

describe('initial assessment', () => {
  it('records severity and safety, and makes a safety issue urgent', () => {
    given(received)
      .when({ type: 'assess', data: { severity: 'medium', safetyIssue: true }, now })
      .then([{ type: 'ComplaintAssessed', data: { severity: 'medium', safetyIssue: true, priority: 'urgent' }, occurredAt: now }]);
  });

  it('a non-complaint is closed at assessment with one of the four exclusion reasons', () => {
    const state = given(received).when({ type: 'assess', data: { exclusion: 'court-or-investigation', note: 'Pending case 2026가합123' }, now }).thenState();
    expect(lifecycleState(state)).toBe('closed');
    expect(complaintOf(state)?.closure).toEqual({ as: 'rejected-at-assessment', at: now, reason: 'Pending case 2026가합123' });
  });
});

describe('routing', () => {
  it('assigns the default department of the category when none is named', () => {
    given(received).when({ type: 'assign', data: {}, now }).then([{ type: 'ComplaintAssigned', data: { department: 'inspection' }, occurredAt: now }]);
  });

  it('refuses an unknown department, naming the known ones', () => {
    given(received).when({ type: 'assign', data: { department: 'sales' }, now }).thenRejects(InvalidCommand, /department: unknown department sales; known:/);
  });

  it('reassigns to another department', () => {
    given(received, assigned)
      .when({ type: 'reassign', data: { department: 'testing', reason: 'LPG quality issue' }, now })
      .then([{ type: 'ComplaintReassigned', data: { department: 'testing', reason: 'LPG quality issue' }, occurredAt: now }]);
  });

  it('a reassignment to the same department and handler changes nothing and is refused', () => {
    given(received, assigned).when({ type: 'reassign', data: { department: 'inspection' }, now }).thenRejects(InvalidCommand, /already assigned/);
  });

  it('"고객불만 처리부서장(처리담당자 포함)", "VOC담당자를 각 부서별로 적정인원을 배치하여 운영함": given a case routed to inspection, when its head names a handler within it, then the case is the handler’s', () => {
    given(received, assigned)
      .when({ type: 'reassign', data: { department: 'inspection', handler: 'handler-kim' }, now, by: { roles: ['department-head'] } })
      .then([{ type: 'ComplaintReassigned', data: { department: 'inspection', handler: 'handler-kim' }, occurredAt: now }]);
  });

  it('"접수부서에서는 불만내용에 따라 처리부서를 지정하여 이관함": given a case routed to inspection, when its head names cooperating departments, then it is refused: joint handling is routed by the complaints office', () => {
    given(received, assigned)
      .when({ type: 'reassign', data: { department: 'inspection', handler: 'handler-kim', cooperatingDepartments: ['testing'] }, now, by: { roles: ['department-head'] } })
      .thenRejects(InvalidCommand, /cooperatingDepartments: joint handling is routed by the complaints office/);
  });

  it('a reassignment after findings sends the case back for investigation', () => {
    const state = given(received, assigned, investigated).when({ type: 'reassign', data: { department: 'testing' }, now }).thenState();
    expect(lifecycleState(state)).toBe('assigned');
  });
});

describe('investigation', () => {
  it('information is requested from another department and received back', () => {
    const request: ComplaintEvent[] = given(received, assigned)
      .when({ type: 'request-information', data: { requestId: 'r1', department: 'testing', request: 'Lab results for batch 7' }, now: at(40) })
      .thenEvents();
    given(received, assigned, request)
      .when({ type: 'receive-information', data: { requestId: 'r1', summary: 'Batch 7 within limits' }, now })
      .then([{ type: 'InformationReceived', data: { requestId: 'r1', summary: 'Batch 7 within limits' }, occurredAt: now }]);
  });

  it('information cannot be received when nothing is outstanding', () => {
    given(received, assigned).when({ type: 'receive-information', data: { requestId: 'r1', summary: 'x' }, now }).thenRejects(ComplaintCommandNotAllowed);
  });

  it('information received twice is refused saying the request was already answered, and when', () => {
    const asked = (requestId: string, minutes: number): ComplaintEvent => ({ type: 'InformationRequested', data: { requestId, department: 'testing', request: 'Lab results', dueAt: at(2000) }, occurredAt: at(minutes) });
    const answered: ComplaintEvent = { type: 'InformationReceived', data: { requestId: 'r1', summary: 'Within limits' }, occurredAt: at(50) };
    const again = { type: 'receive-information', data: { requestId: 'r1', summary: 'x' }, now } as const;
    given(received, assigned).when(again).thenRejects(ComplaintCommandNotAllowed, 'receive-information is not allowed: no information request is open: none was made;');
    given(received, assigned, [asked('r1', 40), answered]).when(again).thenRejects(ComplaintCommandNotAllowed, `receive-information is not allowed: no information request is open: request r1 was already answered on ${at(50)};`);
    const second: ComplaintEvent[] = [asked('r2', 45), { type: 'InformationReceived', data: { requestId: 'r2', summary: 'Done' }, occurredAt: at(55) }];
    given(received, assigned, [asked('r1', 40), answered], second).when(again).thenRejects(ComplaintCommandNotAllowed, `no information request is open: requests r1, r2 were already answered, the last on ${at(55)};`);
    // Another request still open: the one named was answered (a field of the command, so after the department's check).
    given(received, assigned, [asked('r1', 40), answered, asked('r2', 45)]).when(again).thenRejects(InvalidCommand, `requestId: request r1 was already answered on ${at(50)}`);
    given(received, assigned, [asked('r2', 45)]).when(again).thenRejects(InvalidCommand, /^requestId: no outstanding information request r1$/);
  });

  it('findings name each implicated subject and whether it was substantiated', () => {
    const state = given(received, assigned)
      .when({ type: 'record-findings', data: { summary: 'Seal worn', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'procedure-error' }] }, now })
      .thenState();
    expect(lifecycleState(state)).toBe('investigated');
    expect(complaintOf(state)?.findings?.subjects).toEqual([{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'procedure-error' }]);
  });

  it('findings cannot be recorded before the case is assigned', () => {
    given(received).when({ type: 'record-findings', data: { summary: 'x', subjects: [] }, now }).thenRejects(ComplaintCommandNotAllowed, /record-findings is not allowed in state received/);
  });
});

describe('the SLA clock', () => {
  const paused: ComplaintEvent[] = [{ type: 'ClockPaused', data: { reason: 'document-supplement' }, occurredAt: at(45) }];

  it('pauses for one of the reasons the rules do not count, and resumes', () => {
    given(received, assigned).when({ type: 'pause-clock', data: { reason: 'outside-inquiry' }, now }).then([{ type: 'ClockPaused', data: { reason: 'outside-inquiry' }, occurredAt: now }]);
    given(received, assigned, paused).when({ type: 'resume-clock', data: {}, now }).then([{ type: 'ClockResumed', data: {}, occurredAt: now }]);
  });

  it('cannot pause twice or resume a running clock', () => {
    given(received, assigned, paused).when({ type: 'pause-clock', data: { reason: 'inspection' }, now }).thenRejects(ComplaintCommandNotAllowed);
    given(received, assigned).when({ type: 'resume-clock', data: {}, now }).thenRejects(ComplaintCommandNotAllowed);
  });

  it('a paused clock is not paused again: the refusal says since when and why it is paused', () => {
    given(received, assigned, paused).when({ type: 'pause-clock', data: { reason: 'inspection' }, now }).thenRejects(ComplaintCommandNotAllowed, `pause-clock is not allowed: the clock is already paused since ${at(45)}, for document-supplement;`);
  });

  it('a running clock is not resumed: the refusal says it is not paused, and when it was resumed', () => {
    given(received, assigned).when({ type: 'resume-clock', data: {}, now }).thenRejects(ComplaintCommandNotAllowed, 'resume-clock is not allowed: the clock is not paused;');
    const resumed: ComplaintEvent[] = [{ type: 'ClockResumed', data: {}, occurredAt: at(50) }];
    given(received, assigned, paused, resumed).when({ type: 'resume-clock', data: {}, now }).thenRejects(ComplaintCommandNotAllowed, `resume-clock is not allowed: the clock is not paused: it was resumed on ${at(50)};`);
  });

  it('a decision while paused resumes the clock first, in the history', () => {
    const events = given(received, assigned, paused, investigated).when({ type: 'decide', data: { outcome: 'not-upheld', basis: 'No fault found' }, now }).thenEvents();
    expect(events.map((e) => e.type)).toEqual(['ClockResumed', 'DecisionMade']);
  });

  it('a withdrawal while paused resumes the clock first', () => {
    const events = given(received, assigned, paused).when({ type: 'withdraw', data: { reason: 'Resolved privately' }, now }).thenEvents();
    expect(events.map((e) => e.type)).toEqual(['ClockResumed', 'ComplaintWithdrawn']);
  });
});

describe('interim notice and amendment', () => {
  it('an interim notice carries the progress and the reason for delay', () => {
    given(received, assigned)
      .when({ type: 'send-interim-notice', data: { channel: 'sms', progress: 'Site visit booked', delayReason: 'Awaiting lab' }, now })
      .then([{ type: 'InterimNoticeSent', data: { channel: 'sms', progress: 'Site visit booked', delayReason: 'Awaiting lab' }, occurredAt: now }]);
  });

  it('the complainant may change the content before a decision', () => {
    const state = given(received, assigned).when({ type: 'amend', data: { description: 'Also the boiler', reason: 'Phone call' }, now }).thenState();
    expect(complaintOf(state)?.description).toBe('Also the boiler');
  });

  it('an amendment after findings sends the case back for investigation', () => {
    const state = given(received, assigned, investigated).when({ type: 'amend', data: { remedySought: 'Refund', reason: 'Letter' }, now }).thenState();
    expect(lifecycleState(state)).toBe('assigned');
  });

  it('an amendment after the decision is refused', () => {
    given(received, assigned, investigated, decided).when({ type: 'amend', data: { description: 'x', reason: 'y' }, now }).thenRejects(ComplaintCommandNotAllowed);
  });

  it('an amendment must change something', () => {
    given(received).when({ type: 'amend', data: { reason: 'nothing' }, now }).thenRejects(InvalidCommand, /description/);
  });
});

describe('decision and closing', () => {
  it('a decision needs findings first', () => {
    given(received, assigned).when({ type: 'decide', data: { outcome: 'upheld', basis: 'x' }, now }).thenRejects(ComplaintCommandNotAllowed, /allowed now:/);
  });

  it('a decision records the outcome, its basis and any compensation', () => {
    const compensation = { amount: 10000, currency: 'KRW', description: 'Gift voucher' };
    given(received, assigned, investigated)
      .when({ type: 'decide', data: { outcome: 'upheld', basis: 'Staff discourtesy confirmed', compensation }, now })
      // The compensation policy names the trigger the findings substantiate and its form (domain/complaint/compensation.test.ts).
      .then([{ type: 'DecisionMade', data: { outcome: 'upheld', basis: 'Staff discourtesy confirmed', compensation: { ...compensation, trigger: 'handling-error', form: 'goods' } }, occurredAt: now }]);
  });

  it('communicating the decision needs the basis and how to appeal', () => {
    given(received, assigned, investigated, decided).when({ type: 'communicate-decision', data: { channel: 'email', basis: 'Act', appeal: '' }, now }).thenRejects(InvalidCommand, /appeal: must not be empty/);
  });

  it('a decision is communicated once: a second time is refused saying when and how it was', () => {
    given(received, assigned, investigated, decided, communicated)
      .when({ type: 'communicate-decision', data: { channel: 'email', basis: 'Act', appeal: 'Within 90 days' }, now })
      .thenRejects(ComplaintCommandNotAllowed, `communicate-decision is not allowed: the decision was already communicated on ${at(100)} by email;`);
  });

  it('a case is closed only after the decision was communicated', () => {
    given(received, assigned, investigated, decided).when({ type: 'close', data: {}, now }).thenRejects(ComplaintCommandNotAllowed, /decision has not been communicated/);
    given(received, assigned, investigated, decided, communicated).when({ type: 'close', data: {}, now }).then([{ type: 'ComplaintClosed', data: { reason: 'resolved' }, occurredAt: now }]);
  });

  it('a case is not closed as resolved before the decision was communicated', () => {
    given(received, assigned).when({ type: 'close', data: {}, now }).thenRejects(ComplaintCommandNotAllowed, /decision has not been communicated/);
  });
});

describe('withdrawal and reopening', () => {
  it('the complainant may withdraw any time before the decision', () => {
    for (const history of [[received], [received, assigned], [received, assigned, investigated]]) {
      const state = given(...history).when({ type: 'withdraw', data: { reason: 'No longer needed' }, now }).thenState();
      expect(complaintOf(state)?.closure?.as).toBe('withdrawn');
    }
  });

  it('rule 7, "고객불만사무의 처리가 종결되기 전에 … 철회 또는 취하할 수 있음": once decided, the case is no longer withdrawn (an appeal reopens it)', () => {
    given(received, assigned, investigated, decided).when({ type: 'withdraw', data: { reason: 'I disagree with the result' }, now }).thenRejects(ComplaintCommandNotAllowed, /withdraw is not allowed: the complaint was decided: handling is concluded/);
    expect(allowedCommands(replay([...received, ...assigned, ...investigated, ...decided]))).not.toContain('withdraw');
    // A history written before the rule still replays.
    const withdrawnAfterDecision: ComplaintEvent[] = [{ type: 'ComplaintWithdrawn', data: { reason: 'x' }, occurredAt: at(130) }];
    expect(complaintOf(replay([...received, ...assigned, ...investigated, ...decided, ...withdrawnAfterDecision]))?.closure?.as).toBe('withdrawn');
  });

  it('a withdrawn complaint cannot be decided', () => {
    const withdrawn: ComplaintEvent[] = [{ type: 'ComplaintWithdrawn', data: { reason: 'x' }, occurredAt: at(70) }];
    given(received, assigned, investigated, withdrawn).when({ type: 'decide', data: { outcome: 'upheld', basis: 'x' }, now }).thenRejects(ComplaintCommandNotAllowed, /in state closed/);
  });

  it('a closed case cannot be withdrawn', () => {
    given(received, assigned, investigated, decided, communicated, closed).when({ type: 'withdraw', data: { reason: 'x' }, now }).thenRejects(ComplaintCommandNotAllowed);
  });

  it('the complaints office reopens a decided or closed case for re-investigation', () => {
    for (const history of [[received, assigned, investigated, decided], [received, assigned, investigated, decided, communicated, closed]]) {
      const state = given(...history).when({ type: 'reopen', data: { kind: 'appeal', reason: 'Complainant appealed' }, now }).thenState();
      expect(lifecycleState(state)).toBe('assigned');
      expect(complaintOf(state)).toMatchObject({ reopenings: 1, decision: undefined, closure: undefined });
    }
  });

  it('a withdrawn case is not reopened', () => {
    const withdrawn: ComplaintEvent[] = [{ type: 'ComplaintWithdrawn', data: { reason: 'x' }, occurredAt: at(70) }];
    given(received, withdrawn).when({ type: 'reopen', data: { reason: 'x' }, now }).thenRejects(ComplaintCommandNotAllowed);
  });

  it('a withdrawn case is not reopened: the refusal says it was withdrawn, and when', () => {
    const withdrawn: ComplaintEvent[] = [{ type: 'ComplaintWithdrawn', data: { reason: 'x' }, occurredAt: at(70) }];
    given(received, withdrawn).when({ type: 'reopen', data: { reason: 'x' }, now }).thenRejects(ComplaintCommandNotAllowed, `reopen is not allowed: the complaint was withdrawn on ${at(70)}, and a withdrawn complaint is not reopened;`);
  });
});

describe('satisfaction survey', () => {
  const scores = { easeOfFiling: 5, interimNotice: 4, proactiveness: 4, courtesy: 5, processingTime: 3, overall: 4 };

  it('is recorded once after closing, each element from 1 to 5', () => {
    const history = [received, assigned, investigated, decided, communicated, closed];
    given(...history).when({ type: 'record-satisfaction', data: { scores }, now }).then([{ type: 'SatisfactionRecorded', data: { scores }, occurredAt: now }]);
    given(...history).when({ type: 'record-satisfaction', data: { scores: { ...scores, courtesy: 6 } }, now }).thenRejects(InvalidCommand, /scores.courtesy: must be a whole number from 1 to 5/);
    const surveyed: ComplaintEvent[] = [{ type: 'SatisfactionRecorded', data: { scores }, occurredAt: at(300) }];
    given(...history, surveyed).when({ type: 'record-satisfaction', data: { scores }, now }).thenRejects(ComplaintCommandNotAllowed);
  });

  it('a second survey is refused saying one was already recorded, and when', () => {
    const surveyed: ComplaintEvent[] = [{ type: 'SatisfactionRecorded', data: { scores }, occurredAt: at(300) }];
    given(received, assigned, investigated, decided, communicated, closed, surveyed)
      .when({ type: 'record-satisfaction', data: { scores }, now })
      .thenRejects(ComplaintCommandNotAllowed, `record-satisfaction is not allowed: a survey was already recorded for this case on ${at(300)};`);
  });

  it('is not recorded before closing', () => {
    given(received, assigned).when({ type: 'record-satisfaction', data: { scores }, now }).thenRejects(ComplaintCommandNotAllowed);
  });

  it('follows completed handling only: "고객의 불만처리가 완료된 경우는 … 만족도 … 의견청취"; not a case withdrawn or excluded', () => {
    const withdrawn: ComplaintEvent[] = [{ type: 'ComplaintWithdrawn', data: { reason: 'Settled' }, occurredAt: at(70) }];
    given(received, assigned, withdrawn).when({ type: 'record-satisfaction', data: { scores }, now }).thenRejects(ComplaintCommandNotAllowed, /the survey follows completed handling, and this case ended as withdrawn/);
    const excluded = given(received).when({ type: 'assess', data: { exclusion: 'private-law', note: 'A dispute between neighbours' }, now: at(20) }).thenEvents();
    given(received, excluded).when({ type: 'record-satisfaction', data: { scores }, now }).thenRejects(ComplaintCommandNotAllowed, /ended as rejected-at-assessment/);
    expect(allowedCommands(replay([...received, ...withdrawn]))).not.toContain('record-satisfaction');
    // A survey recorded before the rule still replays.
    const surveyed: ComplaintEvent[] = [{ type: 'SatisfactionRecorded', data: { scores }, occurredAt: at(300) }];
    expect(complaintOf(replay([...received, ...assigned, ...withdrawn, ...surveyed]))?.satisfaction?.scores).toEqual(scores);
  });
});

describe('confidentiality', () => {
  it('a complaint may be marked confidential at receipt', () => {
    const [event] = given().when(receiveCommand({ confidential: true })).thenEvents();
    expect(event).toMatchObject({ type: 'ComplaintReceived', data: { confidential: true } });
    expect(complaintOf(replay([event!]))!.confidential).toBe(true);
    expect(complaintOf(replay(received))!.confidential).toBe(false);
  });

  it('a case may be marked confidential later, with a reason, in any state, once', () => {
    const marked: ComplaintEvent = { type: 'ComplaintMarkedConfidential', data: { reason: 'Whistle-blowing about a colleague' }, occurredAt: now };
    given(received, assigned, investigated, decided, communicated, closed).when({ type: 'mark-confidential', data: { reason: 'Whistle-blowing about a colleague' }, now }).then([marked]);
    given(received).when({ type: 'mark-confidential', data: { reason: ' ' }, now }).thenRejects(InvalidCommand, /reason: must not be empty/);
    given(received, [marked]).when({ type: 'mark-confidential', data: { reason: 'again' }, now }).thenRejects(ComplaintCommandNotAllowed);
    const receivedConfidential = { ...received[0]!, data: { ...received[0]!.data, confidential: true } } as ComplaintEvent;
    given([receivedConfidential]).when({ type: 'mark-confidential', data: { reason: 'again' }, now }).thenRejects(ComplaintCommandNotAllowed);
  });

  it('a confidential case is not marked again: the refusal says it already is', () => {
    const marked: ComplaintEvent = { type: 'ComplaintMarkedConfidential', data: { reason: 'Whistle-blowing about a colleague' }, occurredAt: at(20) };
    given(received, assigned, [marked]).when({ type: 'mark-confidential', data: { reason: 'again' }, now }).thenRejects(ComplaintCommandNotAllowed, 'mark-confidential is not allowed: the case is already confidential;');
  });
});

describe('the lifecycle', () => {
  it('a command the state does not allow names the state and the commands allowed now', () => {
    const error = given(received).when({ type: 'decide', data: { outcome: 'upheld', basis: 'x' }, now }).thenRejects(ComplaintCommandNotAllowed) as ComplaintCommandNotAllowed;
    expect(error.state).toBe('received');
    expect(error.allowed).toEqual(['acknowledge', 'assess', 'assign', 'pause-clock', 'send-interim-notice', 'amend', 'request-supplement', 'close', 'withdraw', 'mark-confidential']);
  });

  it('only receipt is allowed before a complaint exists', () => {
    expect(allowedCommands(initialState())).toEqual(['receive']);
  });

  it('the fixtures are what the decider produces for the full walk', () => {
    const walk = [received, assigned, investigated, decided, communicated, closed];
    const state = replay(walk.flat());
    expect(lifecycleState(state)).toBe('closed');
    expect(decide(receiveCommand(), initialState())).toEqual(received);
  });

  it('a history the machine would not take is refused on replay', () => {
    expect(() => replay([...received, ...decided])).toThrow(/DecisionMade cannot follow state received/);
  });
});

describe('rule 2, an interim notice must reach the complainant: "중간처리과정 및 지연사유 안내"', () => {
  const notice = (data: Record<string, unknown>) => ({ type: 'send-interim-notice', data: { progress: 'Lab test ordered', delayReason: 'Lab test', ...data }, now }) as ComplaintCommand;
  const noConsent = decide(receiveCommand({ complainant: { name: '김민수', address: '서울시 중구 1' }, consent: { sms: false, email: false, phone: false } }), initialState());

  it('given consent to SMS only, when the notice goes by e-mail, then it is refused naming the channel', () => {
    const smsOnly = decide(receiveCommand({ consent: { sms: true, email: false, phone: false } }), initialState());
    given(smsOnly, assigned).when(notice({ channel: 'email' })).thenRejects(InvalidCommand, /channel: the complainant did not consent to e-mail notices/);
    given(smsOnly, assigned).when(notice({ channel: 'sms' })).then([{ type: 'InterimNoticeSent', data: { channel: 'sms', progress: 'Lab test ordered', delayReason: 'Lab test' }, occurredAt: now }]);
  });

  it('given no consent at all, when the notice goes by post or in person, then it needs a note of how it was delivered', () => {
    given(noConsent, assigned).when(notice({ channel: 'in-person' })).thenRejects(InvalidCommand, /note: must not be empty/);
    const [event] = given(noConsent, assigned).when(notice({ channel: 'post', note: 'Letter sent to the address given' })).thenEvents();
    expect(event).toMatchObject({ data: { channel: 'post', note: 'Letter sent to the address given' } });
  });
});

describe('rule 3, result by phone only with consent: "고객의 동의가 있을 때 전화로 그 결과를 통지할 수 있음"', () => {
  const tell = (channel: string) => ({ type: 'communicate-decision', data: { channel, basis: 'Gas Safety Act', appeal: 'Within 90 days' }, now }) as ComplaintCommand;

  it('given no consent to be told by phone, when the decision is communicated by phone, then it is refused naming channel and the rule', () => {
    given(received, assigned, investigated, decided).when(tell('phone')).thenRejects(InvalidCommand, /channel: the complainant did not consent to be told by phone \(고객의 동의가 있을 때 전화로/);
  });

  it('given consent to be told by phone at receipt, when the decision is communicated by phone, then it is recorded', () => {
    const consenting = decide(receiveCommand({ consent: { sms: true, email: true, phone: true } }), initialState());
    given(consenting, assigned, investigated, decided).when(tell('phone')).thenEvents();
  });

  it('given consent to phone at receipt without a phone number, then the receipt is refused naming consent.phone', () => {
    given().when(receiveCommand({ complainant: { name: 'A', email: 'a@b.kr' }, consent: { sms: false, email: true, phone: true } })).thenRejects(InvalidCommand, /consent.phone/);
  });

  it('given a decided case, when the complainant consents to phone by amend, then the consent changes, the case stays decided and phone is accepted', () => {
    const state = given(received, assigned, investigated, decided).when({ type: 'amend', data: { consent: { phone: true }, reason: 'Asked on the phone to be called' }, now }).thenState();
    expect(lifecycleState(state)).toBe('decided');
    expect(complaintOf(state)?.consent).toEqual({ sms: true, email: true, phone: true });
    const changed: ComplaintEvent[] = [{ type: 'ConsentChanged', data: { consent: { sms: true, email: true, phone: true }, reason: 'x' }, occurredAt: now }];
    given(received, assigned, investigated, decided, changed).when(tell('phone')).thenEvents();
  });

  it('given an investigated case, when only the consent is amended, then it is not sent back for investigation', () => {
    const state = given(received, assigned, investigated).when({ type: 'amend', data: { consent: { phone: true }, reason: 'x' }, now }).thenState();
    expect(lifecycleState(state)).toBe('investigated');
  });

  it('given no consent at all, when the decision is posted on the homepage ("홈페이지, 전자우편으로 통지"), then it needs none', () => {
    const noConsent = decide(receiveCommand({ consent: { sms: false, email: false, phone: false } }), initialState());
    const [event] = given(noConsent, assigned, investigated, decided).when(tell('homepage')).thenEvents();
    expect(event).toMatchObject({ type: 'DecisionCommunicated', data: { channel: 'homepage' } });
  });
});

describe('rule 4, receipt may not be refused: "접수를 보류하거나 거부할 수 없음"', () => {
  const anonymous = receiveCommand({ complainant: {}, consent: { sms: false, email: false, phone: false } });

  it('given no name and no contact, when received, then it is accepted and flagged unidentified', () => {
    const [event] = given().when(anonymous).thenEvents();
    expect(event).toMatchObject({ type: 'ComplaintReceived', data: { unidentified: true } });
  });

  it('given a name but no way to reach them, or a phone number but no name, then it is unidentified too', () => {
    expect(given().when(receiveCommand({ complainant: { name: '김민수' }, consent: { sms: false, email: false, phone: false } })).thenEvents()[0]).toMatchObject({ data: { unidentified: true } });
    expect(given().when(receiveCommand({ complainant: { phone: '010-1234-5678' }, consent: { sms: false, email: false, phone: false } })).thenEvents()[0]).toMatchObject({ data: { unidentified: true } });
    expect(received[0]).toMatchObject({ data: { unidentified: false } });
  });

  it('given an unidentified complaint, then no notice is possible: the acknowledgement is withheld, interim notice and decision refused', () => {
    const unidentified = decide(anonymous, initialState());
    given(unidentified).when({ type: 'acknowledge', data: {}, now }).then([{ type: 'AcknowledgementWithheld', data: { reason: 'unidentified' }, occurredAt: now }]);
    given(unidentified, assigned).when({ type: 'send-interim-notice', data: { channel: 'homepage', progress: 'x', delayReason: 'y' }, now }).thenRejects(InvalidCommand, /channel: the complainant is unidentified/);
    given(unidentified, assigned, investigated, decided).when({ type: 'communicate-decision', data: { channel: 'post', basis: 'x', appeal: 'y' }, now }).thenRejects(InvalidCommand, /channel: the complainant is unidentified/);
  });

  it('given an unidentified complaint, when assessed, then it may be excluded (exclusion ③, unidentified)', () => {
    const state = given(decide(anonymous, initialState())).when({ type: 'assess', data: { exclusion: 'unidentified', note: 'No name, no address' }, now }).thenState();
    expect(lifecycleState(state)).toBe('closed');
    expect(complaintOf(state)?.closure).toMatchObject({ as: 'rejected-at-assessment' });
  });
});

describe('rule 5, "고객불만 서류의 보완 또는 보정에 소요되는 기간 … 산입하지 아니 함": a supplement request stops the clock until the complainant answers', () => {
  const request = { type: 'request-supplement', data: { channel: 'email', request: 'The meter number, please' }, now: at(40) } as ComplaintCommand;

  it('the request pauses the clock for document supplement', () => {
    given(received, assigned).when(request).then([
      { type: 'SupplementRequested', data: { channel: 'email', request: 'The meter number, please' }, occurredAt: at(40) },
      { type: 'ClockPaused', data: { reason: 'document-supplement', note: 'clock paused by request-supplement until the complainant answers' }, occurredAt: at(40) },
    ]);
  });

  it('the complainant’s amendment answers it and resumes the clock; a change of consent alone does not', () => {
    const asked = decide(request, replay([...received, ...assigned]));
    const answer = { type: 'amend', data: { description: 'Meter 4471', reason: 'Reply to the request' }, now: at(60) } as ComplaintCommand;
    given(received, assigned, asked).when(answer).then([
      { type: 'ComplaintAmended', data: { description: 'Meter 4471', reason: 'Reply to the request' }, occurredAt: at(60) },
      { type: 'ClockResumed', data: { note: 'clock resumed by amend: the complainant answered the supplement request' }, occurredAt: at(60) },
    ]);
    const consentOnly = { type: 'amend', data: { consent: { sms: false }, reason: 'No SMS' }, now: at(60) } as ComplaintCommand;
    expect(given(received, assigned, asked).when(consentOnly).thenEvents().map((e) => e.type)).toEqual(['ConsentChanged']);
  });

  it('a clock already paused for another reason stays paused for it: no second pause, and the answer does not resume it', () => {
    const inspection: ComplaintEvent[] = [{ type: 'ClockPaused', data: { reason: 'inspection' }, occurredAt: at(35) }];
    const asked = given(received, assigned, inspection).when(request).thenEvents();
    expect(asked.map((e) => e.type)).toEqual(['SupplementRequested']);
    const answer = { type: 'amend', data: { description: 'Meter 4471', reason: 'Reply' }, now: at(60) } as ComplaintCommand;
    expect(given(received, assigned, inspection, asked).when(answer).thenEvents().map((e) => e.type)).toEqual(['ComplaintAmended']);
  });
});

describe('rule 7, deemed withdrawn: "불만고객의 소재지나 연락처가 분명하지 아니하여 보완이나 보정 요구가 불가능할 시에는 처리기한 경과 후 고객불만을 철회한 것으로 보아 내부적으로 종결할 수 있음"', () => {
  // Received Monday 9 March 2026 10:00; 3 working days (24 h) run out Thursday 12 March 10:00.
  const afterDeadline = '2026-03-12T10:30:00+09:00';
  const beforeDeadline = '2026-03-12T09:30:00+09:00';
  const unreachable = (when: string, note?: string) => ({ type: 'close', data: note ? { reason: 'complainant-unreachable', note } : { reason: 'complainant-unreachable' }, now: when }) as ComplaintCommand;
  const requestBy = (channel: 'email' | 'in-person'): ComplaintEvent[] =>
    decide({ type: 'request-supplement', data: { channel, request: 'The meter number, please', ...(channel === 'in-person' ? { note: 'Asked at the counter to call back' } : {}) }, now: at(40) }, replay([...received, ...assigned]));
  const outcome = (status: 'delivered' | 'failed', when: string): ComplaintEvent[] => [
    status === 'delivered'
      ? { type: 'NoticeDelivered', data: { noticeId: 'n-1', kind: 'supplement-request', channel: 'email' }, occurredAt: when }
      : { type: 'NoticeFailed', data: { noticeId: 'n-1', kind: 'supplement-request', channel: 'email', attempt: 6, error: 'mailbox unavailable', final: true }, occurredAt: when },
  ];

  it('given an e-mailed request the notice sender gave up on, the deadline counts on from the failure, and once it passed the case closes', () => {
    const failed = outcome('failed', at(50));
    given(received, assigned, requestBy('email'), failed).when(unreachable(afterDeadline)).then([
      { type: 'ClockResumed', data: { note: 'clock resumed by close' }, occurredAt: afterDeadline },
      { type: 'ComplaintClosed', data: { reason: 'complainant-unreachable' }, occurredAt: afterDeadline },
    ]);
    // The 10 minutes from the request to the failure were time to supplement: not counted.
    given(received, assigned, requestBy('email'), failed).when(unreachable('2026-03-12T10:05:00+09:00')).thenRejects(ComplaintCommandNotAllowed, /waits for the handling deadline to pass \(2026-03-12T10:10:00.000\+09:00\)/);
  });

  it('given a request that reached the complainant, they can be reached: closing as unreachable is refused, the clock stays paused', () => {
    given(received, assigned, requestBy('email'), outcome('delivered', at(41))).when(unreachable(afterDeadline)).thenRejects(ComplaintCommandNotAllowed, /the supplement request reached the complainant by email/);
  });

  it('given an e-mailed request with no outcome yet, closing as unreachable is refused', () => {
    given(received, assigned, requestBy('email')).when(unreachable(afterDeadline)).thenRejects(ComplaintCommandNotAllowed, /no failed delivery of the supplement request by email is recorded/);
  });

  it('given a request handed over (in person, by post or phone), staff say in the note why it did not reach the complainant; the wait counts', () => {
    given(received, assigned, requestBy('in-person')).when(unreachable(afterDeadline)).thenRejects(InvalidCommand, /note: say why the supplement request \(in-person\) did not reach the complainant/);
    given(received, assigned, requestBy('in-person')).when(unreachable(beforeDeadline, 'Returned: addressee unknown')).thenRejects(ComplaintCommandNotAllowed, /2026-03-12T10:00:00.000\+09:00/);
    const events = given(received, assigned, requestBy('in-person')).when(unreachable(afterDeadline, 'Returned: addressee unknown')).thenEvents();
    expect(events.at(-1)).toEqual({ type: 'ComplaintClosed', data: { reason: 'complainant-unreachable', note: 'Returned: addressee unknown' }, occurredAt: afterDeadline });
  });

  it('given no attempt to reach the complainant, then closing as unreachable is refused, even after the deadline and a decision', () => {
    given(received, assigned).when(unreachable(afterDeadline)).thenRejects(ComplaintCommandNotAllowed, /needs an unidentified complainant or a supplement request \(request-supplement\) that could not reach them/);
    given(received, assigned, investigated, decided).when(unreachable(afterDeadline)).thenRejects(ComplaintCommandNotAllowed, /needs an unidentified complainant or a supplement request/);
  });

  it('given a supplement request the complainant answered (an amendment after it), then closing as unreachable is refused', () => {
    const answered: ComplaintEvent[] = [{ type: 'ComplaintAmended', data: { description: 'Meter 4471', reason: 'Reply to the request' }, occurredAt: at(60) }];
    given(received, assigned, requestBy('in-person'), answered).when(unreachable(afterDeadline, 'x')).thenRejects(ComplaintCommandNotAllowed, /needs an unidentified complainant or a supplement request/);
  });

  it('given a pause for another reason, the deadline moves out by it', () => {
    const paused: ComplaintEvent[] = [
      { type: 'ClockPaused', data: { reason: 'inspection' }, occurredAt: '2026-03-10T10:00:00+09:00' },
      { type: 'ClockResumed', data: {}, occurredAt: '2026-03-11T10:00:00+09:00' },
    ];
    given(received, assigned, paused, requestBy('in-person')).when(unreachable(afterDeadline, 'Returned')).thenRejects(ComplaintCommandNotAllowed, /2026-03-13T10:00:00.000\+09:00/);
  });

  it('given an unidentified complainant (no supplement request possible), then closing as unreachable needs only the deadline passed', () => {
    const unidentified = decide(receiveCommand({ complainant: {}, consent: { sms: false, email: false, phone: false } }), initialState());
    given(unidentified, assigned).when({ type: 'request-supplement', data: { channel: 'email', request: 'x' }, now }).thenRejects(InvalidCommand, /unidentified/);
    given(unidentified, assigned).when(unreachable(afterDeadline)).thenEvents();
  });
});
