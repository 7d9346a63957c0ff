import { COMPLAINT_EVENT_TYPES } from '../../domain/complaint/events.js';
import { addInto, addSummaries, emptySummary, filterKeysOf, isEmptySummary, quarterColumns, talliesOf, type QuarterSummary } from '../../projections/quarterly.js';
import { evolvePeriods, type HandlingPeriod, type OpenRequest, type SlaRules } from '../../projections/sla.js';
import { workingClockOf } from '../../projections/working-clock.js';
import { caseReadModel, fromJson, type ReadModel } from '../read-models/index.js';
import type { SqlExecutor } from '../sql/index.js';

export const HANDLING_PERIODS_TABLE = 'handling_periods';
export const QUARTERLY_TABLE = 'quarterly_summaries';

/** A counter's column: `rejectedAtAssessment` → `rejected_at_assessment`. */
export const columnOf = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The columns of a period's row, with their types. The quarter columns are for inspection; the report reads the summaries. */
const COLUMNS: readonly (readonly [string, string])[] = [
  ['complaint_id', 'text'], ['period', 'int'], ['category', 'text'], ['compliment', 'boolean'], ['channel', 'text'], ['department', 'text'],
  ['received_at', 'timestamptz'], ['started_at', 'timestamptz'], ['deadline_days', 'float8'], ['budget_ms', 'bigint'],
  ['interim_notice_due_at', 'timestamptz'], ['clock', 'text'], ['as_of', 'timestamptz'], ['as_of_reading', 'bigint'],
  ['worked_ms', 'bigint'], ['paused_ms', 'bigint'], ['due_at', 'timestamptz'], ['paused_at', 'timestamptz'], ['due_at_paused', 'timestamptz'], ['breached_at', 'timestamptz'],
  ['stopped_at', 'timestamptz'], ['stopped_by', 'text'], ['interim_notice_at', 'timestamptz'], ['decided_at', 'timestamptz'], ['ended_at', 'timestamptz'],
  ['ended_as', 'text'], ['close_reason', 'text'], ['exclusion', 'text'], ['handling_ms', 'bigint'], ['outcome', 'text'], ['compensation_amount', 'numeric'],
  ['compensation_currency', 'text'], ['reopened_at', 'timestamptz'], ['surveyed_at', 'timestamptz'],
  ['scores', 'jsonb'],
  ['received_quarter', 'text'], ['ended_quarter', 'text'], ['surveyed_quarter', 'text'], ['case_state', 'text'],
  ['severity', 'text'], ['priority', 'text'], ['open_requests', 'jsonb'],
];

export type PeriodRow = Record<string, unknown>;

/**
 * The case (`alias.complaint_id` of another read model's row) is no compliment: a case of a category the
 * catalog marks `compliment: true` is received like a complaint and counted apart from complaints; its
 * periods carry the mark (`compliment`), set at receipt, as the category is.
 */
export const NOT_A_COMPLIMENT = (s: string, alias: string) =>
  `NOT EXISTS (SELECT 1 FROM ${s}.${HANDLING_PERIODS_TABLE} cp WHERE cp.complaint_id = ${alias}.complaint_id AND cp.compliment)`;

/** A period's case is urgent: the first key of the SLA list's order (src/reports/sla.queries.ts). */
export const URGENT = `coalesce(priority = 'urgent', false)`;

/**
 * The SLA periods of every case (projections/sla.ts), one row per case and period, with the quarters
 * each counts in and its durations precomputed; the SLA report pages through them. Beside them, the
 * quarterly summaries (projections/quarterly.ts `talliesOf`): each batch adds the new tallies of the
 * periods it changed and takes away their old ones, so the quarterly report reads a few hundred rows
 * whatever the number of cases. The working calendar and the category deadlines shape the rows:
 * `settings` is their digest (`slaSettingsOf`), so that tables built with others are not fed until
 * rebuilt (`npm run projections:rebuild -- --stale`).
 */
