import type { ComplaintCommand } from '../../domain/complaint/commands.js';
import { decide, initialState } from '../../domain/complaint/decider.js';
import type { ComplaintEvent } from '../../domain/complaint/events.js';

/** Ready-made histories for tests, one step of the lifecycle each (the decider test checks they are what it produces). */
export const T0 = '2026-03-09T10:00:00+09:00';

export const at = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export const receiveCommand = (overrides: Partial<Extract<ComplaintCommand, { type: 'receive' }>['data']> = {}): ComplaintCommand => ({
  type: 'receive',
  now: T0,
  data: {
    complaintId: 'c-1',
    channel: 'web',
    route: { kind: 'internal' },
    category: 'defective-facility',
    description: 'The gas meter at the community centre leaks.',
    complainant: { name: '김민수', phone: '010-1234-5678', email: 'minsu@example.kr' },
    consent: { sms: true, email: true, phone: false },
    subjects: [{ id: 'emp-7', kind: 'employee' }],
    ...overrides,
  },
});

/** The receipt as the decider records `receiveCommand()`. */
export const received: ComplaintEvent[] = decide(receiveCommand(), initialState());

export const assigned: ComplaintEvent[] = [
  { type: 'ComplaintAssigned', occurredAt: at(30), data: { department: 'inspection' } },
];

export const investigated: ComplaintEvent[] = [
  {
    type: 'FindingsRecorded',
    occurredAt: at(60),
    data: { summary: 'Valve seal worn', rootCause: 'Missed maintenance', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'procedure-error' }] },
  },
];

export const decided: ComplaintEvent[] = [
  { type: 'DecisionMade', occurredAt: at(90), data: { outcome: 'upheld', basis: 'Gas Safety Act art. 17' } },
];

export const communicated: ComplaintEvent[] = [
  { type: 'DecisionCommunicated', occurredAt: at(100), data: { channel: 'email', basis: 'Gas Safety Act art. 17', appeal: 'Appeal within 90 days to the ministry' } },
];

export const closed: ComplaintEvent[] = [{ type: 'ComplaintClosed', occurredAt: at(110), data: { reason: 'resolved' } }];
