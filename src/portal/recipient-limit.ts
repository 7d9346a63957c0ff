import { createHash } from 'node:crypto';
import { changeSchema, type SqlClient } from '../sql/index.js';

/** What the portal mails an address: a filing's follow-up link, or a one-time code. */
export type PortalMail = 'link' | 'code';

/**
 * Mails of each kind the portal sends one e-mail address within a window that starts with the first,
 * unless configured otherwise: a person files a complaint or two and asks for a code now and then.
 */
export const PORTAL_MAIL_LIMITS = { links: 3, codes: 5, windowMs: 3_600_000 } as const;

/** Who a count is for: the address's SHA-256 (lower-cased), never the address itself. */
const recipientHash = (address: string): Buffer => createHash('sha256').update(address.trim().toLowerCase()).digest();

/**
 * The portal's messages to each recipient (an e-mail address, or a phone number by its digits), by
 * kind, counted in the database: every API node shares the count. A filing names any address, and the
 * client's address limits (each node's, per client) do not stop filings from many clients naming one:
 * without this, each of them mailed it. Past the limit nothing more of the kind goes to the recipient
 * until its window is over; the filing is still received (receipt is never refused), and its answer
 * says the link was not sent. A count lives as long as its window: the rows of windows that are over
 * are deleted.
 */
export class RecipientLimit {
  private constructor(
    private readonly sql: SqlClient,
    private readonly s: string,
    private readonly limits: { links: number; codes: number; windowMs: number },
  ) {}

  /** Codes one address gets within the window. */
  get codes(): number {
    return this.limits.codes;
  }

  static async open(sql: SqlClient, s: string, limits: { links: number; codes: number; windowMs: number } = PORTAL_MAIL_LIMITS): Promise<RecipientLimit> {
    await changeSchema(sql, s, async (tx) => {
      await tx.query(`CREATE TABLE IF NOT EXISTS ${s}.portal_mail_counts (
        recipient_hash bytea NOT NULL, kind text NOT NULL, window_started_at timestamptz NOT NULL, sent integer NOT NULL, PRIMARY KEY (recipient_hash, kind))`);
      await tx.query(`CREATE INDEX IF NOT EXISTS portal_mail_counts_window ON ${s}.portal_mail_counts (window_started_at)`);
    });
    return new RecipientLimit(sql, s, limits);
  }

  /** Takes one mail of the kind to the address at `now`: false when the address had its mails of the kind in the window (nothing taken). */
  async take(address: string, kind: PortalMail, now: Date): Promise<boolean> {
    const windowOver = new Date(now.getTime() - this.limits.windowMs).toISOString();
    await this.sql.query(`DELETE FROM ${this.s}.portal_mail_counts WHERE window_started_at <= $1`, [windowOver]);
    const rows = await this.sql.query(
      `INSERT INTO ${this.s}.portal_mail_counts AS c (recipient_hash, kind, window_started_at, sent) VALUES ($1, $2, $3, 1)
       ON CONFLICT (recipient_hash, kind) DO UPDATE SET
         sent = CASE WHEN c.window_started_at <= $4 THEN 1 ELSE c.sent + 1 END,
         window_started_at = CASE WHEN c.window_started_at <= $4 THEN excluded.window_started_at ELSE c.window_started_at END
       WHERE c.window_started_at <= $4 OR c.sent < $5
       RETURNING sent`,
      [recipientHash(address), kind, now.toISOString(), windowOver, kind === 'link' ? this.limits.links : this.limits.codes],
    );
    return rows.length > 0;
  }

  /** Gives back one mail taken (it did not go out after all). */
  async giveBack(address: string, kind: PortalMail): Promise<void> {
    await this.sql.query(`UPDATE ${this.s}.portal_mail_counts SET sent = sent - 1 WHERE recipient_hash = $1 AND kind = $2 AND sent > 0`, [recipientHash(address), kind]);
  }
}
