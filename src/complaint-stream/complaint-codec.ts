import type { ComplaintEvent } from '../../domain/complaint/events.js';
import type { EventMetadata, NewEvent, StoredEvent } from '../event-store/event-store.js';
import type { Storage } from '../event-store/create-event-store.js';
import { ERASED, PersonalDataVault, type SealedPersonalData } from '../personal-data/vault.js';
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

  /**
   * The events as they are to be stored, and as they will read back (the receipt gains the
   * complainant's keys). `complainantKey`: the case's, for events after the receipt.
   */
  async encode(
    events: ComplaintEvent[],
    metadata: Omit<EventMetadata, 'occurredAt'>,
    complainantKey?: string,
  ): Promise<{ stored: NewEvent[]; recorded: ComplaintEvent[] }> {
    const stored: NewEvent[] = [];
    const recorded: ComplaintEvent[] = [];
    for (const event of events) {
      const record = toNewEvent(event, metadata);
      let readBack = event;
      if (event.type === 'ComplaintReceived') {
        const { complainant, description, remedySought, ...rest } = event.data;
        const identityKeys = this.vault.identityKeysOf(complainant);
        complainantKey = identityKeys[0]!;
        const personal = await this.vault.seal(complainantKey, { complainant, description, remedySought });
        record.data = { ...rest, complainantKey, identityKeys, personal };
        readBack = { ...event, data: { ...event.data, complainantKey, identityKeys } };
      } else if (event.type === 'ComplaintAmended' || event.type === 'SatisfactionRecorded') {
        const { reason, scores, ...free } = event.data as Data;
        if (Object.keys(free).length > 0) {
          if (!complainantKey) throw new Error(`${event.type} needs the case's complainant key`);
          const clear = event.type === 'ComplaintAmended' ? { reason, changed: Object.keys(free) } : { scores };
          record.data = { ...clear, personal: await this.vault.seal(complainantKey, free) };
        }
      }
      stored.push(record);
      recorded.push(readBack);
    }
    return { stored, recorded };
  }

  /**
   * The stored events with their personal data opened (or `[erased]`): read them as the domain's
   * facts with `toDomainEvent`. Hashes stay those of the stored, sealed form.
   */
  async open(stored: readonly StoredEvent[]): Promise<StoredEvent[]> {
    return Promise.all(
      stored.map(async (event) => {
        const { personal, changed, ...clear } = event.data as Data & { personal?: SealedPersonalData; changed?: string[] };
        if (!personal) return event;
        const opened = await this.vault.open(personal);
        return { ...event, data: { ...clear, ...(opened === ERASED ? erasedFields(event.type, changed) : (opened as Data)) } };
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

/** The vault (its key table created if missing) and the codec over it, in the store's database. */
export async function openCodec(storage: Storage, masterKey: Buffer): Promise<{ vault: PersonalDataVault; codec: ComplaintCodec }> {
  const vault = await PersonalDataVault.open(storage.sql, `"${storage.schema}"`, masterKey);
  return { vault, codec: new ComplaintCodec(vault) };
}
