import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { changeSchema, type SqlClient } from '../sql/index.js';

const CODE_LIFETIME_MS = 10 * 60_000;
/**
 * A reference's limits: the codes sent (each one an e-mail to the complainant) within a window that
 * starts with its first code, and the tries of each code. The tries belong to the code: a new code
 * starts with its own, so wrong tries by anyone never make the complainant's next code useless (they
 * did, for the rest of the hour, while new codes were still mailed). At most `codes` × `tries` guesses
 * an hour at a million codes. A right code ends the window.
 */
export const CODE_LIMITS = { windowMs: 60 * 60_000, codes: 3, tries: 5 } as const;

const hashOf = (reference: string, code: string): Buffer => createHash('sha256').update(`${reference}\u0000${code}`).digest();
/** Compared against when no code is stored, so a reference without one costs the same as a wrong code. */
const NO_CODE = hashOf('', '');

/**
 * One-time codes that open a case by its reference: six digits sent to the contact on record, kept as
 * a hash for ten minutes. A reference has at most one code: a new one replaces it. Within an hour a
 * reference gets at most three codes, each with five tries ({@link CODE_LIMITS}), so neither the
 * complainant's mailbox nor the case can be worn down through the reference, which is easily guessed.
 */
export class AccessCodes {
  private constructor(
    private readonly sql: SqlClient,
    private readonly s: string,
  ) {}

  static async open(sql: SqlClient, s: string): Promise<AccessCodes> {
    await changeSchema(sql, s, async (tx) => {
      await tx.query(`CREATE TABLE IF NOT EXISTS ${s}.portal_codes (reference text PRIMARY KEY, code_hash bytea NOT NULL, expires_at timestamptz NOT NULL, attempts integer NOT NULL)`);
      // The window of the limits (a store from before them: every row's window is over).
      await tx.query(`ALTER TABLE ${s}.portal_codes ADD COLUMN IF NOT EXISTS window_started_at timestamptz NOT NULL DEFAULT 'epoch'`);
      await tx.query(`ALTER TABLE ${s}.portal_codes ADD COLUMN IF NOT EXISTS codes_in_window integer NOT NULL DEFAULT 0`);
    });
    return new AccessCodes(sql, s);
  }

  /**
   * A new code for the reference, with its own tries (the previous one stops working); undefined when
   * the reference had its codes of the window.
   */
  async issue(reference: string, now: Date): Promise<string | undefined> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const windowOver = new Date(now.getTime() - CODE_LIMITS.windowMs).toISOString();
    const rows = await this.sql.query(
      `INSERT INTO ${this.s}.portal_codes AS c (reference, code_hash, expires_at, attempts, window_started_at, codes_in_window) VALUES ($1, $2, $3, 0, $4, 1)
       ON CONFLICT (reference) DO UPDATE SET
         code_hash = excluded.code_hash,
         expires_at = excluded.expires_at,
         attempts = 0,
         codes_in_window = CASE WHEN c.window_started_at <= $5 THEN 1 ELSE c.codes_in_window + 1 END,
         window_started_at = CASE WHEN c.window_started_at <= $5 THEN excluded.window_started_at ELSE c.window_started_at END
       WHERE c.window_started_at <= $5 OR c.codes_in_window < $6
       RETURNING reference`,
      [reference, hashOf(reference, code), new Date(now.getTime() + CODE_LIFETIME_MS).toISOString(), now.toISOString(), windowOver, CODE_LIMITS.codes],
    );
    return rows.length > 0 ? code : undefined;
  }

  /** Whether the code is the reference's, unexpired and within its tries; a right code is spent. The same work whether or not a code exists. */
  async redeem(reference: string, code: string, now: Date): Promise<boolean> {
    const [row] = await this.sql.query<{ code_hash: Buffer | Uint8Array }>(
      `UPDATE ${this.s}.portal_codes SET attempts = attempts + 1 WHERE reference = $1 AND expires_at > $2 AND attempts < $3 RETURNING code_hash`,
      [reference, now.toISOString(), CODE_LIMITS.tries],
    );
    const stored = row ? Buffer.from(row.code_hash) : NO_CODE;
    const matches = timingSafeEqual(stored, hashOf(reference, code)) && row !== undefined;
    if (matches) await this.sql.query(`DELETE FROM ${this.s}.portal_codes WHERE reference = $1`, [reference]);
    return matches;
  }
}
