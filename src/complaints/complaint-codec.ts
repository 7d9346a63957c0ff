import type { ComplaintEvent } from '../../domain/complaint/events.js';
import type { EventMetadata, NewEvent, StoredEvent } from '../event-store/event-store.js';
import { ERASED, type PersonalDataVault, type SealedPersonalData } from '../personal-data/vault.js';
import { toNewEvent } from './complaint-stream.js';

type Data = Record<string, unknown>;

/**
 * Between the domain's events and the stored ones: what the complainant told us about themselves
 * (name, contacts, language) and the free text they wrote (description, remedy sought, amendments,
 * survey comment) is stored sealed with their own data key; everything else stays in the clear, so
 * read models, statistics and the hash chain never need (or hold) personal data. Decoding opens the
 * seal, or shows `[erased]` once the complainant's key was destroyed.
 */
export class ComplaintCodec {
  constructor(private readonly vault: PersonalDataVault) {}

  /** `complainantKey`: the case's, for events after the receipt (read it with `complainantKeyOf`). */
  async encode(events: ComplaintEvent[], metadata: Omit<EventMetadata, 'occurredAt'>, complainantKey?: string): Promise<NewEvent[]> {
    const encoded: NewEvent[] = [];
    for (const event of events) {
      const stored = toNewEvent(event, metadata);
      if (event.type === 'ComplaintReceived') {
        const { complainant, description, remedySought, ...rest } = event.data;
        complainantKey = this.vault.complainantKeyOf(complainant);
        const personal = await this.vault.seal(complainantKey, { complainant, description, remedySought });
        stored.data = { ...rest, complainantKey, personal };
      } else if (event.type === 'ComplaintAmended' || event.type === 'SatisfactionRecorded') {
        const { reason, scores, ...free } = event.data as Data;
        if (Object.keys(free).length > 0) {
          if (!complainantKey) throw new Error(`${event.type} needs the case's complainant key`);
          const clear = event.type === 'ComplaintAmended' ? { reason, changed: Object.keys(free) } : { scores };
          stored.data = { ...clear, personal: await this.vault.seal(complainantKey, free) };
        }
      }
      encoded.push(stored);
    }
    return encoded;
  }

  /** The domain's events, personal data opened (or `[erased]`). */
  async decode(stored: StoredEvent[]): Promise<ComplaintEvent[]> {
    return Promise.all(
      stored.map(async (event) => {
        const { personal, changed, ...clear } = event.data as Data & { personal?: SealedPersonalData; changed?: string[] };
        let data: Data = clear;
        if (personal) {
          const opened = await this.vault.open(personal);
          data = { ...clear, ...(opened === ERASED ? erasedFields(event.type, changed) : (opened as Data)) };
        }
        return { type: event.type, data, occurredAt: event.metadata.occurredAt } as ComplaintEvent;
      }),
    );
  }
}

/** The case's complainant key, from its stored receipt. */
export function complainantKeyOf(stored: StoredEvent[]): string | undefined {
  const key = stored.find((e) => e.type === 'ComplaintReceived')?.data.complainantKey;
  return typeof key === 'string' ? key : undefined;
}

function erasedFields(type: string, changed: string[] = []): Data {
  if (type === 'ComplaintReceived') return { complainant: { name: ERASED }, description: ERASED };
  if (type === 'SatisfactionRecorded') return { comment: ERASED };
  return Object.fromEntries(changed.map((field) => [field, ERASED]));
}
