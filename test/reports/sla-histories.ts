import type { INestApplication } from '@nestjs/common';
import type { ComplaintCommand } from '../../domain/complaint/commands.js';
import type { ComplaintEvent } from '../../domain/complaint/events.js';
import { recordHistory } from '../support/history.js';

/** A Seoul local time ("2026-07-07T10:00") as an instant. */
export const kst = (local: string): string => new Date(`${local}:00+09:00`).toISOString();

type Command = Omit<ComplaintCommand, 'now'>;
type Step = [local: string, command: Command];

export const receive = (complaintId: string, overrides: Record<string, unknown> = {}): Command =>
  ({
    type: 'receive',
    data: {
      complaintId, channel: 'web', route: { kind: 'internal' }, category: 'defective-facility', description: 'The gas meter leaks.',
      complainant: { name: '김민수', phone: '010-1234-5678' }, consent: { sms: true, email: false, phone: true }, ...overrides,
    },
  }) as Command;

export const command = (type: ComplaintCommand['type'], data: object): Command => ({ type, data }) as Command;

export const step = {
  assign: command('assign', {}),
  findings: command('record-findings', { summary: 'Seal worn', subjects: [] }),
  /** Findings of a handling error: a decision may then compensate it (004 seed, ch. 3 ⑤ 나). */
  findingsAtFault: command('record-findings', { summary: 'Seal worn', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'procedure-error' }] }),
  /** Above the policy's 10,000 KRW, as an exception the complaints office approves (the histories are recorded as the office). */
  decide: (outcome: 'upheld' | 'partly-upheld' | 'not-upheld', compensation?: number): Command => ({
    ...command('decide', {
      outcome, basis: 'Gas Safety Act art. 17',
      ...(compensation ? { compensation: { amount: compensation, currency: 'KRW', ...(compensation > 10_000 ? { exception: { reason: 'Second visit' } } : {}) } } : {}),
    }),
    by: { roles: ['complaints-office'] },
  }),
  communicate: command('communicate-decision', { channel: 'phone', basis: 'Gas Safety Act art. 17', appeal: 'Within 90 days to the ministry' }),
  close: command('close', {}),
  notice: command('send-interim-notice', { channel: 'sms', progress: 'Site visit done', delayReason: 'Lab test pending' }),
  pause: command('pause-clock', { reason: 'inspection' }),
  resume: command('resume-clock', {}),
  withdraw: command('withdraw', { reason: 'Settled by phone' }),
  reject: command('assess', { exclusion: 'private-law', note: 'A private contract matter' }),
  reopen: command('reopen', { kind: 're-investigation', reason: 'Badly handled' }),
  survey: ([easeOfFiling, interimNotice, proactiveness, courtesy, processingTime, overall]: number[]) =>
    command('record-satisfaction', { scores: { easeOfFiling, interimNotice, proactiveness, courtesy, processingTime, overall } }),
};

/** Records a history at chosen Seoul local times through the decider and the service's codec (see recordHistory). */
export async function appendHistory(app: INestApplication, complaintId: string, steps: Step[], between?: () => Promise<void>): Promise<ComplaintEvent[]> {
  return recordHistory(app, complaintId, steps.map(([local, command]) => ({ command: { ...command, now: kst(local) } as ComplaintCommand })), between);
}
