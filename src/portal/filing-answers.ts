import { changeSchema, type SqlClient } from '../sql/index.js';

/**
 * Whether the follow-up link of a filing sent with an Idempotency-Key was e-mailed: the part of its
 * answer that the case does not tell (its reference does, and the link's expiry follows from when it
 * was received), kept so the same request again gets that answer. Never the link, a secret of which
 * only the hash is stored. No personal data.
 */
export class FilingAnswers {
  private constructor(
    private readonly sql: SqlClient,
    private readonly s: string,
  ) {}

  static async open(sql: SqlClient, s: string): Promise<FilingAnswers> {
    await changeSchema(sql, s, (tx) => tx.query(`CREATE TABLE IF NOT EXISTS ${s}.portal_filing_answers (complaint_id text PRIMARY KEY, emailed boolean NOT NULL)`));
    return new FilingAnswers(sql, s);
  }

  async record(complaintId: string, emailed: boolean): Promise<void> {
    await this.sql.query(`INSERT INTO ${this.s}.portal_filing_answers (complaint_id, emailed) VALUES ($1, $2) ON CONFLICT (complaint_id) DO NOTHING`, [complaintId, emailed]);
  }

  /** Whether the filing's link was e-mailed; false while its first request has not yet answered (or never did). */
  async emailed(complaintId: string): Promise<boolean> {
    const [row] = await this.sql.query<{ emailed: boolean }>(`SELECT emailed FROM ${this.s}.portal_filing_answers WHERE complaint_id = $1`, [complaintId]);
    return row?.emailed ?? false;
  }
}
