/**
 * The notices the complainant is owed, read off the history: the acknowledgement, each interim
 * notice, each request to supplement the complaint, each request for information addressed to the complainant, the decision (its
 * result, basis and how to appeal), an exclusion at the initial assessment (the ground: the result of a case not
 * handled as a complaint), a reopening (the case is looked at again) and, after a resolved closing, the
 * invitation to the satisfaction survey. Each goes out only on a channel the complainant consented
 * to. Pure: the notices projection turns these into outbox rows, the notice sender delivers them.
 */
import { v5 as uuidV5 } from 'uuid';
import type { NoticeChannel } from '../domain/catalog.js';
import type { ComplaintEvent, Consent, ElectronicChannel, NoticeKind } from '../domain/complaint/events.js';

export interface NoticeCall {
  kind: NoticeKind;
  channel: ElectronicChannel;
}

const ELECTRONIC: readonly ElectronicChannel[] = ['email', 'sms'];

const isElectronic = (channel: NoticeChannel): channel is ElectronicChannel => (ELECTRONIC as readonly string[]).includes(channel);

/** What the notice sender needs to know of the consent: the channels it delivers on. */
export type ElectronicConsent = Pick<Consent, ElectronicChannel>;

/**
 * The notices an event calls for. The acknowledgement, an interim notice and the decision go on the
 * channel staff chose (post, phone, in person and the homepage are theirs to deliver); the survey
 * invitation, a request for information addressed to the complainant (answered on the portal), an exclusion
 * at the initial assessment and a reopening (staff name no channel for either), and
 * interim notices recorded before they named a channel, on every channel the complainant consented to.
 */
export function noticesCalledFor(event: ComplaintEvent, consent: ElectronicConsent): NoticeCall[] {
  const on = (kind: NoticeKind, channels: readonly NoticeChannel[]): NoticeCall[] =>
    channels.filter(isElectronic).filter((channel) => consent[channel]).map((channel) => ({ kind, channel }));
  switch (event.type) {
    case 'ComplaintAcknowledged':
      return on('acknowledgement', [event.data.channel]);
    case 'InterimNoticeSent':
      return on('interim-notice', event.data.channel ? [event.data.channel] : ELECTRONIC);
    case 'DecisionCommunicated':
      return on('decision', [event.data.channel]);
    case 'ComplaintRejectedAtAssessment':
      return on('exclusion', ELECTRONIC);
    case 'ComplaintReopened':
      return on('reopening', ELECTRONIC);
    case 'SupplementRequested':
      return on('supplement-request', [event.data.channel]);
    case 'InformationRequested':
      return event.data.addressee === 'complainant' ? on('information-request', ELECTRONIC) : [];
    case 'ComplaintClosed':
      return event.data.reason === 'resolved' ? on('satisfaction-survey', ELECTRONIC) : [];
    default:
      return [];
  }
}

/** A notice an event called for, as the outbox keeps it. */
export interface CalledNotice extends NoticeCall {
  noticeId: string;
  sourceEventId: string;
  /** When the event that called for it was recorded: the notice is due from then. */
  at: string;
}

export type NoticeOutcomeEvent = Extract<ComplaintEvent, { type: 'NoticeDelivered' | 'NoticeFailed' }>;

/** What the outbox learns of a case from a batch of its events: its consent, and the notices called for and their outcomes. */
export interface NoticeCase {
  consent: ElectronicConsent | undefined;
  called: CalledNotice[];
  outcomes: { event: NoticeOutcomeEvent; at: string }[];
}

/** Folds an event (with its id and recording time) into what the outbox learns of its case. */
export function evolveNoticeCase(state: NoticeCase | undefined, { event, eventId, recordedAt }: { event: ComplaintEvent; eventId: string; recordedAt: string }): NoticeCase | undefined {
  const known = state ?? { consent: undefined, called: [], outcomes: [] };
  if (event.type === 'ComplaintReceived' || event.type === 'ConsentChanged') {
    return { ...known, consent: { sms: event.data.consent.sms === true, email: event.data.consent.email === true } };
  }
  if (event.type === 'NoticeDelivered' || event.type === 'NoticeFailed') return { ...known, outcomes: [...known.outcomes, { event, at: recordedAt }] };
  const calls = known.consent ? noticesCalledFor(event, known.consent) : [];
  if (calls.length === 0) return state;
  return { ...known, called: [...known.called, ...calls.map((call) => ({ ...call, noticeId: noticeIdOf(eventId, call.channel), sourceEventId: eventId, at: recordedAt }))] };
}

const NOTICE_NAMESPACE = 'a6f1c3de-4b0e-5c8a-9d2f-7e3b1a9c0d42';

/** The same event and channel always name the same notice: a replay or a rebuild creates no second one. */
export function noticeIdOf(sourceEventId: string, channel: ElectronicChannel): string {
  return uuidV5(`${sourceEventId}/${channel}`, NOTICE_NAMESPACE);
}

/** The command id a notice's outcome is appended with: a retried append of the same try writes nothing. */
export function noticeOutcomeCommandId(noticeId: string, attempt: number): string {
  return uuidV5(`${noticeId}/attempt-${attempt}`, NOTICE_NAMESPACE);
}

export interface RetryPolicy {
  /** The wait after the first failed try; each further failure doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Tries in all, the first included; the last failure is final. */
  maxAttempts: number;
}

/** Exponential backoff: the wait after the `attempt`-th failure, or undefined when that failure was the last try. */
export function retryDelay(attempt: number, policy: RetryPolicy): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  return Math.min(policy.firstDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
}

/** What became of a notice so far, according to its stream. */
export interface NoticeHistory {
  delivered: boolean;
  failedFinally: boolean;
  /** Failed tries recorded. */
  failures: number;
}

export function noticeHistoryOf(events: Iterable<ComplaintEvent>, noticeId: string): NoticeHistory {
  const history: NoticeHistory = { delivered: false, failedFinally: false, failures: 0 };
  for (const event of events) {
    if (event.type === 'NoticeDelivered' && event.data.noticeId === noticeId) history.delivered = true;
    if (event.type === 'NoticeFailed' && event.data.noticeId === noticeId) {
      history.failures = Math.max(history.failures, event.data.attempt);
      if (event.data.final) history.failedFinally = true;
    }
  }
  return history;
}
