import type { NotIdentifying } from '../../domain/complainant-identity.js';
import { isComplaintEventType, PERSONAL_DATA, type Complainant, type ComplaintEvent } from '../../domain/complaint/events.js';
import { ERASED, markerFor } from '../../domain/complaint/redaction.js';
import type { EventMetadata, NewEvent, StoredEvent } from '../event-store/index.js';
import { toNewEvent } from './upcasting.js';

type Data = Record<string, unknown>;

/** A batch's data keys as the vault read them (`PersonalDataSealer.prepareKeys`), by complainant key. */
export type PreparedKeys = ReadonlyMap<string, unknown>;

export { ERASED };

/** What the codec needs of the personal-data vault (src/personal-data): keys for a person, and sealing. */
export interface PersonalDataSealer {
  /** Keyed hashes of the complainant's identifiers (none of what `notIdentifying` names); the first is their complainant key. */
  identityKeysOf(complainant: Complainant, notIdentifying?: NotIdentifying): string[];
  /**
   * `identityKeys`: a receipt's, which the vault records as the complainant key's links to the same
   * person's other keys. `prepared`: keys `prepareKeys` read for the batch, sealed with as they are.
   */
  seal(complainantKey: string, value: unknown, identityKeys?: readonly string[], prepared?: PreparedKeys): Promise<object>;
  /** The current data keys of a batch of receipts' complainants, created where they lack one, their links recorded: sealing the batch then asks the vault's database nothing (imports). */
  prepareKeys(receipts: readonly { complainantKey: string; identityKeys: readonly string[] }[]): Promise<PreparedKeys>;
  /** The value sealed, or undefined once the complainant's data key was destroyed. */
  open(sealed: object): Promise<unknown>;
  /** How long data opened here may be used again without opening it anew, though another process erased it meanwhile (0: never). */
  readonly keyMaxAgeMs: number;
  /** How many erasures this process began: data opened before a change must be opened again. */
  readonly erasures: number;
}

/**
 * Between the domain's events and the stored ones: the fields each event type lists as personal data
 * (domain/complaint/events.ts `PERSONAL_DATA`) are stored sealed with the complainant's own data key,
 * under `personal`, with their names under `sealed`; everything else stays in the clear, so read
 * models, statistics and the hash chain never need (or hold) personal data. Opening shows the sealed
 * fields again, or `[erased]` once the complainant's key was destroyed.
 */
export class ComplaintCodec {
  constructor(private readonly vault: PersonalDataSealer) {}

  /** See `PersonalDataSealer.keyMaxAgeMs`. */
  get openedDataMaxAgeMs(): number {
    return this.vault.keyMaxAgeMs;
  }

  /** See `PersonalDataSealer.erasures`. */
  get erasures(): number {
    return this.vault.erasures;
  }

  /**
   * The events as they are to be stored, and as they will read back (the receipt gains the
   * complainant's keys). `complainantKey`: the case's, for events after the receipt. For an import's
   * batch: `notIdentifying`, what it wrote that is no real contact data (placeholders), which must
   * link no two complainants, and `keys`, the batch's data keys (`prepareKeys`).
   */
  async encode(
    events: ComplaintEvent[],
    metadata: Omit<EventMetadata, 'occurredAt'>,
    complainantKey?: string,
    { notIdentifying, keys }: { notIdentifying?: NotIdentifying; keys?: PreparedKeys } = {},
  ): Promise<{ stored: NewEvent[]; recorded: ComplaintEvent[] }> {
    const stored: NewEvent[] = [];
    const recorded: ComplaintEvent[] = [];
    for (const event of events) {
      let readBack = event;
      let identityKeys: string[] | undefined;
      if (event.type === 'ComplaintReceived') {
        ({ identityKeys, complainantKey } = this.keysOf(event, notIdentifying));
        readBack = { ...event, data: { ...event.data, complainantKey, identityKeys } };
      }
      const record = toNewEvent(readBack, metadata);
      const { clear, personal } = split(readBack);
      if (personal) {
        if (!complainantKey) throw new Error(`${event.type} needs the case's complainant key`);
        record.data = { ...clear, sealed: Object.keys(personal), personal: await this.vault.seal(complainantKey, personal, identityKeys, keys) };
      }
      stored.push(record);
      recorded.push(readBack);
    }
    return { stored, recorded };
  }

