import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { complainantIdentifiers, type NotIdentifying } from '../../domain/complainant-identity.js';
import type { Complainant } from '../../domain/complaint/events.js';
import { changeSchema, type SqlClient, type SqlExecutor } from '../sql/index.js';
import { ExpiringCache } from '../cache/index.js';
import { KEY_DOES_NOT_OPEN, PersonalDataUnreadable } from '../complaint-stream/index.js';
import { open, seal, type Sealed } from './cipher.js';
import { MasterKeyMismatch } from './master-key.js';

/** Personal data as stored in an event: sealed with the complainant's own data key. */
export interface SealedPersonalData extends Sealed {
  /** Names the data key (the complainant's pseudonymous key and a generation), never the person. */
  keyId: string;
}

type Identity = Complainant;

/** A receipt's keys: its complainant key and the keyed hashes the complainant was recognised by. */
export interface ReceiptKeys {
  complainantKey: string;
  identityKeys: readonly string[];
}

/** A batch's current data keys by complainant key (`prepareKeys`), for sealing without a look-up each. */
export type SealingKeys = ReadonlyMap<string, { readonly keyId: string; readonly key: Buffer }>;

/** Unwrapped data keys kept for opening at most (the oldest go first). */
const MAX_OPEN_KEYS = 10_000;

/** Every table of the vault, in the schema of the read models: what a copy of the store must take along (scripts/store-migrate.ts). */
export const VAULT_TABLES = ['personal_data_keys', 'personal_data_links', 'personal_data_master_key'] as const;

/** The vault's tables, created if missing: by the vault, and by a copy that writes them without opening any key. */
export async function createVaultTables(sql: SqlClient, s: string): Promise<void> {
  await changeSchema(sql, s, (tx) => tx.query(`CREATE TABLE IF NOT EXISTS ${s}.personal_data_keys (
    key_id text PRIMARY KEY,
    complainant_key text NOT NULL,
    generation integer NOT NULL,
    wrapped_key jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    erased_at timestamptz,
    UNIQUE (complainant_key, generation),
    CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL)))`));
  // Which identity keys each complainant key was given at receipt: two complainant keys sharing one
  // are the same person. Kept after an erasure: they are keyed hashes, the same the stored receipts
  // carry in the clear (deleting them here would erase nothing), and they let a later erasure of the
  // same person still find the keys erased before.
  await changeSchema(sql, s, async (tx) => {
    await tx.query(`CREATE TABLE IF NOT EXISTS ${s}.personal_data_links (
      complainant_key text NOT NULL, identity_key text NOT NULL, PRIMARY KEY (complainant_key, identity_key))`);
    await tx.query(`CREATE INDEX IF NOT EXISTS personal_data_links_identity_key ON ${s}.personal_data_links (identity_key)`);
  });
  // A check value of the master key the store was first started with (one row): a node with another
  // key is refused, also before any data key exists. A keyed hash: it tells nothing of the key.
  await changeSchema(sql, s, (tx) => tx.query(`CREATE TABLE IF NOT EXISTS ${s}.personal_data_master_key (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    check_value text NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now())`));
}

/** The check value of a master key the store records (`personal_data_master_key`). */
export const masterKeyCheckValue = (masterKey: Buffer): string =>
  createHmac('sha256', Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'complaint-engine master-key check', 32))).update('complaint-engine').digest('base64url');

/** Data keys tried at start-up, the newest and the oldest as many: if none opens, the master key is not the store's. */
const KEYS_TRIED = 8;

/**
 * Crypto-shredding. Each complainant's personal data is sealed (AES-256-GCM) with a data key of their
 * own; data keys are stored wrapped under the master key. Erasure destroys the wrapped key, so every
 * stored copy of the data stops decrypting, while no stored event byte changes (the hash chain holds).
 */
