import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { StoredEvent } from '../../src/event-store/index.js';
import type { ReadModel } from '../../src/read-models/index.js';
import { nominationsReadModel, staffSurveyAnswersReadModel } from '../../src/reports/index.js';
import { PgClient } from '../../src/sql/index.js';
import { TEST_DATABASE_URL, uniqueSchemaName } from '../support/postgres.js';

/** The yearly records' read models on the real server: given stored events (delivered twice, as after a restart), then rows. */
let sql: PgClient;
beforeAll(() => {
  sql = new PgClient(TEST_DATABASE_URL, { max: 2, connectionTimeoutMillis: 3000 });
});
afterAll(() => sql.close());

let position = 0n;
const stored = (streamId: string, revision: number, type: string, data: object, actorId: string, occurredAt: string): StoredEvent => ({
  type, schemaVersion: 1, data: data as Record<string, unknown>, streamId, revision, eventId: `${streamId}/${revision}`,
  metadata: { actorId, actorRole: actorId, occurredAt, commandId: 'c', correlationId: 'c', causationId: 'c' },
  position: { commit: 1n, prepare: ++position }, recordedAt: occurredAt, hash: '', previousHash: '',
});

async function rowsAfter(readModel: ReadModel, events: StoredEvent[], query: (s: string) => string): Promise<unknown[]> {
  const s = `"${uniqueSchemaName()}"`;
  await sql.query(`CREATE SCHEMA ${s}`);
  try {
    await sql.transaction((tx) => readModel.migrate(tx, s));
    for (const event of events) {
      await sql.transaction((tx) => readModel.apply(tx, s, [event]));
      await sql.transaction((tx) => readModel.apply(tx, s, [structuredClone(event)]));
    }
    return await sql.query(query(s));
  } finally {
    await sql.query(`DROP SCHEMA ${s} CASCADE`);
  }
}

describe('the staff-survey-answers read model', () => {
  it('keeps the year, the department and the scores of each answer, once, and nothing of who or when', async () => {
    const answer = stored('staff-survey-answer-a1', 0, 'StaffSurveyAnswered', { year: 2026, department: 'inspection', scores: { workload: 3, overall: 4 } }, 'anonymous', '2026-11-02T00:00:00Z');
    const other = stored('complaint-c-1', 0, 'StaffSurveyAnswered', { year: 2026, department: 'x', scores: {} }, 'u-1', '2026-11-02T00:00:00Z');
    expect(await rowsAfter(staffSurveyAnswersReadModel, [answer, other], (s) => `SELECT * FROM ${s}.staff_survey_answers`)).toEqual([
      { answer_id: 'a1', year: 2026, department: 'inspection', scores: { workload: 3, overall: 4 } },
    ]);
  });
});

describe('the nominations read model', () => {
  it('keeps the nomination with who nominated it and why, then the decision with who decided', async () => {
    const recorded = stored('nomination-n1', 0, 'NominationRecorded', {
      nominationId: 'n1', year: 2026, kind: 'prevention', department: 'inspection', nominee: { kind: 'unit', id: 'team-3' }, complaints: [], reason: 'Yearly meter checks',
    }, 'u-head', '2026-11-02T10:00:00+09:00');
    const decided = stored('nomination-n1', 1, 'NominationDecided', { decision: 'awarded', reward: 'Team bonus', note: 'Fewer leaks' }, 'u-office', '2026-12-01T10:00:00+09:00');
    expect(await rowsAfter(nominationsReadModel, [recorded, decided], (s) => `SELECT * FROM ${s}.nominations`)).toEqual([{
      id: 'n1', year: 2026, kind: 'prevention', department: 'inspection', nominee: { kind: 'unit', id: 'team-3' }, complaint_ids: [], reason: 'Yearly meter checks',
      nominated_by: 'u-head', nominated_at: '2026-11-02T10:00:00+09:00',
      decision: 'awarded', reward: 'Team bonus', decision_note: 'Fewer leaks', decided_by: 'u-office', decided_at: '2026-12-01T10:00:00+09:00',
    }]);
  });
});