export function handlingPeriodsReadModel(rules: SlaRules, settings?: string): ReadModel {
  const clock = workingClockOf(rules.calendar);
  const zone = rules.calendar.timeZone;
  const toRow = (p: HandlingPeriod): PeriodRow => {
    const quarters = quarterColumns(p, zone);
    return {
    complaint_id: p.complaintId, period: p.period, category: p.category, compliment: p.compliment, channel: p.channel, department: p.department,
    received_at: p.receivedAt, started_at: p.startedAt, deadline_days: p.deadlineDays, budget_ms: p.budgetMs,
    interim_notice_due_at: p.interimNoticeDueAt, clock: p.clock, as_of: p.asOf, as_of_reading: clock.reading(Date.parse(p.asOf)),
    worked_ms: p.workedMs, paused_ms: p.pausedMs, due_at: p.dueAt, paused_at: p.pausedAt, due_at_paused: p.dueAtPaused, breached_at: p.breachedAt, stopped_at: p.stoppedAt,
    stopped_by: p.stoppedBy, interim_notice_at: p.interimNoticeAt, decided_at: p.decidedAt, ended_at: p.endedAt, ended_as: p.endedAs, close_reason: p.closeReason, exclusion: p.exclusion,
    handling_ms: p.handlingMs, outcome: p.outcome, compensation_amount: p.compensation?.amount ?? null,
    compensation_currency: p.compensation?.currency ?? null, reopened_at: p.reopenedAt, surveyed_at: p.satisfaction?.at ?? null,
    scores: p.satisfaction?.scores ?? null,
    received_quarter: quarters.receivedQuarter, ended_quarter: quarters.endedQuarter, surveyed_quarter: quarters.surveyedQuarter,
    case_state: p.caseState,
    severity: p.severity, priority: p.priority, open_requests: p.openRequests,
    };
  };

  const readModel = caseReadModel<HandlingPeriod[]>({
    name: 'handling-periods',
    // 2: each period keeps its case's lifecycle state, which ends and starts periods.
    // 3: its severity and priority (a shorter deadline per severity, urgent first) and the open requests for materials;
    //    the interim notice is owed by periods undecided at its due instant (decided_at) and counted against that instant;
    //    excluded, withdrawn and compliment cases are counted apart from complaints (exclusion, compliment).
    // 4: the survey's scores as one object of element → score (the catalog's list of elements), not a column per element.
    // 5: a survey of a case withdrawn or excluded (recorded before the rule refused it) is not counted in the quarter.
    // 6: the interim notice is owed by periods that breached their deadline (the seed's "처리기간 내에 … 곤란"), not by every period undecided after a day.
    // 7: periods of 6 days or more are counted in whole days only on a calendar that says so (wholeDaysFrom: Korea, not the USA); a pause
    //    moves a deadline in calendar days by its whole length (paused_at, due_at_paused), as the decider's rule does;
    //    an assessment at a severity with a shorter deadline re-times a period that had already breached the longer one.
    version: 7,
    handles: COMPLAINT_EVENT_TYPES,
    tables: [HANDLING_PERIODS_TABLE, QUARTERLY_TABLE],
    schema(s) {
      // Builds the clock's year tables up to now at start-up, not in the first live batch (rows do not depend on it).
      clock.reading(Date.now());
      const t = `${s}.${HANDLING_PERIODS_TABLE}`;
      return [
        `CREATE TABLE IF NOT EXISTS ${t} (${COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')}, PRIMARY KEY (complaint_id, period))`,
        // The SLA list pages urgent cases first, then by receipt; the open periods are the ones whose status moves with "now".
        `CREATE INDEX IF NOT EXISTS handling_periods_page ON ${t} (${URGENT} DESC, received_at DESC, complaint_id DESC, period DESC)`,
        `CREATE INDEX IF NOT EXISTS handling_periods_open ON ${t} (${URGENT} DESC, received_at DESC, complaint_id DESC, period DESC) WHERE clock <> 'stopped'`,
        `CREATE INDEX IF NOT EXISTS handling_periods_breached ON ${t} (${URGENT} DESC, received_at DESC, complaint_id DESC, period DESC) WHERE breached_at IS NOT NULL`,
        // One row per quarter and combination of the report's filters (projections/quarterly.ts `talliesOf`).
        `CREATE TABLE IF NOT EXISTS ${s}.${QUARTERLY_TABLE} (
          quarter text NOT NULL, filter_by text NOT NULL, filter_values text NOT NULL, summary jsonb NOT NULL,
          PRIMARY KEY (filter_by, filter_values, quarter))`,
      ];
    },

    /** Each case's latest period: only the last period changes. */
    async load(tx, s, ids) {
      const latest = await tx.query<PeriodRow>(
        `SELECT DISTINCT ON (complaint_id) * FROM ${s}.${HANDLING_PERIODS_TABLE} WHERE complaint_id = ANY($1::text[]) ORDER BY complaint_id, period DESC`,
        [ids],
      );
      return new Map(latest.map((row) => [String(row.complaint_id), [periodOf(row)]]));
    },

    evolve(periods, { event }) {
      const next = evolvePeriods(periods ?? [], event, rules);
      return next.length > 0 ? next : undefined;
    },

    async save(tx, s, changes) {
      const summaries = new SummaryChanges();
      for (const { before, after } of changes) {
        const last = before?.[0];
        if (last) summaries.add(talliesOf(last, zone), -1);
        for (const period of after) summaries.add(talliesOf(period, zone), 1);
      }
      await upsert(tx, s, changes.flatMap(({ after }) => after.map(toRow)));
      await summaries.write(tx, s);
    },
  });
  return settings === undefined ? readModel : { ...readModel, settings };
}

