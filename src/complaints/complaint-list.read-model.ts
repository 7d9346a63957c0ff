import type { ComplaintEvent } from '../../domain/complaint/events.js';
import { summarize, type ComplaintSummary } from '../../projections/complaint-list.js';
import { toDomainEvent } from '../complaints/complaint-stream.js';
import type { StoredEvent } from '../event-store/event-store.js';
import type { SqlExecutor } from '../event-store/postgres/sql-client.js';
import type { Projection } from './projection.js';

const STREAM_PREFIX = 'complaint-';

type Row = {
  id: string; state: ComplaintSummary['state']; category: string; channel: string; department: string | null; handler: string | null;
  priority: string | null; received_at: Date | string; updated_at: Date | string; revision: number | string;
};

export const complaintListProjection: Projection = {
  name: 'complaint-list',
  tables: ['complaint_list'],

  async migrate(sql, s) {
    await sql.query(`CREATE TABLE IF NOT EXISTS ${s}.complaint_list (
      id text PRIMARY KEY, state text NOT NULL, category text NOT NULL, channel text NOT NULL, department text, handler text,
      priority text, received_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, revision bigint NOT NULL)`);
    await sql.query(`CREATE INDEX IF NOT EXISTS complaint_list_page ON ${s}.complaint_list (received_at DESC, id DESC)`);
  },

  async apply(tx, s, events) {
    const byCase = new Map<string, StoredEvent[]>();
    for (const event of events) {
      if (!event.streamId.startsWith(STREAM_PREFIX)) continue;
      const id = event.streamId.slice(STREAM_PREFIX.length);
      let list = byCase.get(id);
      if (!list) byCase.set(id, (list = []));
      list.push(event);
    }
    if (byCase.size === 0) return;
    const rows = await tx.query<Row>(`SELECT * FROM ${s}.complaint_list WHERE id = ANY($1::text[])`, [[...byCase.keys()]]);
    const current = new Map(rows.map((row) => [row.id, fromRow(row)]));
    const summaries: ComplaintSummary[] = [];
    for (const [id, caseEvents] of byCase) {
      const summary = caseEvents.reduce<ComplaintSummary | undefined>(
        (acc, e) => summarize(acc, toDomainEvent(e) as ComplaintEvent, e.revision),
        current.get(id),
      );
      if (summary) summaries.push(summary);
    }
    await upsert(tx, s, summaries);
  },
};

/** One row per case, so no row is hit twice by the one statement. */
async function upsert(tx: SqlExecutor, s: string, summaries: ComplaintSummary[]): Promise<void> {
  if (summaries.length === 0) return;
  const rows = summaries.map((c) => ({
    id: c.id, state: c.state, category: c.category, channel: c.channel, department: c.department, handler: c.handler, priority: c.priority,
    received_at: c.receivedAt, updated_at: c.updatedAt, revision: c.revision,
  }));
  await tx.query(
    `INSERT INTO ${s}.complaint_list (id, state, category, channel, department, handler, priority, received_at, updated_at, revision)
     SELECT id, state, category, channel, department, handler, priority, received_at, updated_at, revision
     FROM json_to_recordset($1::json) AS r(id text, state text, category text, channel text, department text, handler text,
       priority text, received_at timestamptz, updated_at timestamptz, revision bigint)
     ON CONFLICT (id) DO UPDATE SET state = excluded.state, category = excluded.category, channel = excluded.channel,
       department = excluded.department, handler = excluded.handler, priority = excluded.priority, received_at = excluded.received_at,
       updated_at = excluded.updated_at, revision = excluded.revision`,
    [JSON.stringify(rows)],
  );
}

function fromRow(row: Row): ComplaintSummary {
  return {
    id: row.id, state: row.state, category: row.category, channel: row.channel, department: row.department, handler: row.handler,
    priority: row.priority, receivedAt: new Date(row.received_at).toISOString(), updatedAt: new Date(row.updated_at).toISOString(),
    revision: Number(row.revision),
  };
}
