import { parseReference } from '../../domain/complaint/reference.js';
import type { EventStore } from '../event-store/index.js';
import { checkedId } from '../http/index.js';
import { complaintIdOf } from './stream.js';

/**
 * The complaint a path names, by its id or its human reference (`2026-000123`); undefined for a
 * reference no case has. Anything else must be an id (400 otherwise).
 */
export async function complaintIdFor(store: EventStore, text: string): Promise<string | undefined> {
  const reference = parseReference(text);
  if (!reference) return checkedId(text);
  const streamId = await store.findNumbered?.(reference.counter, reference.number);
  return streamId === undefined ? undefined : complaintIdOf(streamId);
}
