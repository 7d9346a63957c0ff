import type { Logger } from 'pino';
import { OWING_STATES } from '../../domain/improvement/lifecycle.js';
import type { ImprovementRequest } from '../../domain/improvement/request.js';
import { localDateOf, type WorkingCalendar } from '../../domain/working-time/index.js';
import { retryDelay } from '../../projections/notices.js';
import type { Clock, NoticesConfig, StaffAddresses } from '../config/index.js';
import type { SmtpChannel } from '../notices/index.js';
import { fromJson, type ReadModelDatabase } from '../read-models/index.js';
import { changeSchema } from '../sql/index.js';

type Kind = 'filed' | 'reminder' | 'overdue';

type Due = {
  notice_id: string;
  request_id: string;
  kind: Kind;
  due_on: string;
  attempts: number;
  department: string;
  request: ImprovementRequest | string;
};

/**
 * E-mails staff about improvement requests: the head of the department when one is filed and a set
 * number of days before its due date, the complaints office when one becomes overdue (once per due date). It polls the improvement-requests
 * read model, keeps what it owes in its own outbox table (`improvement_notices`, one row per notice:
 * a rebuild of the read model sends nothing twice), and claims rows with SKIP LOCKED so that several
 * nodes never send one notice twice. A request filed longer ago than NOTICE_MAX_AGE_HOURS is not
 * announced late.
 */
export class ImprovementNotices {
  private stopped = true;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly db: ReadModelDatabase,
    private readonly email: SmtpChannel,
    private readonly staff: StaffAddresses,
    private readonly settings: Pick<NoticesConfig, 'pollIntervalMs' | 'retry' | 'maxAgeMs' | 'improvementReminderDays'>,
    private readonly calendar: WorkingCalendar,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    const { sql, s } = this.db;
    await changeSchema(sql, s, async (tx) => {
      await tx.query(`CREATE TABLE IF NOT EXISTS ${s}.improvement_notices (
        notice_id text PRIMARY KEY, request_id text NOT NULL, kind text NOT NULL, due_on date NOT NULL, status text NOT NULL,
        attempts int NOT NULL, next_attempt_at timestamptz NOT NULL, last_error text, created_at timestamptz NOT NULL)`);
    });
    this.stopped = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    this.email.close();
  }

  /** Notes the notices owed now and sends those due; resolves to how many were sent. */
  async sendDue(): Promise<number> {
    const now = this.clock();
    const { sql, s } = this.db;
    const owing = `state = ANY('{${OWING_STATES.join(',')}}'::text[])`;
    await sql.query(
      `INSERT INTO ${s}.improvement_notices (notice_id, request_id, kind, due_on, status, attempts, next_attempt_at, created_at)
       SELECT id || '/filed', id, 'filed', due_on, 'pending', 0, $1, $1 FROM ${s}.improvement_requests WHERE requested_at > $1::timestamptz - $3 * interval '1 millisecond'
       UNION ALL
       SELECT id || '/reminder/' || due_on, id, 'reminder', due_on, 'pending', 0, $1, $1 FROM ${s}.improvement_requests
         WHERE $4 > 0 AND ${owing} AND due_on >= $2::date AND due_on - $4 <= $2::date
       UNION ALL
       SELECT id || '/overdue/' || due_on, id, 'overdue', due_on, 'pending', 0, $1, $1 FROM ${s}.improvement_requests WHERE ${owing} AND due_on < $2::date
       ON CONFLICT (notice_id) DO NOTHING`,
      [now.toISOString(), localDateOf(now.toISOString(), this.calendar), this.settings.maxAgeMs, this.settings.improvementReminderDays],
    );
    let sent = 0;
    while (!this.stopped) {
      const done = await sql.transaction(async (tx) => {
        const [notice] = await tx.query<Due>(
          `SELECT n.notice_id, n.request_id, n.kind, to_char(n.due_on, 'YYYY-MM-DD') AS due_on, n.attempts, r.department, r.request
           FROM ${s}.improvement_notices n JOIN ${s}.improvement_requests r ON r.id = n.request_id
           WHERE n.status = 'pending' AND n.next_attempt_at <= $1 ORDER BY n.created_at, n.notice_id LIMIT 1 FOR UPDATE OF n SKIP LOCKED`,
          [now.toISOString()],
        );
        if (!notice) return undefined;
        const to = notice.kind === 'overdue' ? this.staff.complaintsOffice : this.staff.departmentHeads[notice.department];
        const set = (status: string, error: string | null, next = now) =>
          tx.query(`UPDATE ${s}.improvement_notices SET status = $2, attempts = attempts + 1, last_error = $3, next_attempt_at = $4 WHERE notice_id = $1`, [notice.notice_id, status, error, next.toISOString()]);
        if (!to) {
          await set('skipped', `no address for ${notice.kind === 'overdue' ? 'the complaints office' : `the head of ${notice.department}`}`);
          return 'skipped';
        }
        try {
          await this.email.deliver(notice.notice_id.replace(/\//g, '.'), { channel: 'email', to, ...message(notice) });
          await set('sent', null);
          return 'sent';
        } catch (error) {
          const wait = retryDelay(notice.attempts + 1, this.settings.retry);
          await set(wait === undefined ? 'failed' : 'pending', String((error as Error).message).slice(0, 500), new Date(now.getTime() + (wait ?? 0)));
          return 'failed';
        }
      });
      if (!done) break;
      if (done === 'sent') sent++;
    }
    return sent;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.sendDue();
      } catch (error) {
        // The read model's table may not exist yet on a first start.
        this.logger.warn({ error: (error as Error).message }, 'improvement notices: trying again');
      }
      if (this.stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.settings.pollIntervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }
}

/** The notice in Korean, then English. Staff read requests anyway: no personal data is in them. */
function message(notice: Due): { subject: string; text: string; html: string } {
  const { change } = fromJson<ImprovementRequest>(notice.request);
  const lines = {
    filed: [`[제도개선 요구] ${change}`, `조치 결과 통보 기한: ${notice.due_on}`, `Improvement request to your department: ${change}`, `Report the result by ${notice.due_on}.`],
    reminder: [`[제도개선 요구 기한 임박] ${change}`, `조치 결과 통보 기한: ${notice.due_on}`, `Reminder: report the result of this improvement request by ${notice.due_on}: ${change}`, 'Or give the written reason for needing longer.'],
    overdue: [`[제도개선 요구 기한 경과] ${change}`, `기한 ${notice.due_on}이 지났습니다: CS운영위원회 재부의 대상입니다.`, `Overdue improvement request (due ${notice.due_on}): ${change}`, 'It goes to the CS operating committee.'],
  }[notice.kind];
  const reference = `/#/improvements/${notice.request_id}`;
  const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return {
    subject: lines[0]!,
    text: [...lines, reference].join('\n'),
    html: [...lines, reference].map((line) => `<p>${escape(line)}</p>`).join(''),
  };
}
