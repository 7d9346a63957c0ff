import { randomUUID } from 'node:crypto';
import type { ComplaintCommand } from '../../domain/complaint/commands.js';
import { decide, evolve, initialState } from '../../domain/complaint/decider.js';
import { complaintStreamId, type ComplaintEvent } from '../../domain/complaint/events.js';
import { toNewEvent } from '../../src/complaints/complaint-stream.js';
import type { EventStore } from '../../src/event-store/event-store.js';

/** A Seoul local time ("2026-07-07T10:00") as an instant. */
export const kst = (local: string): string => new Date(`${local}:00+09:00`).toISOString();

type Command = Omit<ComplaintCommand, 'now'>;
type Step = [local: string, command: Command];

export const receive = (complaintId: string, overrides: Record<string, unknown> = {}): Command =>
  ({
    type: 'receive',
    data: {
      complaintId, channel: 'web', route: { kind: 'internal' }, category: 'defective-facility', description: 'The gas meter leaks.',
      complainant: { name: '김민수', phone: '010-1234-5678' }, consent: { sms: true, email: false }, ...overrides,
    },
  }) as Command;

const command = (type: ComplaintCommand['type'], data: object): Command => ({ type, data }) as Command;

export const step = {
  assign: command('assign', {}),
  findings: command('record-findings', { summary: 'Seal worn', subjects: [] }),
  decide: (outcome: 'upheld' | 'partly-upheld' | 'not-upheld', compensation?: number) =>
    command('decide', { outcome, basis: 'Gas Safety Act art. 17', ...(compensation ? { compensation: { amount: compensation, currency: 'KRW' } } : {}) }),
  communicate: command('communicate-decision', { channel: 'phone', basis: 'Gas Safety Act art. 17', appeal: 'Within 90 days to the ministry' }),
  close: command('close', {}),
  notice: command('send-interim-notice', { progress: 'Site visit done', delayReason: 'Lab test pending' }),
  pause: command('pause-clock', { reason: 'inspection' }),
  resume: command('resume-clock', {}),
  withdraw: command('withdraw', { reason: 'Settled by phone' }),
  reject: command('assess', { exclusion: 'private-law', note: 'A private contract matter' }),
  reopen: command('reopen', { kind: 're-investigation', reason: 'Badly handled' }),
  survey: ([easeOfFiling, interimNotice, proactiveness, courtesy, processingTime, overall]: number[]) =>
    command('record-satisfaction', { scores: { easeOfFiling, interimNotice, proactiveness, courtesy, processingTime, overall } }),
};

/**
 * Decides a history step by step at chosen business times (so it is one the machine allows) and
 * appends it to the store, as an import would: the API stamps "now", reports need the past. With
 * `between`, each step is appended on its own and `between` awaited after it (e.g. the projections
 * catching up, so the read model meets the case in several batches).
 */
export async function appendHistory(store: EventStore, complaintId: string, steps: Step[], between?: () => Promise<void>): Promise<ComplaintEvent[]> {
  let state = initialState();
  const events: ComplaintEvent[] = [];
  const append = async (batch: ComplaintEvent[], revision: number) => {
    const commandId = randomUUID();
    const metadata = { actorId: 'u-import', actorRole: 'complaints-office', commandId, correlationId: commandId, causationId: commandId };
    await store.append(complaintStreamId(complaintId), batch.map((e) => toNewEvent(e, metadata)), { expectedRevision: revision < 0 ? 'no-stream' : revision });
  };
  for (const [local, command] of steps) {
    const decided = decide({ ...command, now: kst(local) } as ComplaintCommand, state);
    for (const event of decided) state = evolve(state, event);
    if (between) {
      await append(decided, events.length - 1);
      await between();
    }
    events.push(...decided);
  }
  if (!between) await append(events, -1);
  return events;
}
