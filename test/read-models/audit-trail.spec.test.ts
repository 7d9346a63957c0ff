import { describe, expect, it } from '@jest/globals';
import { COMPLAINT_EVENT_TYPES } from '../../domain/complaint/events.js';
import { auditTrailReadModel } from '../../src/reports/index.js';
import { CaseHistory } from '../support/case-history.js';
import { T0 } from '../support/complaint-fixtures.js';
import { readModelSpec } from '../support/read-model-spec.js';

const spec = readModelSpec(auditTrailReadModel);

/** Business times on Monday 9 March 2026 in Seoul. */
const monday = (time: string) => `2026-03-09T${time}:00+09:00`;

/** Handled by the book, each step at a time of its own, then surveyed. */
const byTheBook = CaseHistory.received('c-1')
  .acknowledge({}, { at: monday('10:30') })
  .assess(undefined, { at: monday('11:00') })
  .assign({}, { at: monday('11:10') })
  .findings(undefined, { at: monday('14:00') })
  .decide({}, { at: monday('15:00') })
  .communicate({}, { at: monday('15:30') })
  .close({}, { at: monday('16:00') })
  .survey({}, { at: '2026-03-10T10:00:00+09:00' });

const line = (revision: number, type: string, clause: string, actor_id: string, actor_role: string, occurred_at: string) => ({
  complaint_id: 'c-1', revision, type, clause, actor_id, actor_role, occurred_at,
});

