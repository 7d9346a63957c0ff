import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { complainantIdentifiers } from '../../domain/complainant-identity.js';
import type { Complainant } from '../../domain/complaint/events.js';
import { changeSchema, type SqlClient, type SqlExecutor } from '../sql/index.js';
import { ExpiringCache } from '../cache/index.js';
import { open, seal, type Sealed } from './cipher.js';

/** Personal data as stored in an event: sealed with the complainant's own data key. */
export interface SealedPersonalData extends Sealed {
  /** Names the data key (the complainant's pseudonymous key and a generation), never the person. */
  keyId: string;
}

type Identity = Complainant;

/** Unwrapped data keys kept for opening at most (the oldest go first). */
const MAX_OPEN_KEYS = 10_000;

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
  private readonly keyMaxAgeMs: number;
  private erasures = 0;

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
    masterKey: Buffer,
    { keyMaxAgeMs = 5_000 }: { keyMaxAgeMs?: number } = {},
  ) {
    this.keyMaxAgeMs = keyMaxAgeMs;
    if (masterKey.length !== 32) throw new RangeError('the master key must be 32 bytes');
    this.wrappingKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'complaint-engine data-key wrapping', 32));
    this.pseudonymKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'complaint-engine complainant pseudonym', 32));
  }

  static async open(sql: SqlClient, s: string, masterKey: Buffer, options?: { keyMaxAgeMs?: number }): Promise<PersonalDataVault> {
    await changeSchema(sql, s, (tx) => tx.query(`CREATE TABLE IF NOT EXISTS ${s}.personal_data_keys (
      key_id text PRIMARY KEY,
      complainant_key text NOT NULL,
      generation integer NOT NULL,
      wrapped_key jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      erased_at timestamptz,
      UNIQUE (complainant_key, generation),
      CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL)))`));
    return new PersonalDataVault(sql, s, masterKey, options);
  }

  /**
   * Keyed hashes of the complainant's identifiers (phone, e-mail; name and address only without
   * either): the same person gets the same keys, and without the master key nobody can test a guess.
   */
  identityKeysOf(identity: Identity): string[] {
    return complainantIdentifiers(identity).map((id) => createHmac('sha256', this.pseudonymKey).update(id).digest('base64url').slice(0, 32));
  }

  /** The complainant's key, naming their data key: the first identity key (by phone, else e-mail, else name). */
  complainantKeyOf(identity: Identity): string {
    return this.identityKeysOf(identity)[0]!;
  }

  /** Seals with the complainant's current data key (a new one after an erasure: new data, new key). */
  async seal(complainantKey: string, value: unknown): Promise<SealedPersonalData> {
    const { keyId, key } = await this.currentKey(complainantKey);
    return { keyId, ...seal(key, Buffer.from(JSON.stringify(value)), keyId) };
  }

  /** The value sealed, or undefined when its data key was destroyed (erased). */
  async open(sealed: SealedPersonalData): Promise<unknown> {
    const key = await this.keyToOpen(sealed.keyId);
    if (!key) return undefined;
    return JSON.parse(open(key, sealed, sealed.keyId).toString()) as unknown;
  }

  private async keyToOpen(keyId: string): Promise<Buffer | undefined> {
    const now = Date.now();
    const cached = this.openKeys.get(keyId, now);
    if (cached) return cached;
    const erasures = this.erasures;
    const [row] = await this.sql.query<{ wrapped_key: Sealed | string | null }>(`SELECT wrapped_key FROM ${this.s}.personal_data_keys WHERE key_id = $1`, [keyId]);
    if (!row?.wrapped_key) return undefined;
    const key = this.unwrap(keyId, row.wrapped_key);
    // Not when an erasure here began meanwhile: the key read may be the one it destroys.
    if (this.keyMaxAgeMs > 0 && erasures === this.erasures) this.openKeys.set(keyId, key, now + this.keyMaxAgeMs);
    return key;
  }

  /** Whether the complainant key ever had a data key (erased or not). */
  async knows(complainantKey: string): Promise<boolean> {
    const rows = await this.sql.query(`SELECT 1 FROM ${this.s}.personal_data_keys WHERE complainant_key = $1 LIMIT 1`, [complainantKey]);
    return rows.length > 0;
  }

  /** Destroys every data key of the complainant. Returns how many keys were destroyed (0: unknown or already erased). */
  async erase(complainantKey: string): Promise<number> {
    this.erasures++;
    const rows = await this.sql.query(
      `UPDATE ${this.s}.personal_data_keys SET wrapped_key = NULL, erased_at = now()
       WHERE complainant_key = $1 AND erased_at IS NULL RETURNING 1`,
      [complainantKey],
    );
    this.openKeys.deleteWhere((keyId) => keyId.startsWith(`${complainantKey}.`));
    return rows.length;
  }

  private async currentKey(complainantKey: string): Promise<{ keyId: string; key: Buffer }> {
    for (;;) {
      const [row] = await this.sql.query<{ key_id: string; generation: number; wrapped_key: Sealed | string | null }>(
        `SELECT key_id, generation, wrapped_key FROM ${this.s}.personal_data_keys
         WHERE complainant_key = $1 ORDER BY generation DESC LIMIT 1`,
        [complainantKey],
      );
      if (row?.wrapped_key) return { keyId: row.key_id, key: this.unwrap(row.key_id, row.wrapped_key) };
      const generation = (row?.generation ?? 0) + 1;
      const keyId = `${complainantKey}.${generation}`;
      const wrapped = seal(this.wrappingKey, randomBytes(32), keyId);
      // A concurrent writer may create the same generation first: then the loop reads theirs.
      await this.sql.query(
        `INSERT INTO ${this.s}.personal_data_keys (key_id, complainant_key, generation, wrapped_key) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [keyId, complainantKey, generation, JSON.stringify(wrapped)],
      );
    }
  }

  private unwrap(keyId: string, wrapped: Sealed | string): Buffer {
    return open(this.wrappingKey, typeof wrapped === 'string' ? (JSON.parse(wrapped) as Sealed) : wrapped, keyId);
  }
}