async function upsert(tx: SqlExecutor, s: string, rows: PeriodRow[]): Promise<void> {
  const names = COLUMNS.map(([name]) => name);
  await tx.query(
    `INSERT INTO ${s}.${HANDLING_PERIODS_TABLE} (${names.join(', ')})
     SELECT ${names.join(', ')} FROM json_to_recordset($1::json) AS r(${COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})
     ON CONFLICT (complaint_id, period) DO UPDATE SET ${names.slice(2).map((n) => `${n} = EXCLUDED.${n}`).join(', ')}`,
    [JSON.stringify(rows)],
  );
}

/** The net change a batch makes to the quarterly summaries, added to the stored rows; what cancels out is not written. */
class SummaryChanges {
  /** Per quarter and group; spread over the filter combinations only when written. */
  private readonly byGroup = new Map<string, { quarter: string; group: Parameters<typeof filterKeysOf>[0]; change: QuarterSummary }>();

  add({ group, quarters }: ReturnType<typeof talliesOf>, sign: 1 | -1): void {
    for (const [quarter, tally] of quarters) {
      const id = JSON.stringify([quarter, group.department, group.category, group.channel]);
      let entry = this.byGroup.get(id);
      if (!entry) this.byGroup.set(id, (entry = { quarter, group, change: emptySummary() }));
      addInto(entry.change, tally, sign);
    }
  }

  private get changes(): Map<string, { quarter: string; filter_by: string; filter_values: string; change: QuarterSummary }> {
    const changes = new Map<string, { quarter: string; filter_by: string; filter_values: string; change: QuarterSummary }>();
    for (const { quarter, group, change } of this.byGroup.values()) {
      if (isEmptySummary(change)) continue;
      for (const { filterBy, values } of filterKeysOf(group)) {
        const id = JSON.stringify([quarter, filterBy, values]);
        let entry = changes.get(id);
        if (!entry) changes.set(id, (entry = { quarter, filter_by: filterBy, filter_values: values, change: emptySummary() }));
        addInto(entry.change, change);
      }
    }
    return changes;
  }

