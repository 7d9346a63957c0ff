import { afterAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_KOREAN_CALENDAR } from '../../domain/working-time/index.js';
import type { ProjectionRunner } from '../../src/projections/index.js';
import { PROJECTIONS } from '../../src/projections/index.js';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';
import { connectAdmin, dropSchema, uniqueSchemaName } from '../support/postgres.js';

const schema = uniqueSchemaName();
const started: TestApi[] = [];
afterAll(async () => {
  for (const api of started.reverse()) await api.close().catch(() => undefined);
  await dropSchema(schema);
});

const receive = async (api: TestApi, count: number) => {
  for (let i = 0; i < count; i++) expect((await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() })).status).toBe(201);
};

describe('a read model built by an earlier version', () => {
  it('is not fed, says so at GET /projections, and is fed again once rebuilt', async () => {
    const earlier = await startTestApi({ schema });
    started.push(earlier);
    await receive(earlier, 3);
    await earlier.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
    await earlier.close();
    started.pop();

    // The tables as the release before read-model versions left them: no versions in the checkpoints,
    // and version-1 tables of the two read models that are at later versions now.
    const admin = await connectAdmin();
    const count = async (table: string) => Number((await admin.query(`SELECT count(*) AS n FROM "${schema}".${table}`)).rows[0].n);
    try {
      await admin.query(`ALTER TABLE "${schema}".projection_checkpoints DROP COLUMN version`);
      await admin.query(`ALTER TABLE "${schema}".complainant_cases DROP COLUMN state`);
      await admin.query(`ALTER TABLE "${schema}".handling_periods DROP COLUMN case_state, DROP COLUMN decided_at, DROP COLUMN compliment, DROP COLUMN exclusion`);
      await admin.query(`ALTER TABLE "${schema}".repeat_cases DROP COLUMN counted`);
      await admin.query(`ALTER TABLE "${schema}".compensation_cases DROP COLUMN decisions, DROP COLUMN reopenings`);

      const api = await startTestApi({ schema });
      started.push(api);
      const runner = api.app.get<ProjectionRunner>(PROJECTIONS);
      const status = async () => (await api.call('GET', '/projections', { as: staff.manager })).body.projections as { name: string; needsRebuild: boolean; version: number; builtByVersion: number; lag: number }[];
      expect((await status()).filter((p) => p.needsRebuild).map((p) => [p.name, p.builtByVersion, p.version])).toEqual([
        ['complaint-list', 1, 3],
        ['audit-trail', 1, 5],
        ['repeat-offenders', 1, 2],
        ['complainant-cases', 1, 2],
        ['handling-periods', 1, 7],
        ['compensation', 1, 2],
      ]);

      await receive(api, 2);
      await runner.caughtUp();
      expect(await count('notice_consents')).toBe(5);
      expect(await count('complaint_list')).toBe(3);
      expect(await count('complainant_cases')).toBe(3);
      expect((await status()).filter((p) => !p.needsRebuild).every((p) => p.lag === 0)).toBe(true);

      expect(await runner.needingRebuild()).toEqual(['complaint-list', 'audit-trail', 'repeat-offenders', 'complainant-cases', 'handling-periods', 'compensation']);
      await runner.rebuild(await runner.needingRebuild());
      expect((await status()).some((p) => p.needsRebuild)).toBe(false);
      expect((await admin.query(`SELECT DISTINCT state FROM "${schema}".complainant_cases`)).rows).toEqual([{ state: 'received' }]);
      expect(await count('complainant_cases')).toBe(5);
      expect(await count('complaint_list')).toBe(5);

      await receive(api, 1);
      await runner.caughtUp();
      expect(await count('complainant_cases')).toBe(6);
      expect(await count('handling_periods')).toBe(6);
      expect(await count('compensation_cases')).toBe(6);
    } finally {
      await admin.end();
    }
  });
});

describe('a read model built with other settings', () => {
  const other = uniqueSchemaName();
  afterAll(async () => {
    await dropSchema(other);
  });

  it('handling-periods, after a holiday is added to the calendar: not fed, says so, and fed again once rebuilt', async () => {
    const before = await startTestApi({ schema: other });
    started.push(before);
    await receive(before, 2);
    await before.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
    await before.close();
    started.pop();

    // A temporary holiday announced late (CALENDAR_FILE's extraNonWorkingDates): the deadlines stored were counted without it.
    const api = await startTestApi({ schema: other, config: { calendar: { ...DEFAULT_KOREAN_CALENDAR, extraNonWorkingDates: ['2026-12-24'] } } });
    started.push(api);
    const runner = api.app.get<ProjectionRunner>(PROJECTIONS);
    expect(await runner.needingRebuild()).toEqual(['handling-periods']);
    const status = (await api.call('GET', '/projections', { as: staff.manager })).body.projections as { name: string; needsRebuild: boolean }[];
    expect(status.filter((p) => p.needsRebuild).map((p) => p.name)).toEqual(['handling-periods']);
    await runner.rebuild(['handling-periods']);
    expect(await runner.needingRebuild()).toEqual([]);
    await receive(api, 1);
    await runner.caughtUp();
    const admin = await connectAdmin();
    try {
      expect(Number((await admin.query(`SELECT count(DISTINCT complaint_id) AS n FROM "${other}".handling_periods`)).rows[0].n)).toBe(3);
    } finally {
      await admin.end();
    }
  });
});
