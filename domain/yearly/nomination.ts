/**
 * "모범적 사전예방 및 불만처리 사례에 대한 특별포상(또는 보상 및 인정)" (004 seed ch. 5 §4 4) 가): an exemplary
 * case of prevention or handling is nominated for a reward, with who nominated it (the event's actor)
 * and why; the complaints office decides on it once ("공사의 상벌규정 … 에 따라 준용": the reward itself is
 * the organisation's rules', recorded as text). Each nomination is a stream of its own.
 */
import type { Actor, Role } from '../access.js';
import { InvalidCommand } from '../errors.js';

export const NOMINATION_KINDS = ['prevention', 'handling'] as const;
export type NominationKind = (typeof NOMINATION_KINDS)[number];

export const NOMINEE_KINDS = ['employee', 'unit'] as const;
export const NOMINATION_DECISIONS = ['awarded', 'not-awarded'] as const;
export type NominationDecision = (typeof NOMINATION_DECISIONS)[number];

/** Who nominates: the heads of departments and the complaints office. Who decides: the complaints office. */
export const NOMINATORS: readonly Role[] = ['department-head', 'complaints-office'];
export const NOMINATION_DECIDERS: readonly Role[] = ['complaints-office'];

/** Why this actor may not nominate for the department, or undefined: a department head nominates for their own department, the office for any. */
export function nominationRefusal(actor: Actor, department: string): string | undefined {
  if (actor.roles.includes('complaints-office') || actor.department === department) return undefined;
  return `a department head nominates for their own department (${actor.department ?? 'none'}), not ${department}`;
}

export const NOMINATION_STREAM_PREFIX = 'nomination-';
export const nominationStreamId = (id: string) => `${NOMINATION_STREAM_PREFIX}${id}`;

export interface Nominate {
  nominationId: string;
  year: number;
  kind: NominationKind;
  department: string;
  nominee: { kind: (typeof NOMINEE_KINDS)[number]; id: string };
  /** The complaints the case is about, if any (a prevention may have none). */
  complaints: string[];
  reason: string;
  now: string;
}

export interface NominationRecorded {
  type: 'NominationRecorded';
  data: Omit<Nominate, 'now'>;
  occurredAt: string;
}

export interface NominationDecided {
  type: 'NominationDecided';
  data: { decision: NominationDecision; reward?: string; note: string };
  occurredAt: string;
}

export type NominationEvent = NominationRecorded | NominationDecided;

export function nominate(command: Nominate, departments: readonly string[]): NominationRecorded {
  const { now, ...data } = command;
  if (!departments.includes(data.department)) throw new InvalidCommand('department', `unknown department ${data.department}; known: ${departments.join(', ')}`);
  if (data.reason.trim() === '') throw new InvalidCommand('reason', 'must not be empty');
  if (Number(now.slice(0, 4)) < data.year) throw new InvalidCommand('year', `must not be after the current year`);
  return { type: 'NominationRecorded', data, occurredAt: now };
}

/** The decision, once: `decided` says whether the nomination's stream already holds one. A reward is named if and only if awarded. */
export function decideNomination(
  { decision, reward, note, now }: { decision: NominationDecision; reward?: string; note: string; now: string },
  history: readonly NominationEvent[],
): NominationDecided {
  if (!history.some((e) => e.type === 'NominationRecorded')) throw new NominationMissing();
  if (history.some((e) => e.type === 'NominationDecided')) throw new NominationAlreadyDecided();
  if (decision === 'awarded' && (reward === undefined || reward.trim() === '')) throw new InvalidCommand('reward', 'is required when awarded: what the reward is');
  if (decision === 'not-awarded' && reward !== undefined) throw new InvalidCommand('reward', 'only an award names a reward');
  return { type: 'NominationDecided', data: reward === undefined ? { decision, note } : { decision, reward, note }, occurredAt: now };
}

export class NominationMissing extends Error {
  override readonly name = 'NominationMissing';
}

export class NominationAlreadyDecided extends Error {
  override readonly name = 'NominationAlreadyDecided';
}
