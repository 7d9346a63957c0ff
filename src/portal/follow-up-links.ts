import { createHash, randomBytes } from 'node:crypto';
import { changeSchema, type SqlClient } from '../sql/index.js';

/** What a follow-up link's token is stored as: its SHA-256, never the token itself. */
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A token is 32 random bytes, base64url: 43 characters. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The secret follow-up links of the complaint portal: each names one case until it expires or is
 * revoked (on erasure, or when staff send the complainant a new one). Kept beside the read models, like the idempotency keys: not an event, since
 * a link is a credential, and only its hash is stored.
 */
export class FollowUpLinks {
  private constructor(
    private readonly sql: SqlClient,
    private readonly s: string,
  ) {}

  static async open(sql: SqlClient, s: string): Promise<FollowUpLinks> {
    await changeSchema(sql, s, (tx) =>
      tx.query(`CREATE TABLE IF NOT EXISTS ${s}.portal_links (
        token_hash text PRIMARY KEY, complaint_id text NOT NULL, created_at timestamptz NOT NULL, expires_at timestamptz NOT NULL)`),
    );
    await sql.query(`CREATE INDEX IF NOT EXISTS portal_links_case ON ${s}.portal_links (complaint_id)`);
    return new FollowUpLinks(sql, s);
  }

  /** A new link's token for the case, valid until `expiresAt`. */
  async issue(complaintId: string, now: Date, expiresAt: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.sql.query(`INSERT INTO ${this.s}.portal_links (token_hash, complaint_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`, [
      tokenHash(token), complaintId, now.toISOString(), expiresAt.toISOString(),
    ]);
    return token;
  }

  /** The case a token names now; undefined for a token unknown, expired or revoked. */
  async complaintOf(token: string, now: Date): Promise<string | undefined> {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const [row] = await this.sql.query<{ complaint_id: string }>(
      `SELECT complaint_id FROM ${this.s}.portal_links WHERE token_hash = $1 AND expires_at > $2`,
      [tokenHash(token), now.toISOString()],
    );
    return row?.complaint_id;
  }

  /** Every link of the case stops working. */
  async revoke(complaintId: string): Promise<void> {
    await this.sql.query(`DELETE FROM ${this.s}.portal_links WHERE complaint_id = $1`, [complaintId]);
  }

  /** Every link of the case but this token's stops working (a new link replaces the ones before it). */
  async revokeAllBut(complaintId: string, token: string): Promise<void> {
    await this.sql.query(`DELETE FROM ${this.s}.portal_links WHERE complaint_id = $1 AND token_hash <> $2`, [complaintId, tokenHash(token)]);
  }

  /** This token's link stops working. */
  async revokeToken(token: string): Promise<void> {
    await this.sql.query(`DELETE FROM ${this.s}.portal_links WHERE token_hash = $1`, [tokenHash(token)]);
  }
}
