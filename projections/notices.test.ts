import { describe, expect, it } from '@jest/globals';
import type { ComplaintEvent, Consent } from '../domain/complaint/events.js';
import { noticeHistoryOf, noticeIdOf, noticeOutcomeCommandId, noticesCalledFor, retryDelay } from './notices.js';

const both: Consent = { sms: true, email: true, phone: false };
const smsOnly: Consent = { sms: true, email: false, phone: false };
const none: Consent = { sms: false, email: false, phone: false };
const now = '2026-03-09T10:00:00+09:00';

const acknowledged = (channel: 'sms' | 'email' | 'post'): ComplaintEvent => ({ type: 'ComplaintAcknowledged', data: { channel }, occurredAt: now });
const interim: ComplaintEvent = { type: 'InterimNoticeSent', data: { progress: 'Site visit done', delayReason: 'Lab test' }, occurredAt: now };
const communicated = (channel: 'sms' | 'email' | 'phone'): ComplaintEvent => ({ type: 'DecisionCommunicated', data: { channel, basis: 'Act art. 17', appeal: 'Within 90 days' }, occurredAt: now });
const closedAs = (reason: 'resolved' | 'complainant-unreachable'): ComplaintEvent => ({ type: 'ComplaintClosed', data: { reason }, occurredAt: now });

describe('the notices the history calls for', () => {
  it('the acknowledgement goes on the channel it names', () => {
    expect(noticesCalledFor(acknowledged('email'), both)).toEqual([{ kind: 'acknowledgement', channel: 'email' }]);
    expect(noticesCalledFor(acknowledged('sms'), both)).toEqual([{ kind: 'acknowledgement', channel: 'sms' }]);
  });

  it('a notice by post, phone or in person is for staff to give, not for the sender', () => {
    expect(noticesCalledFor(acknowledged('post'), both)).toEqual([]);
    expect(noticesCalledFor(communicated('phone'), both)).toEqual([]);
  });

  it('an interim notice and the survey invitation go on every channel the complainant consented to', () => {
    expect(noticesCalledFor(interim, both)).toEqual([{ kind: 'interim-notice', channel: 'email' }, { kind: 'interim-notice', channel: 'sms' }]);
    expect(noticesCalledFor(closedAs('resolved'), smsOnly)).toEqual([{ kind: 'satisfaction-survey', channel: 'sms' }]);
  });

  it('no notice goes on a channel without consent', () => {
    expect(noticesCalledFor(acknowledged('email'), smsOnly)).toEqual([]);
    expect(noticesCalledFor(communicated('email'), smsOnly)).toEqual([]);
    expect(noticesCalledFor(interim, none)).toEqual([]);
  });

  it('the decision goes with the channel staff communicated it on', () => {
    expect(noticesCalledFor(communicated('sms'), both)).toEqual([{ kind: 'decision', channel: 'sms' }]);
  });

  it('a request for information addressed to the complainant goes on every consented channel (they answer on the portal); one to a department calls for none', () => {
    const asked = (addressee?: 'complainant'): ComplaintEvent => ({
      type: 'InformationRequested', data: { requestId: 'r1', department: 'inspection', request: 'The meter number, please', dueAt: now, ...(addressee ? { addressee } : {}) }, occurredAt: now,
    });
    expect(noticesCalledFor(asked('complainant'), both)).toEqual([{ kind: 'information-request', channel: 'email' }, { kind: 'information-request', channel: 'sms' }]);
    expect(noticesCalledFor(asked('complainant'), none)).toEqual([]);
    expect(noticesCalledFor(asked(), both)).toEqual([]);
  });

  it('an exclusion at the initial assessment goes on every consented channel: it is the case\'s result, and staff name no channel for it', () => {
    const excluded: ComplaintEvent = { type: 'ComplaintRejectedAtAssessment', data: { exclusion: 'private-law', note: 'Tenancy dispute' }, occurredAt: now };
    expect(noticesCalledFor(excluded, both)).toEqual([{ kind: 'exclusion', channel: 'email' }, { kind: 'exclusion', channel: 'sms' }]);
    expect(noticesCalledFor(excluded, none)).toEqual([]);
  });

  it('a reopening goes on every consented channel: the complainant is told the case is looked at again, never why (staff\'s reason)', () => {
    const reopened: ComplaintEvent = { type: 'ComplaintReopened', data: { kind: 're-investigation', reason: 'The inspector missed the second meter' }, occurredAt: now };
    expect(noticesCalledFor(reopened, smsOnly)).toEqual([{ kind: 'reopening', channel: 'sms' }]);
  });

  it('only a resolved case is surveyed', () => {
    expect(noticesCalledFor(closedAs('complainant-unreachable'), both)).toEqual([]);
  });
});

describe('a notice id', () => {
  it('is the same for the same event and channel, and differs between channels and events', () => {
    const id = noticeIdOf('event-1', 'email');
    expect(noticeIdOf('event-1', 'email')).toBe(id);
    expect(noticeIdOf('event-1', 'sms')).not.toBe(id);
    expect(noticeIdOf('event-2', 'email')).not.toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('each try of a notice records its outcome under a command id of its own', () => {
    expect(noticeOutcomeCommandId('n', 1)).toBe(noticeOutcomeCommandId('n', 1));
    expect(noticeOutcomeCommandId('n', 2)).not.toBe(noticeOutcomeCommandId('n', 1));
  });
});

describe('retrying a failed notice', () => {
  const policy = { firstDelayMs: 1_000, maxDelayMs: 5_000, maxAttempts: 5 };

  it('waits twice as long after each failure, up to the longest wait', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelay(attempt, policy))).toEqual([1_000, 2_000, 4_000, 5_000]);
  });

  it('stops after the last allowed try', () => {
    expect(retryDelay(5, policy)).toBeUndefined();
    expect(retryDelay(1, { ...policy, maxAttempts: 1 })).toBeUndefined();
  });
});

describe('what the stream says of a notice', () => {
  it('counts its failed tries and sees its delivery, ignoring other notices', () => {
    const events: ComplaintEvent[] = [
      { type: 'NoticeFailed', data: { noticeId: 'a', kind: 'decision', channel: 'sms', attempt: 1, error: 'x', final: false }, occurredAt: now },
      { type: 'NoticeFailed', data: { noticeId: 'b', kind: 'decision', channel: 'sms', attempt: 3, error: 'x', final: true }, occurredAt: now },
      { type: 'NoticeDelivered', data: { noticeId: 'a', kind: 'decision', channel: 'sms' }, occurredAt: now },
    ];
    expect(noticeHistoryOf(events, 'a')).toEqual({ delivered: true, failedFinally: false, failures: 1 });
    expect(noticeHistoryOf(events, 'b')).toEqual({ delivered: false, failedFinally: true, failures: 3 });
    expect(noticeHistoryOf(events, 'c')).toEqual({ delivered: false, failedFinally: false, failures: 0 });
  });
});
