/**
 * Which cases each complainant (by pseudonymous key) has, by which identity keys the complainant was
 * recognised, and when each case was closed: the cases erasure lists for a person's keys (the vault
 * links the keys), and the retention rule whose personal data may be erased. The case is closed while the lifecycle
 * machine says so (`stateAfter`); a reopening opens it again.
 */
import type { ComplaintEvent } from '../domain/complaint/events.js';
import { stateAfter, type LifecycleState } from '../domain/complaint/lifecycle.js';

export interface ComplainantCase {
  complainantKey: string;
  /** Keyed hashes of the complainant's phone and e-mail (the first is the complainant key): two keys sharing one are the same person. */
  identityKeys: string[];
  state: LifecycleState;
  /** When it was closed; null while open. */
  closedAt: string | null;
}

export function evolveComplainantCase(kept: ComplainantCase | undefined, event: ComplaintEvent): ComplainantCase | undefined {
  if (event.type === 'ComplaintReceived') {
    const key = event.data.complainantKey;
    return kept ?? (key === undefined ? undefined : { complainantKey: key, identityKeys: event.data.identityKeys ?? [key], state: stateAfter('new', event), closedAt: null });
  }
  if (!kept) return kept;
  const state = stateAfter(kept.state, event);
  return state === kept.state ? kept : { ...kept, state, closedAt: state === 'closed' ? event.occurredAt : null };
}