describe('audit trail (audit_trail, audit_cases): the ISO 10002 evidence of every case', () => {
  it('a case handled by the book has one line per event with the clause it evidences, who and when', async () => {
    await spec.given(byTheBook).then('audit_trail', [
      line(0, 'ComplaintReceived', '7.2', 'u-intake', 'intake', T0),
      line(1, 'ComplaintAcknowledged', '7.4', 'u-intake', 'intake', monday('10:30')),
      line(2, 'ComplaintAssessed', '7.5', 'u-intake', 'intake', monday('11:00')),
      line(3, 'ComplaintAssigned', '7.6', 'u-intake', 'intake', monday('11:10')),
      line(4, 'FindingsRecorded', '7.6', 'u-handler', 'handler', monday('14:00')),
      line(5, 'DecisionMade', '7.7', 'u-head', 'department-head', monday('15:00')),
      line(6, 'DecisionCommunicated', '7.8', 'u-head', 'department-head', monday('15:30')),
      line(7, 'ComplaintClosed', '7.9', 'u-head', 'department-head', monday('16:00')),
      line(8, 'SatisfactionRecorded', '8.3', 'u-intake', 'intake', '2026-03-10T10:00:00+09:00'),
    ]);
  });

  it('tracking (7.3): pauses, interim notices and what became of a notice; amendments are receipt (7.2); requests and reassignment investigation (7.6)', async () => {
    const tracked = CaseHistory.received('c-2')
      .acknowledge()
      .noticeFailed('acknowledgement', 'email', { attempt: 1, error: 'mailbox full', final: false, retryAt: monday('11:00') })
      .noticeDelivered('acknowledgement', 'email')
      .command('amend', { description: 'The meter and the pipe leak.', reason: 'Phone call' })
      .command('pause-clock', { reason: 'document-supplement' })
      .command('resume-clock', {})
      .command('send-interim-notice', { channel: 'sms', progress: 'Site visit done', delayReason: 'Lab test' })
      .assign()
      .command('reassign', { department: 'testing', reason: 'Lab work' })
      .command('request-information', { requestId: 'r-1', department: 'planning', request: 'Budget lines' })
      .command('receive-information', { requestId: 'r-1', summary: 'Received' })
      .findings()
      .decide()
      .reopen()
      .withdraw();
    await spec.given(tracked).thenRows((s) => `SELECT type, clause FROM ${s}.audit_trail WHERE revision > 0 ORDER BY revision`, [
      { type: 'ComplaintAcknowledged', clause: '7.4' },
      { type: 'NoticeFailed', clause: '7.3' },
      { type: 'NoticeDelivered', clause: '7.3' },
      { type: 'ComplaintAmended', clause: '7.2' },
      { type: 'ClockPaused', clause: '7.3' },
      { type: 'ClockResumed', clause: '7.3' },
      { type: 'InterimNoticeSent', clause: '7.3' },
      { type: 'ComplaintAssigned', clause: '7.6' },
      { type: 'ComplaintReassigned', clause: '7.6' },
      { type: 'InformationRequested', clause: '7.6' },
      { type: 'InformationReceived', clause: '7.6' },
      { type: 'FindingsRecorded', clause: '7.6' },
      { type: 'DecisionMade', clause: '7.7' },
      { type: 'ComplaintReopened', clause: '7.9' },
      { type: 'ComplaintWithdrawn', clause: '7.9' },
    ]);
  });

  it('an acknowledgement withheld for want of consent is 7.4, a rejection at initial assessment 7.5', async () => {
    const rejected = CaseHistory.received('c-3', { consent: { sms: false, email: false, phone: false } }).acknowledge().assess({ exclusion: 'private-law', note: 'Contract dispute' });
    await spec.given(rejected).thenRows((s) => `SELECT type, clause FROM ${s}.audit_trail ORDER BY revision`, [
      { type: 'ComplaintReceived', clause: '7.2' },
      { type: 'AcknowledgementWithheld', clause: '7.4' },
      { type: 'ComplaintRejectedAtAssessment', clause: '7.5' },
    ]);
  });

  it('every event type has its clause on the trail (a new event type needs a line in these specs)', async () => {
    const cases = [
      byTheBook.noticeDelivered('acknowledgement', 'email').noticeFailed('decision', 'email', { attempt: 1, error: 'timeout', final: true }),
      CaseHistory.received('c-2', { consent: { sms: false, email: false, phone: false } }).acknowledge()
        .command('amend', { description: 'The meter and the pipe leak.', reason: 'Phone call' })
        .command('pause-clock', { reason: 'document-supplement' }).command('resume-clock', {})
        .command('send-interim-notice', { channel: 'homepage', progress: 'Site visit done', delayReason: 'Lab test' })
        .command('amend', { consent: { phone: true }, reason: 'Asked to be called' })
        .command('request-supplement', { channel: 'phone', request: 'The meter number' })
        .assign({ cooperatingDepartments: ['audit'] }).command('reassign', { department: 'testing' })
        .command('request-information', { requestId: 'r-1', department: 'planning', request: 'Budget lines' })
        .command('receive-information', { requestId: 'r-1', summary: 'Received' })
        .command('record-contribution', { department: 'audit', summary: 'No irregularity in the accounts' })
        .findings().decide().reopen().withdraw()
        .command('mark-confidential', { reason: 'Whistle-blowing' }),
      CaseHistory.received('c-3').assess({ exclusion: 'private-law', note: 'Contract dispute' }),
      // After the decision (issue 17): the compensation handed over, the employee referred to CS training and done.
      CaseHistory.received('c-4').assign().findings().decide({ compensation: { amount: 10_000, currency: 'KRW' } })
        .command('provide-compensation', { form: 'goods', description: 'Gift card', amount: 10_000, currency: 'KRW', providedBy: 'Lee' })
        .command('refer-to-training', { subjectId: 'emp-7', programme: 'Courtesy 1' })
        .command('record-training-completed', { subjectId: 'emp-7' }),
    ];
    const types = await spec.given(...cases).then(async (tables) => (await tables.query((s) => `SELECT DISTINCT type FROM ${s}.audit_trail ORDER BY type`)).map((r) => r.type));
    expect(types).toEqual([...COMPLAINT_EVENT_TYPES].sort());
  });

  it('closing sets audit_cases.closed_at; a reopen keeps it (the quarter counts the case until it closes again); the next closing moves it', async () => {
    const closed = byTheBook;
    const reopened = closed.reopen({}, { at: '2026-03-11T10:00:00+09:00' });
    await spec.given(closed).then('audit_cases', [{ complaint_id: 'c-1', received_at: T0, closed_at: monday('16:00'), revision: 8 }]);
    await spec.given(closed).when(reopened).then('audit_cases', [{ complaint_id: 'c-1', received_at: T0, closed_at: monday('16:00'), revision: 9 }]);
    await spec.given(closed).when(reopened).when(reopened.findings().decide().communicate().close({}, { at: '2026-03-12T10:00:00+09:00' })).then('audit_cases', [
      { complaint_id: 'c-1', closed_at: '2026-03-12T10:00:00+09:00', revision: 13 },
    ]);
  });

  it('the case’s audit facts keep the current round: a reopening counts once and drops the earlier closure', async () => {
    await spec.given(byTheBook).when(byTheBook.reopen()).thenRows(
      (s) => `SELECT audit->>'reopenings' AS reopenings, audit ? 'closure' AS closure, audit ? 'decision' AS decision, audit->'receipt'->>'basis' AS receipt FROM ${s}.audit_cases`,
      [{ reopenings: '1', closure: false, decision: false, receipt: `channel web, received internally, category defective-facility, received ${new Date(T0).toISOString()}` }],
    );
  });

  it('a redelivered batch adds no second line and counts no event twice', async () => {
    const reopened = byTheBook.reopen();
    await spec.given(byTheBook).when(reopened).deliveredTwice().then(async (tables) => {
      expect(await tables.query((s) => `SELECT count(*) AS lines, count(DISTINCT revision) AS revisions FROM ${s}.audit_trail`)).toEqual([{ lines: 10, revisions: 10 }]);
      await tables.expectQuery((s) => `SELECT audit->>'reopenings' AS reopenings, revision, audit->'historyBreaks' AS breaks FROM ${s}.audit_cases`, [{ reopenings: '1', revision: 9, breaks: [] }]);
    });
  });

  it('the same rows whether the history comes in one batch or one event per batch', async () => {
    const history = byTheBook.reopen().findings().decide();
    const oneBatch = await spec.given(history).then((tables) => tables.snapshot());
    expect(await spec.given(history).inBatchesOf(1).then((tables) => tables.snapshot())).toEqual(oneBatch);
  });
});
