import { Inject, Injectable, type PipeTransform } from '@nestjs/common';
import { parseReference } from '../../domain/complaint/reference.js';
import { EVENT_STORE, type EventStore } from '../event-store/index.js';
import { BadRequest, checkedId, isId, NotFound, type FieldError } from '../http/index.js';
import { complaintIdOf, complaintStreamId } from './stream.js';

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

/**
 * `@Param('id', CaseIdPipe)`: a case path's `{id}`, given as the case's id or its reference, as the
 * case's id; 404 for a reference no case has, 400 for anything else that is not an id.
 */
@Injectable()
export class CaseIdPipe implements PipeTransform<string, Promise<string>> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  transform(text: string): Promise<string> {
    return knownComplaintId(this.store, text);
  }
}

/** `complaintIdFor`, with a reference no case has a 404. */
async function knownComplaintId(store: EventStore, text: string): Promise<string> {
  const id = await complaintIdFor(store, text);
  if (id === undefined) throw new NotFound(`complaint ${text} not found`);
  return id;
}

/**
 * `@Query(ComplaintFilterPipe)`: a list's query whose `complaint` filter may be the case's reference, as
 * the case routes take it: the reference becomes the case's id (404 for a reference no case has).
 * Anything else is left to the list's own checks.
 */
@Injectable()
export class ComplaintFilterPipe implements PipeTransform<Record<string, unknown>, Promise<Record<string, unknown>>> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async transform(query: Record<string, unknown>): Promise<Record<string, unknown>> {
    const text = query.complaint;
    if (typeof text !== 'string' || parseReference(text) === undefined) return query;
    return { ...query, complaint: await knownComplaintId(this.store, text) };
  }
}

/**
 * The complaints a record names (an improvement request's, a nomination's `complaints`), each by its id or
 * its reference, as the cases' ids, in order; else a 400 naming each `complaints[i]` that is neither or
 * that no case has.
 */
export async function complaintIdsFor(store: EventStore, texts: readonly string[]): Promise<string[]> {
  const ids: string[] = [];
  const errors: FieldError[] = [];
  for (const [i, text] of texts.entries()) {
    const field = `complaints[${i}]`;
    if (parseReference(text) === undefined && !isId(text)) {
      errors.push({ field, rule: 'must be a complaint id or its reference (2026-000123)' });
      continue;
    }
    const id = await complaintIdFor(store, text);
    const [first] = id === undefined ? [] : await store.readStream(complaintStreamId(id), { toRevision: 0 });
    if (id === undefined || !first) errors.push({ field, rule: `no complaint ${text}` });
    else ids.push(id);
  }
  if (errors.length > 0) throw new BadRequest(errors);
  return ids;
}