  async write(tx: SqlExecutor, s: string): Promise<void> {
    const changed = [...this.changes.values()].filter((c) => !isEmptySummary(c.change));
    if (changed.length === 0) return;
    const t = `${s}.${QUARTERLY_TABLE}`;
    const keys = JSON.stringify(changed.map(({ quarter, filter_by, filter_values }) => ({ quarter, filter_by, filter_values })));
    const stored = await tx.query<{ quarter: string; filter_by: string; filter_values: string; summary: QuarterSummary | string }>(
      `SELECT t.* FROM ${t} t JOIN json_to_recordset($1::json) AS k(quarter text, filter_by text, filter_values text)
       USING (filter_by, filter_values, quarter)`,
      [keys],
    );
    const current = new Map(stored.map((r) => [JSON.stringify([r.quarter, r.filter_by, r.filter_values]), fromJson<QuarterSummary>(r.summary)]));
    const rows = changed.map(({ quarter, filter_by, filter_values, change }) => ({
      quarter, filter_by, filter_values,
      summary: addSummaries(current.get(JSON.stringify([quarter, filter_by, filter_values])) ?? emptySummary(), change),
    }));
    const source = `json_to_recordset($1::json) AS r(quarter text, filter_by text, filter_values text, summary json)`;
    const kept = rows.filter((r) => !isEmptySummary(r.summary));
    if (kept.length > 0) {
      await tx.query(
        `INSERT INTO ${t} (quarter, filter_by, filter_values, summary) SELECT quarter, filter_by, filter_values, summary::jsonb FROM ${source}
         ON CONFLICT (filter_by, filter_values, quarter) DO UPDATE SET summary = EXCLUDED.summary`,
        [JSON.stringify(kept)],
      );
    }
    // A summary that came to nothing (a case moved to another group) is removed, as a rebuild would not have it.
    const emptied = rows.filter((r) => isEmptySummary(r.summary));
    if (emptied.length > 0) {
      await tx.query(`DELETE FROM ${t} t USING ${source} WHERE (t.filter_by, t.filter_values, t.quarter) = (r.filter_by, r.filter_values, r.quarter)`, [JSON.stringify(emptied)]);
    }
  }
}

const instant = (value: unknown): string | null => (value === null || value === undefined ? null : new Date(value as string).toISOString());
const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** A stored row read back as the fold's period. */
export function periodOf(row: PeriodRow): HandlingPeriod {
  const surveyedAt = instant(row.surveyed_at);
  return {
    complaintId: String(row.complaint_id),
    period: Number(row.period),
    category: String(row.category),
    compliment: row.compliment === true,
    channel: row.channel as HandlingPeriod['channel'],
    department: (row.department as string | null) ?? null,
    receivedAt: instant(row.received_at) as string,
    startedAt: instant(row.started_at) as string,
    deadlineDays: Number(row.deadline_days),
    budgetMs: Number(row.budget_ms),
    interimNoticeDueAt: instant(row.interim_notice_due_at) as string,
    clock: row.clock as HandlingPeriod['clock'],
    asOf: instant(row.as_of) as string,
    workedMs: Number(row.worked_ms),
    pausedMs: Number(row.paused_ms),
    dueAt: instant(row.due_at),
    pausedAt: instant(row.paused_at),
    dueAtPaused: instant(row.due_at_paused),
    breachedAt: instant(row.breached_at),
    stoppedAt: instant(row.stopped_at),
    stoppedBy: (row.stopped_by as HandlingPeriod['stoppedBy']) ?? null,
    interimNoticeAt: instant(row.interim_notice_at),
    decidedAt: instant(row.decided_at),
    endedAt: instant(row.ended_at),
    endedAs: (row.ended_as as HandlingPeriod['endedAs']) ?? null,
    closeReason: (row.close_reason as HandlingPeriod['closeReason']) ?? null,
    exclusion: (row.exclusion as HandlingPeriod['exclusion']) ?? null,
    handlingMs: numberOrNull(row.handling_ms),
    outcome: (row.outcome as HandlingPeriod['outcome']) ?? null,
    compensation: row.compensation_amount === null || row.compensation_amount === undefined
      ? null
      : { amount: Number(row.compensation_amount), currency: String(row.compensation_currency) },
    reopenedAt: instant(row.reopened_at),
    satisfaction: surveyedAt === null
      ? null
      : { at: surveyedAt, scores: fromJson<Record<string, number>>(row.scores) },
    caseState: row.case_state as HandlingPeriod['caseState'],
    severity: (row.severity as HandlingPeriod['severity']) ?? null,
    priority: (row.priority as HandlingPeriod['priority']) ?? null,
    openRequests: row.open_requests === null || row.open_requests === undefined ? [] : fromJson<OpenRequest[]>(row.open_requests),
  };
}
