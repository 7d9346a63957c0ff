import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { changeSchema, type SqlClient } from '../sql/index.js';

const CODE_LIFETIME_MS = 10 * 60_000;
/** Wrong codes a reference takes before its code stops working. */
const MAX_ATTEMPTS = 5;

const hashOf = (reference: string, code: string): Buffer => createHash('sha256').update(`${reference}\u0000${code}`).digest();
/** Compared against when no code is stored, so a reference without one costs the same as a wrong code. */
const NO_CODE = hashOf('', '');

/**
 * One-time codes that open a case by its reference: six digits sent to the contact on record, kept as
 * a hash for ten minutes and five tries. A reference has at most one code: a new one replaces it.
 */
export class AccessCodes {
  private constructor(
    private readonly sql: SqlClient,
    private readonly s: string,
  ) {}

  static async open(sql: SqlClient, s: string): Promise<AccessCodes> {
    await changeSchema(sql, s, (tx) =>
      tx.query(`CREATE TABLE IF NOT EXISTS ${s}.portal_codes (reference text PRIMARY KEY, code_hash bytea NOT NULL, expires_at timestamptz NOT NULL, attempts integer NOT NULL)`),
    );
    return new AccessCodes(sql, s);
  }

  /** A new code for the reference (the previous one stops working). */
  async issue(reference: string, now: Date): Promise<string> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.sql.query(
      `INSERT INTO ${this.s}.portal_codes (reference, code_hash, expires_at, attempts) VALUES ($1, $2, $3, 0)
       ON CONFLICT (reference) DO UPDATE SET code_hash = excluded.code_hash, expires_at = excluded.expires_at, attempts = 0`,
      [reference, hashOf(reference, code), new Date(now.getTime() + CODE_LIFETIME_MS).toISOString()],
    );
    return code;
  }

  /** Whether the code is the reference's, unexpired and within its tries; a right code is spent. The same work whether or not a code exists. */
  async redeem(reference: string, code: string, now: Date): Promise<boolean> {
    const [row] = await this.sql.query<{ code_hash: Buffer | Uint8Array }>(
      `UPDATE ${this.s}.portal_codes SET attempts = attempts + 1 WHERE reference = $1 AND expires_at > $2 AND attempts < $3 RETURNING code_hash`,
      [reference, now.toISOString(), MAX_ATTEMPTS],
    );
    const stored = row ? Buffer.from(row.code_hash) : NO_CODE;
    const matches = timingSafeEqual(stored, hashOf(reference, code)) && row !== undefined;
    if (matches) await this.sql.query(`DELETE FROM ${this.s}.portal_codes WHERE reference = $1`, [reference]);
    return matches;
  }
}
