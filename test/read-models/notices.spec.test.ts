import { describe, expect, it } from '@jest/globals';
import { noticesReadModel } from '../../src/notices/index.js';
import { CaseHistory, eventIdOf, handledByTheBook } from '../support/case-history.js';
import { readModelSpec } from '../support/read-model-spec.js';

const spec = readModelSpec(noticesReadModel);

const received = CaseHistory.received('c-1');
const acknowledged = received.acknowledge({ channel: 'email' }, { at: '2026-03-09T10:30:00+09:00' });
const ackByEmail = acknowledged.noticeId('acknowledgement', 'email');

describe('notices (notices, notice_consents): the outbox of what the complainant is owed', () => {
  it('an acknowledgement by e-mail with consent creates one pending row, due from its recording', async () => {
    await spec.given(received).when(acknowledged).then('notices', [
      {
        notice_id: ackByEmail, complaint_id: 'c-1', source_event_id: eventIdOf('c-1', 1), kind: 'acknowledgement', channel: 'email',
        status: 'pending', attempts: 0, last_error: null, next_attempt_at: '2026-03-09T10:30:00+09:00', created_at: '2026-03-09T10:30:00+09:00',
      },
    ]);
  });

  it('the receipt’s consent is kept for the later events', async () => {
    await spec.given(received).then('notice_consents', [{ complaint_id: 'c-1', sms: true, email: true }]);
  });

  it('without consent, no notice: the acknowledgement is withheld and nothing is queued', async () => {
    const withheld = CaseHistory.received('c-2', { consent: { sms: false, email: false, phone: false } }).acknowledge();
    expect(withheld.events.map((e) => e.type)).toEqual(['ComplaintReceived', 'AcknowledgementWithheld']);
    await spec.given(withheld).then('notices', []);
  });

  it('rule 2: an interim notice goes on the consented channel staff chose', async () => {
    const smsOnly = CaseHistory.received('c-3', { consent: { sms: true, email: false, phone: false } }).assign().command('send-interim-notice', { channel: 'sms', progress: 'Site visit done', delayReason: 'Lab test' });
    await spec.given(smsOnly).then('notices', [{ complaint_id: 'c-3', kind: 'interim-notice', channel: 'sms', status: 'pending' }]);
  });

  it('a NoticeDelivered marks it sent', async () => {
    const delivered = acknowledged.noticeDelivered('acknowledgement', 'email', { at: '2026-03-09T10:31:00+09:00' });
    await spec.given(acknowledged).when(delivered).then('notices', [{ notice_id: ackByEmail, status: 'sent', attempts: 1, updated_at: '2026-03-09T10:31:00+09:00' }]);
  });

  it('a failed try leaves it pending until its retry time; the final failure marks it failed', async () => {
    const failedOnce = acknowledged.noticeFailed('acknowledgement', 'email', { attempt: 1, error: 'mailbox full', final: false, retryAt: '2026-03-09T11:00:00+09:00' });
    await spec.given(acknowledged).when(failedOnce).then('notices', [
      { notice_id: ackByEmail, status: 'pending', attempts: 1, last_error: 'mailbox full', next_attempt_at: '2026-03-09T11:00:00+09:00' },
    ]);
    const failedFinally = failedOnce.noticeFailed('acknowledgement', 'email', { attempt: 2, error: 'mailbox full', final: true });
    await spec.given(acknowledged).when(failedOnce).when(failedFinally).then('notices', [{ notice_id: ackByEmail, status: 'failed', attempts: 2 }]);
  });

  it('a redelivered batch creates no second row and counts no try twice', async () => {
    await spec.given(received).when(acknowledged).deliveredTwice().then('notices', [{ notice_id: ackByEmail, status: 'pending', attempts: 0 }]);
    const delivered = acknowledged.noticeDelivered('acknowledgement', 'email');
    await spec.given(acknowledged).when(delivered).deliveredTwice().then('notices', [{ notice_id: ackByEmail, status: 'sent', attempts: 1 }]);
    const failed = acknowledged.noticeFailed('acknowledgement', 'email', { attempt: 1, error: 'timeout', final: false, retryAt: '2026-03-09T11:00:00+09:00' });
    await spec.given(acknowledged).when(failed).deliveredTwice().then('notices', [{ notice_id: ackByEmail, status: 'pending', attempts: 1 }]);
  });

  it('a rebuild gives back what was already sent: a notice and its delivery in one batch end sent', async () => {
    await spec.given(acknowledged.noticeDelivered('acknowledgement', 'email')).then('notices', [{ notice_id: ackByEmail, status: 'sent', attempts: 1 }]);
  });

  it('a case handled by the book owes the acknowledgement, the decision and, once resolved, the survey invitation on every consented channel', async () => {
    const closed = handledByTheBook('c-1');
    await spec.given(closed).then('notices', [
      { kind: 'acknowledgement', channel: 'email' },
      { kind: 'decision', channel: 'email' },
      { kind: 'satisfaction-survey', channel: 'email' },
      { kind: 'satisfaction-survey', channel: 'sms' },
    ], { orderBy: 'created_at, channel' });
    expect(closed.noticeId('satisfaction-survey', 'sms')).not.toBe(closed.noticeId('satisfaction-survey', 'email'));
  });

  it('the same rows whether the history comes in one batch or one event per batch', async () => {
    const history = handledByTheBook('c-1').noticeDelivered('acknowledgement', 'email').noticeFailed('decision', 'email', { attempt: 1, error: 'timeout', final: false, retryAt: '2026-03-10T10:00:00+09:00' });
    const oneBatch = await spec.given(history).then((tables) => tables.snapshot());
    expect(await spec.given(history).inBatchesOf(1).then((tables) => tables.snapshot())).toEqual(oneBatch);
  });
});