  /** The data keys of the receipts' complainants, read (or created) in one go: see `PersonalDataSealer.prepareKeys`; give them to `encode`. */
  async prepareKeys(receipts: readonly ComplaintEvent[], notIdentifying?: NotIdentifying): Promise<PreparedKeys> {
    return this.vault.prepareKeys(receipts.flatMap((event) => (event.type === 'ComplaintReceived' ? [this.keysOf(event, notIdentifying)] : [])));
  }

  private keysOf(receipt: Extract<ComplaintEvent, { type: 'ComplaintReceived' }>, notIdentifying?: NotIdentifying): { identityKeys: string[]; complainantKey: string } {
    const identityKeys = this.vault.identityKeysOf(receipt.data.complainant, notIdentifying);
    // A complainant known by nothing has a data key of their case's own.
    return { identityKeys, complainantKey: identityKeys[0] ?? this.vault.identityKeysOf({ name: `case ${receipt.data.complaintId}` })[0]! };
  }

  /**
   * The stored events with their personal data opened (or `[erased]`): read them as the domain's
   * facts with `toDomainEvent`. Hashes stay those of the stored, sealed form.
   */
  async open(stored: readonly StoredEvent[]): Promise<StoredEvent[]> {
    let erasure = false;
    const opened = await Promise.all(
      stored.map(async (event) => {
        const { personal, sealed, changed, ...clear } = event.data as Data & { personal?: object; sealed?: string[]; changed?: string[] };
        if (!personal) return event;
        const opened = await this.vault.open(personal);
        const fields = sealed ?? changed ?? SEALED_BEFORE_THEY_WERE_LISTED[event.type] ?? [];
        if (opened === undefined) erasure = true;
        return { ...event, data: { ...clear, ...(opened === undefined ? erased(fields) : (opened as Data)) } };
      }),
    );
    if (!erasure) return opened;
    // Personal fields stored in the clear, before their type sealed them (an information received
    // before December 2026), go with the rest of the complainant's data.
    return opened.map((event, i) => {
      if (stored[i]!.data.personal !== undefined || !isComplaintEventType(event.type)) return event;
      const fields = (PERSONAL_DATA[event.type] as readonly string[]).filter((field) => event.data[field] !== undefined);
      return fields.length === 0 ? event : { ...event, data: { ...event.data, ...erased(fields) } };
    });
  }
}

/** The event's personal fields (those it has), apart from the rest; none when it has none. */
function split(event: ComplaintEvent): { clear: Data; personal?: Data } {
  const data = event.data as unknown as Data;
  const fields = (PERSONAL_DATA[event.type] as readonly string[]).filter((field) => data[field] !== undefined);
  if (fields.length === 0) return { clear: data };
  const clear = { ...data };
  for (const field of fields) delete clear[field];
  return { clear, personal: Object.fromEntries(fields.map((field) => [field, data[field]])) };
}

/**
 * Events stored before each listed its sealed fields (an amendment listed them as `changed`): a
 * receipt always sealed the complainant and the description, a survey its comment.
 */
const SEALED_BEFORE_THEY_WERE_LISTED: Readonly<Record<string, readonly string[]>> = {
  ComplaintReceived: ['complainant', 'description'],
  SatisfactionRecorded: ['comment'],
};

/** Each field keeps its shape (the complainant an object with a name), so a view of an erased case keeps its shape. */
function erased(fields: readonly string[]): Data {
  return Object.fromEntries(fields.map((field) => [field, markerFor(field, ERASED)]));
}

/** The case's complainant key, from its stored receipt. */
export function complainantKeyOf(stored: StoredEvent[]): string | undefined {
  const key = stored.find((e) => e.type === 'ComplaintReceived')?.data.complainantKey;
  return typeof key === 'string' ? key : undefined;
}