export class PersonalDataVault {
  private readonly wrappingKey: Buffer;
  private readonly pseudonymKey: Buffer;
  /** Unwrapped data keys by key id, for opening only, each kept `keyMaxAgeMs` from its lookup. */
  private readonly openKeys = new ExpiringCache<string, Buffer>(MAX_OPEN_KEYS);
  readonly keyMaxAgeMs: number;
  private begunErasures = 0;

  /**
   * `keyMaxAgeMs` (default 5 s): how long a data key looked up to open data is reused without asking
   * the database again. Every command and case view opens the receipt, so this saves a round trip on
   * each; the price is that a process which opened a complainant's data just before another process
   * erased it can still open it for that long (an erasure in this process applies at once). Sealing
   * always reads the current key: new data must never go out under a key already destroyed.
   */
  constructor(
    private readonly sql: SqlExecutor,
    private readonly s: string,
    private readonly masterKey: Buffer,
    { keyMaxAgeMs = 5_000 }: { keyMaxAgeMs?: number } = {},
  ) {
    this.keyMaxAgeMs = keyMaxAgeMs;
    if (masterKey.length !== 32) throw new RangeError('the master key must be 32 bytes');
    this.wrappingKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'complaint-engine data-key wrapping', 32));
    this.pseudonymKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'complaint-engine complainant pseudonym', 32));
  }

  /** The vault, its tables created if missing. Check the master key with `assertMasterKeyOpens` before use. */
  static async open(sql: SqlClient, s: string, masterKey: Buffer, options?: { keyMaxAgeMs?: number }): Promise<PersonalDataVault> {
    await createVaultTables(sql, s);
    return new PersonalDataVault(sql, s, masterKey, options);
  }

  /**
   * Refuses (`MasterKeyMismatch`) a master key that opens none of the store's data keys tried (the
   * newest and the oldest few): another installation's key, or one generated after a restore without
   * the store's own. Working on would show every complainant's data unreadable and seal new data
   * under a second master key. Then the store's check value: the first key to pass here is recorded,
   * and another is refused, also in a store without data keys yet (two nodes with two keys on a new
   * store) or one where it opens some (a store already split between two keys).
   */
  async assertMasterKeyOpens(): Promise<void> {
    const tried = await this.sql.query<{ key_id: string; wrapped_key: Sealed | string }>(
      `(SELECT key_id, wrapped_key FROM ${this.s}.personal_data_keys WHERE wrapped_key IS NOT NULL ORDER BY created_at DESC, key_id LIMIT ${KEYS_TRIED})
       UNION
       (SELECT key_id, wrapped_key FROM ${this.s}.personal_data_keys WHERE wrapped_key IS NOT NULL ORDER BY created_at, key_id LIMIT ${KEYS_TRIED})`,
    );
    if (tried.length > 0 && !tried.some((row) => this.unwrap(row.key_id, row.wrapped_key))) throw await MasterKeyMismatch.of(this.masterKey, tried.length);
    const mine = masterKeyCheckValue(this.masterKey);
    await this.sql.query(`INSERT INTO ${this.s}.personal_data_master_key (check_value) VALUES ($1) ON CONFLICT DO NOTHING`, [mine]);
    // A statement of its own: it sees the row another node's start committed first.
    const [recorded] = await this.sql.query<{ check_value: string }>(`SELECT check_value FROM ${this.s}.personal_data_master_key`);
    if (recorded?.check_value !== mine) throw await MasterKeyMismatch.recorded(this.masterKey);
  }

  /**
   * Keyed hashes of the complainant's identifiers (phone, e-mail; name and address only without
   * either): the same person gets the same keys, and without the master key nobody can test a guess.
   */
  identityKeysOf(identity: Identity, notIdentifying?: NotIdentifying): string[] {
    return complainantIdentifiers(identity, notIdentifying).map((id) => createHmac('sha256', this.pseudonymKey).update(id).digest('base64url').slice(0, 32));
  }

  /** The complainant's key, naming their data key: the first identity key (by phone, else e-mail, else name). */
  complainantKeyOf(identity: Identity): string {
    return this.identityKeysOf(identity)[0]!;
  }

  /**
   * Seals with the complainant's current data key (a new one after an erasure: new data, new key).
   * `identityKeys` (a receipt's): recorded as the complainant key's links in the statement that reads
   * the key, so they are stored before the receipt is. `prepared`: keys `prepareKeys` read for this
   * batch, used without asking the database again (their links are recorded already).
   */
  async seal(complainantKey: string, value: unknown, identityKeys: readonly string[] = [], prepared?: SealingKeys): Promise<SealedPersonalData> {
    const { keyId, key } = prepared?.get(complainantKey) ?? (await this.currentKey(complainantKey, identityKeys));
    return { keyId, ...seal(key, Buffer.from(JSON.stringify(value)), keyId) };
  }

  /**
   * The current data keys of a batch of receipts' complainants, creating those they lack (none yet,
   * or erased) and recording the receipts' links, in two statements for the whole batch: `seal` then
   * asks the database nothing. For imports, where every case brings a new complainant and a round
   * trip per key would cost more than the rest of the case. Read like `seal`'s key, at the batch's
   * start: an erasure after it is an erasure after the sealing.
   */
  async prepareKeys(receipts: readonly ReceiptKeys[]): Promise<SealingKeys> {
    const wanted = [...new Set(receipts.map((r) => r.complainantKey))];
    const latest = await this.sql.query<{ complainant_key: string; key_id: string; generation: number; wrapped_key: Sealed | string | null }>(
      `SELECT DISTINCT ON (complainant_key) complainant_key, key_id, generation, wrapped_key FROM ${this.s}.personal_data_keys
       WHERE complainant_key = ANY($1::text[]) ORDER BY complainant_key, generation DESC`,
      [wanted],
    );
    const keys = new Map<string, { keyId: string; key: Buffer }>();
    const known = new Map(latest.map((row) => [row.complainant_key, row]));
    for (const row of latest) if (row.wrapped_key) keys.set(row.complainant_key, { keyId: row.key_id, key: this.unwrapToSeal(row.key_id, row.wrapped_key) });
    const missing = wanted
      .filter((complainantKey) => !keys.has(complainantKey))
      .map((complainantKey) => {
        const generation = (known.get(complainantKey)?.generation ?? 0) + 1;
        const keyId = `${complainantKey}.${generation}`;
        const key = randomBytes(32);
        return { keyId, complainantKey, generation, key, wrapped: JSON.stringify(seal(this.wrappingKey, key, keyId)) };
      });
    const links = receipts.flatMap(({ complainantKey, identityKeys }) => identityKeys.map((identityKey) => [complainantKey, identityKey] as const));
    const created = await this.sql.query<{ key_id: string }>(
      `WITH linked AS (
         INSERT INTO ${this.s}.personal_data_links (complainant_key, identity_key)
         SELECT DISTINCT c, i FROM unnest($5::text[], $6::text[]) AS l(c, i) ON CONFLICT DO NOTHING)
       INSERT INTO ${this.s}.personal_data_keys (key_id, complainant_key, generation, wrapped_key)
       SELECT k, c, g, w::jsonb FROM unnest($1::text[], $2::text[], $3::int[], $4::text[]) AS m(k, c, g, w) ON CONFLICT DO NOTHING
       RETURNING key_id`,
      [missing.map((m) => m.keyId), missing.map((m) => m.complainantKey), missing.map((m) => m.generation), missing.map((m) => m.wrapped), links.map(([c]) => c), links.map(([, i]) => i)],
    );
    // A key a concurrent writer created first is theirs, not ours: `seal` reads it.
    const stored = new Set(created.map((row) => row.key_id));
    for (const m of missing) if (stored.has(m.keyId)) keys.set(m.complainantKey, { keyId: m.keyId, key: m.key });
    return keys;
  }

  /**
   * The value sealed; undefined when its data key was destroyed (erased); `KEY_DOES_NOT_OPEN` when the
   * data key is there but this master key does not open it (a restore without the store's master key).
   */
  async open(sealed: SealedPersonalData): Promise<unknown> {
    const key = await this.keyToOpen(sealed.keyId);
    if (key === KEY_DOES_NOT_OPEN || key === undefined) return key;
    return JSON.parse(open(key, sealed, sealed.keyId).toString()) as unknown;
  }

  private async keyToOpen(keyId: string): Promise<Buffer | typeof KEY_DOES_NOT_OPEN | undefined> {
    const now = Date.now();
    const cached = this.openKeys.get(keyId, now);
    if (cached) return cached;
    const erasures = this.begunErasures;
    const [row] = await this.sql.query<{ wrapped_key: Sealed | string | null }>(`SELECT wrapped_key FROM ${this.s}.personal_data_keys WHERE key_id = $1`, [keyId]);
    if (!row?.wrapped_key) return undefined;
    const key = this.unwrap(keyId, row.wrapped_key);
    if (!key) return KEY_DOES_NOT_OPEN;
    // Not when an erasure here began meanwhile: the key read may be the one it destroys.
    if (this.keyMaxAgeMs > 0 && erasures === this.begunErasures) this.openKeys.set(keyId, key, now + this.keyMaxAgeMs);
    return key;
  }

  /** How many erasures this process began: a change tells whoever holds data opened before to open it again. */
  get erasures(): number {
    return this.begunErasures;
  }

  /** Whether the complainant key ever had a data key (erased or not). */
  async knows(complainantKey: string): Promise<boolean> {
    const rows = await this.sql.query(`SELECT 1 FROM ${this.s}.personal_data_keys WHERE complainant_key = $1 LIMIT 1`, [complainantKey]);
    return rows.length > 0;
  }

  /**
   * Every complainant key of the person behind `complainantKey`, the key itself first: the keys that
   * share an identity key (phone, e-mail) with one of theirs, followed transitively (a phone links two
   * keys, an e-mail of the second a third...). Presumed, not known: contacts are never verified, so an
   * erasure asked for erases a linked key only once the office confirms it (`PersonalDataErasure.erase`).
   */
  async keysOfPerson(complainantKey: string): Promise<string[]> {
    const rows = await this.sql.query<{ complainant_key: string }>(
      `WITH RECURSIVE person (identity_key) AS (
         SELECT $1::text
         UNION
         SELECT other.identity_key FROM person p
         JOIN ${this.s}.personal_data_links mine ON mine.identity_key = p.identity_key
         JOIN ${this.s}.personal_data_links other ON other.complainant_key = mine.complainant_key
       )
       SELECT DISTINCT l.complainant_key FROM ${this.s}.personal_data_links l JOIN person p USING (identity_key)
       ORDER BY 1`,
      [complainantKey],
    );
    return [complainantKey, ...rows.map((r) => r.complainant_key).filter((key) => key !== complainantKey)];
  }

  /** Whether some data key has no links: it was made before the vault kept them (see `fill-links.ts`). */
  async linksMissing(): Promise<boolean> {
    const rows = await this.sql.query(
      `SELECT 1 FROM ${this.s}.personal_data_keys k
       WHERE NOT EXISTS (SELECT 1 FROM ${this.s}.personal_data_links l WHERE l.complainant_key = k.complainant_key) LIMIT 1`,
    );
    return rows.length > 0;
  }

  /** Records receipts' links, as `seal` does: for receipts stored before the vault kept them (see `fill-links.ts`). */
  async recordLinks(receipts: readonly ReceiptKeys[]): Promise<void> {
    const pairs = receipts.flatMap(({ complainantKey, identityKeys }) =>
      [complainantKey, ...identityKeys].map((identityKey) => ({ complainant_key: complainantKey, identity_key: identityKey })));
    if (pairs.length === 0) return;
    await this.sql.query(
      `INSERT INTO ${this.s}.personal_data_links (complainant_key, identity_key)
       SELECT DISTINCT p.complainant_key, p.identity_key FROM json_to_recordset($1::json) AS p (complainant_key text, identity_key text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(pairs)],
    );
  }

  /** Links each key without links to itself (a key whose receipt was never stored): then `linksMissing` is false. */
  async linkUnlinkedKeysToThemselves(): Promise<void> {
    await this.sql.query(
      `INSERT INTO ${this.s}.personal_data_links (complainant_key, identity_key)
       SELECT DISTINCT complainant_key, complainant_key FROM ${this.s}.personal_data_keys ON CONFLICT DO NOTHING`,
    );
  }

  /** Destroys every data key of the complainant. Returns how many keys were destroyed (0: unknown or already erased). */
  async erase(complainantKey: string): Promise<number> {
    this.begunErasures++;
    const rows = await this.sql.query(
      `UPDATE ${this.s}.personal_data_keys SET wrapped_key = NULL, erased_at = now()
       WHERE complainant_key = $1 AND erased_at IS NULL RETURNING 1`,
      [complainantKey],
    );
    this.openKeys.deleteWhere((keyId) => keyId.startsWith(`${complainantKey}.`));
    return rows.length;
  }

  private async currentKey(complainantKey: string, identityKeys: readonly string[]): Promise<{ keyId: string; key: Buffer }> {
    // A complainant's first data key goes with the look-up, created if they have none: a new complainant's receipt then costs one statement.
    const firstKeyId = `${complainantKey}.1`;
    const firstKey = JSON.stringify(seal(this.wrappingKey, randomBytes(32), firstKeyId));
    for (;;) {
      const [row] = await this.sql.query<{ key_id: string; generation: number; wrapped_key: Sealed | string | null }>(
        `WITH linked AS (
           INSERT INTO ${this.s}.personal_data_links (complainant_key, identity_key) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING),
         latest AS (
           SELECT key_id, generation, wrapped_key FROM ${this.s}.personal_data_keys
           WHERE complainant_key = $1 ORDER BY generation DESC LIMIT 1),
         created AS (
           INSERT INTO ${this.s}.personal_data_keys (key_id, complainant_key, generation, wrapped_key)
           SELECT $3::text, $1::text, 1, $4::jsonb WHERE NOT EXISTS (SELECT 1 FROM latest) ON CONFLICT DO NOTHING
           RETURNING key_id, generation, wrapped_key)
         SELECT * FROM created UNION ALL SELECT * FROM latest`,
        [complainantKey, identityKeys, firstKeyId, firstKey],
      );
      // None: a concurrent writer created the first key meanwhile; the loop reads theirs.
      if (!row) continue;
      if (row.wrapped_key) return { keyId: row.key_id, key: this.unwrapToSeal(row.key_id, row.wrapped_key) };
      const generation = row.generation + 1;
      const keyId = `${complainantKey}.${generation}`;
      const wrapped = seal(this.wrappingKey, randomBytes(32), keyId);
      // A concurrent writer may create the same generation first: then the loop reads theirs.
      await this.sql.query(
        `INSERT INTO ${this.s}.personal_data_keys (key_id, complainant_key, generation, wrapped_key) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [keyId, complainantKey, generation, JSON.stringify(wrapped)],
      );
    }
  }

  /** The data key to seal new data with: one this master key does not open is refused (`PersonalDataUnreadable`), never replaced. */
  private unwrapToSeal(keyId: string, wrapped: Sealed | string): Buffer {
    const key = this.unwrap(keyId, wrapped);
    if (!key) throw new PersonalDataUnreadable("the complainant's personal data cannot be sealed");
    return key;
  }

  /** The data key, or undefined when this master key does not open it. */
  private unwrap(keyId: string, wrapped: Sealed | string): Buffer | undefined {
    try {
      return open(this.wrappingKey, typeof wrapped === 'string' ? (JSON.parse(wrapped) as Sealed) : wrapped, keyId);
    } catch {
      return undefined;
    }
  }
}
