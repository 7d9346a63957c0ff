/**
 * Which cases each complainant (by pseudonymous key) has, and when each was closed: what the
 * retention rule needs to know whose personal data may be erased. The case is closed while the
 * lifecycle machine says so (`stateAfter`); a reopening opens it again.
 */
import type { ComplaintEvent } from '../domain/complaint/events.js';
import { stateAfter, type LifecycleState } from '../domain/complaint/lifecycle.js';

export interface ComplainantCase {
  complainantKey: string;
  state: LifecycleState;
  /** When it was closed; null while open. */
  closedAt: string | null;
}

export function evolveComplainantCase(kept: ComplainantCase | undefined, event: ComplaintEvent): ComplainantCase | undefined {
  if (event.type === 'ComplaintReceived') {
    const key = event.data.complainantKey;
    return kept ?? (key === undefined ? undefined : { complainantKey: key, state: stateAfter('new', event), closedAt: null });
  }
  if (!kept) return kept;
  const state = stateAfter(kept.state, event);
  return state === kept.state ? kept : { ...kept, state, closedAt: state === 'closed' ? event.occurredAt : null };
}
