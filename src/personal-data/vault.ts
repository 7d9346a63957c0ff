import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { complainantIdentifiers } from '../../domain/complainant-identity.js';
import type { Complainant } from '../../domain/complaint/events.js';
import type { SqlExecutor } from '../event-store/postgres/sql-client.js';
import { open, seal, type Sealed } from './cipher.js';

/** Personal data as stored in an event: sealed with the complainant's own data key. */
export interface SealedPersonalData extends Sealed {
  /** Names the data key (the complainant's pseudonymous key and a generation), never the person. */
  keyId: string;
}

/** What a read shows where the complainant's personal data was erased. */
export const ERASED = '[erased]';

type Identity = Complainant;

/**
 * Crypto-shredding. Each complainant's personal data is sealed (AES-256-GCM) with a data key of their
 * own; data keys are stored wrapped under the master key. Erasure destroys the wrapped key, so every
 * stored copy of the data stops decrypting, while no stored event byte changes (the hash chain holds).
 */
export class PersonalDataVault {
  private readonly wrappingKey: Buffer;
  private readonly pseudonymKey: Buffer;

  constructor(
    private readonly sql: SqlExecutor,
    private readonly s: string,
    masterKey: Buffer,
  ) {
    if (masterKey.length !== 32) throw new RangeError('the master key must be 32 bytes');
    this.wrappingKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'complaint-engine data-key wrapping', 32));
    this.pseudonymKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'complaint-engine complainant pseudonym', 32));
  }

  static async open(sql: SqlExecutor, s: string, masterKey: Buffer): Promise<PersonalDataVault> {
    await sql.query(`CREATE TABLE IF NOT EXISTS ${s}.personal_data_keys (
      key_id text PRIMARY KEY,
      complainant_key text NOT NULL,
      generation integer NOT NULL,
      wrapped_key jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      erased_at timestamptz,
      UNIQUE (complainant_key, generation),
      CHECK ((wrapped_key IS NULL) = (erased_at IS NOT NULL)))`);
    return new PersonalDataVault(sql, s, masterKey);
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

  /** The value sealed, or ERASED when its data key was destroyed. */
  async open(sealed: SealedPersonalData): Promise<unknown> {
    const [row] = await this.sql.query<{ wrapped_key: Sealed | string | null }>(
      `SELECT wrapped_key FROM ${this.s}.personal_data_keys WHERE key_id = $1`,
      [sealed.keyId],
    );
    if (!row?.wrapped_key) return ERASED;
    return JSON.parse(open(this.unwrap(sealed.keyId, row.wrapped_key), sealed, sealed.keyId).toString()) as unknown;
  }

  /** Destroys every data key of the complainant. Returns how many keys were destroyed (0: unknown or already erased). */
  async erase(complainantKey: string): Promise<number> {
    const rows = await this.sql.query(
      `UPDATE ${this.s}.personal_data_keys SET wrapped_key = NULL, erased_at = now()
       WHERE complainant_key = $1 AND erased_at IS NULL RETURNING 1`,
      [complainantKey],
    );
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
