import { ApiError, get, query } from './api';

/** A case's SLA position, from GET /reports/sla (src/reports/sla.queries.ts `SlaItem`). */
export interface SlaPosition {
  id: string;
  period: number;
  status: string;
  dueAt: string | null;
  workingHoursUsed: number;
  workingHoursPaused: number;
  /** Null once the case's clock stopped without a notice sent: nothing is owed any more. */
  interimNoticeDueAt: string | null;
  interimNoticeSentAt: string | null;
  interimNoticeMissing: boolean;
  /** When the clock stopped (a decision told, closed, withdrawn, excluded); null while it runs or is paused. */
  stoppedAt: string | null;
}

export type SlaAnswer = { kind: 'ready'; positions: Map<string, SlaPosition> } | { kind: 'missing' } | { kind: 'forbidden' };

const MAX_PAGES = 5;

/**
 * The open cases' SLA positions by case id (the current handling period of each), or why there are none:
 * the server has no such route yet, or the user's role may not read the report.
 */
export function loadSla(filters: { department?: string; category?: string; status?: string }, openOnly: boolean): Promise<SlaAnswer> {
  return loadSlaPages({ ...filters, open: openOnly ? 'true' : undefined });
}

async function loadSlaPages(filters: Record<string, string | undefined>): Promise<SlaAnswer> {
  const positions = new Map<string, SlaPosition>();
  let cursor: string | undefined;
  try {
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await get<{ items: SlaPosition[]; nextCursor?: string }>(query('/reports/sla', { ...filters, limit: 1000, cursor }));
      for (const item of answer.items) {
        const known = positions.get(item.id);
        if (!known || known.period < item.period) positions.set(item.id, item);
      }
      cursor = answer.nextCursor;
      if (!cursor) break;
    }
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { kind: 'missing' };
    if (error instanceof ApiError && error.status === 403) return { kind: 'forbidden' };
    throw error;
  }
  return { kind: 'ready', positions };
}

/** One case's SLA position (its current handling period), or why there is none. */
export async function loadSlaOf(id: string): Promise<{ kind: 'ready'; position: SlaPosition | undefined } | { kind: 'missing' } | { kind: 'forbidden' }> {
  const answer = await loadSlaPages({ complaint: id });
  if (answer.kind !== 'ready') return answer;
  return { kind: 'ready', position: answer.positions.get(id) };
}
