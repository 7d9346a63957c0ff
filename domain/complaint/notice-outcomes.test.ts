import { describe, expect, it } from '@jest/globals';
import { given } from '../../test/support/complaint-scenario.js';
import { assigned, at, closed, communicated, decided, investigated, receiveCommand, received } from '../../test/support/complaint-fixtures.js';
import { allowedCommands, complaintOf, evolve, initialState, lifecycleState, replay } from './decider.js';
import { InvalidCommand } from '../errors.js';
import type { ComplaintEvent, Complainant } from './events.js';

const delivered = (noticeId = 'n-1', minutes = 300): ComplaintEvent => ({
  type: 'NoticeDelivered',
  data: { noticeId, kind: 'acknowledgement', channel: 'email' },
  occurredAt: at(minutes),
});
const failed = (attempt: number, final = false, noticeId = 'n-1'): ComplaintEvent => ({
  type: 'NoticeFailed',
  data: { noticeId, kind: 'acknowledgement', channel: 'email', attempt, error: 'ECONNECTION: connection refused', final, ...(final ? {} : { retryAt: at(400) }) },
  occurredAt: at(200 + attempt),
});

const histories: [string, ComplaintEvent[]][] = [
  ['received', received],
  ['assigned', [...received, ...assigned]],
  ['investigated', [...received, ...assigned, ...investigated]],
  ['decided', [...received, ...assigned, ...investigated, ...decided, ...communicated]],
  ['closed', [...received, ...assigned, ...investigated, ...decided, ...communicated, ...closed]],
];

describe('what became of a notice', () => {
  it.each(histories)('is recorded in state %s without moving the case or changing the commands allowed', (state, history) => {
    const before = replay(history);
    const after = replay([...history, failed(1), delivered()]);
    expect(lifecycleState(after)).toBe(state);
    expect(allowedCommands(after)).toEqual(allowedCommands(before));
  });

  it('cannot come before the complaint was received: such a history is inconsistent', () => {
    expect(() => evolve(initialState(), delivered())).toThrow(/history is inconsistent: NoticeDelivered cannot follow state new/);
  });

  it('the case keeps the latest outcome of each notice and how many tries it took', () => {
    const complaint = complaintOf(replay([...received, failed(1), failed(2), delivered('n-1'), failed(1, false, 'n-2'), failed(2, true, 'n-2')]));
    expect(complaint?.notices).toEqual([
      { noticeId: 'n-1', kind: 'acknowledgement', channel: 'email', status: 'delivered', attempts: 3, at: at(300) },
      { noticeId: 'n-2', kind: 'acknowledgement', channel: 'email', status: 'failed', attempts: 2, at: at(202), error: 'ECONNECTION: connection refused' },
    ]);
  });
});

describe('the language of the notices', () => {
  const withComplainant = (complainant: Complainant) => receiveCommand({ complainant, consent: { sms: false, email: true, phone: false } });

  it('is kept with the complainant when given', () => {
    const [event] = given().when(withComplainant({ name: 'Jane Roe', email: 'jane@example.org', language: 'en' })).thenEvents();
    expect(event).toMatchObject({ data: { complainant: { language: 'en' } } });
  });

  it('is Korean unless given, and nothing is stored for it', () => {
    const [event] = given().when(receiveCommand()).thenEvents();
    expect(event?.type === 'ComplaintReceived' && 'language' in event.data.complainant).toBe(false);
  });

  it('is one of Korean and English', () => {
    given()
      .when(withComplainant({ name: 'Jane Roe', email: 'jane@example.org', language: 'fr' as never }))
      .thenRejects(InvalidCommand, /complainant.language: must be one of ko, en/);
  });
});
