import type { NotIdentifying } from '../../domain/complainant-identity.js';
import { isComplaintEventType, PERSONAL_DATA, type Complainant, type ComplaintEvent } from '../../domain/complaint/events.js';
import { ERASED, markerFor, UNREADABLE } from '../../domain/complaint/redaction.js';
import { ExpiringCache } from '../cache/index.js';
import type { EventMetadata, NewEvent, StoredEvent } from '../event-store/index.js';
import { ApplicationError } from '../http/index.js';
import { toNewEvent } from './upcasting.js';

type Data = Record<string, unknown>;

/** A batch's data keys as the vault read them (`PersonalDataSealer.prepareKeys`), by complainant key. */
export type PreparedKeys = ReadonlyMap<string, unknown>;

export { ERASED, UNREADABLE };

/**
 * What `PersonalDataSealer.open` gives for data whose data key is there but does not open with the
 * master key (a restore without the key the data was written with): shown as `UNREADABLE`.
 */
export const KEY_DOES_NOT_OPEN: unique symbol = Symbol('data key does not open with this master key');

/**
 * A complainant's data key does not open with the service's master key, so their personal data reads
 * `UNREADABLE` (409): nothing is decided on, or sealed for, data nobody here can read. Names the cause
 * and the fix, never a key.
 */
export class PersonalDataUnreadable extends ApplicationError {
  override readonly name = 'PersonalDataUnreadable';
  readonly status = 409;
  constructor(what: string) {
    super(
      `${what}: the complainant's data key does not open with the service's master key (MASTER_KEY, or DATA_DIR/master-key in development), ` +
        'so their personal data is unreadable and nothing is changed; restore the master key the data was written with',
    );
  }

  override details(): Record<string, unknown> {
    return { reason: 'personal-data-unreadable' };
  }
}

/** Complainant keys whose data was found unreadable, kept at most (the oldest go first). */
const MAX_UNREADABLE_KEYS = 10_000;

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
  /**
   * The value sealed, undefined once the complainant's data key was destroyed, or `KEY_DOES_NOT_OPEN`
   * when the key is there but the master key does not open it.
   */
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
 * fields again, `[erased]` once the complainant's key was destroyed, or `UNREADABLE` when the master
 * key does not open it; a case found so is refused every command (`PersonalDataUnreadable`).
 */
export class ComplaintCodec {
  constructor(private readonly vault: PersonalDataSealer) {}

  /** The complainant keys of cases opened here whose data key does not open, as of `vault.erasures` (an erasure here may have destroyed the key). */
  private readonly unreadable = new ExpiringCache<string, true>(MAX_UNREADABLE_KEYS);
  private unreadableAsOf = 0;

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
    if (complainantKey !== undefined && this.unreadableKeys().get(complainantKey)) throw new PersonalDataUnreadable('the case cannot be changed');
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
   * The stored events with their personal data opened (or `[erased]`, or `UNREADABLE`): read them as
   * the domain's facts with `toDomainEvent`. Hashes stay those of the stored, sealed form.
   */
  async open(stored: readonly StoredEvent[]): Promise<StoredEvent[]> {
    let erasure = false;
    let unreadable = false;
    const opened = await Promise.all(
      stored.map(async (event) => {
        const { personal, sealed, changed, ...clear } = event.data as Data & { personal?: object; sealed?: string[]; changed?: string[] };
        if (!personal) return event;
        const opened = await this.vault.open(personal);
        const fields = sealed ?? changed ?? SEALED_BEFORE_THEY_WERE_LISTED[event.type] ?? [];
        if (opened === undefined) erasure = true;
        if (opened === KEY_DOES_NOT_OPEN) unreadable = true;
        const shown = opened === undefined ? markers(fields, ERASED) : opened === KEY_DOES_NOT_OPEN ? markers(fields, UNREADABLE) : (opened as Data);
        return { ...event, data: { ...clear, ...shown } };
      }),
    );
    const complainantKey = complainantKeyOf(stored);
    if (unreadable && complainantKey !== undefined) this.unreadableKeys().set(complainantKey, true, Infinity);
    if (!erasure) return opened;
    // Personal fields stored in the clear, before their type sealed them (an information received
    // before December 2026), go with the rest of the complainant's data.
    return opened.map((event, i) => {
      if (stored[i]!.data.personal !== undefined || !isComplaintEventType(event.type)) return event;
      const fields = (PERSONAL_DATA[event.type] as readonly string[]).filter((field) => event.data[field] !== undefined);
      return fields.length === 0 ? event : { ...event, data: { ...event.data, ...markers(fields, ERASED) } };
    });
  }

  /** The complainant keys whose data was found unreadable here, forgotten once an erasure began here (it may have destroyed their key). */
  private unreadableKeys(): ExpiringCache<string, true> {
    if (this.unreadableAsOf !== this.vault.erasures) {
      this.unreadable.deleteWhere(() => true);
      this.unreadableAsOf = this.vault.erasures;
    }
    return this.unreadable;
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

/** Each field keeps its shape (the complainant an object with a name), so a view of an erased or unreadable case keeps its shape. */
function markers(fields: readonly string[], marker: string): Data {
  return Object.fromEntries(fields.map((field) => [field, markerFor(field, marker)]));
}

/** The case's complainant key, from its stored receipt. */
export function complainantKeyOf(stored: readonly StoredEvent[]): string | undefined {
  const key = stored.find((e) => e.type === 'ComplaintReceived')?.data.complainantKey;
  return typeof key === 'string' ? key : undefined;
}
