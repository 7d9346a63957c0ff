import { changeSchema, type SqlClient } from '../sql/index.js';

/** What a filing sent again with its Idempotency-Key is answered from, beside the case itself. */
export interface FilingAnswer {
  /** Whether the first answer's link was e-mailed. */
  emailed: boolean;
  /** Whether it was texted instead. */
  texted: boolean;
  /** Whether staff have since sent the complainant a new link, replacing the filing's. */
  linksReplaced: boolean;
}

/**
 * Whether the follow-up link of a filing sent with an Idempotency-Key was e-mailed or texted: the part of its
 * answer that the case does not tell (its reference does, and the link's expiry follows from when it
 * was received), kept so the same request again gets that answer. Never the link, a secret of which
 * only the hash is stored. No personal data.
 *
 * Also whether staff replaced the filing's links: a new link is sent when the earlier ones may be in
 * other hands, and the key sent again must not mint one beside it.
 */
export class FilingAnswers {
  private constructor(
    private readonly sql: SqlClient,
    private readonly s: string,
  ) {}

  static async open(sql: SqlClient, s: string): Promise<FilingAnswers> {
    await changeSchema(sql, s, async (tx) => {
      await tx.query(`CREATE TABLE IF NOT EXISTS ${s}.portal_filing_answers (complaint_id text PRIMARY KEY, emailed boolean NOT NULL)`);
      await tx.query(`ALTER TABLE ${s}.portal_filing_answers ADD COLUMN IF NOT EXISTS links_replaced boolean NOT NULL DEFAULT false`);
      await tx.query(`ALTER TABLE ${s}.portal_filing_answers ADD COLUMN IF NOT EXISTS texted boolean NOT NULL DEFAULT false`);
    });
    return new FilingAnswers(sql, s);
  }

  async record(complaintId: string, { emailed, texted }: { emailed: boolean; texted: boolean }): Promise<void> {
    await this.sql.query(`INSERT INTO ${this.s}.portal_filing_answers (complaint_id, emailed, texted) VALUES ($1, $2, $3) ON CONFLICT (complaint_id) DO NOTHING`, [complaintId, emailed, texted]);
  }

  /** The filing's answer; not sent and not replaced while its first request has not yet answered (or never did). */
  async of(complaintId: string): Promise<FilingAnswer> {
    const [row] = await this.sql.query<{ emailed: boolean; texted: boolean; links_replaced: boolean }>(
      `SELECT emailed, texted, links_replaced FROM ${this.s}.portal_filing_answers WHERE complaint_id = $1`,
      [complaintId],
    );
    return { emailed: row?.emailed ?? false, texted: row?.texted ?? false, linksReplaced: row?.links_replaced ?? false };
  }

  /** Staff sent the complainant a new link: the filing's key no longer gives one (nothing for a filing without a key). */
  async linksReplaced(complaintId: string): Promise<void> {
    await this.sql.query(`UPDATE ${this.s}.portal_filing_answers SET links_replaced = true WHERE complaint_id = $1`, [complaintId]);
  }
}
