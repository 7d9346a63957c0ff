import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/index.js';
import { readModelsFor } from '../../src/projections/index.js';
import { CaseHistory } from '../support/case-history.js';
import { identityKeysOf, readModelSpec } from '../support/read-model-spec.js';

/** What every read model the service keeps (src/projections/registry.ts) promises alike. */
const readModels = readModelsFor(loadConfig({}));

const complainant = { name: '김민수', phone: '010-1234-5678', email: 'minsu@example.kr', address: '서울시 중구 세종대로 110' };
const scores = { easeOfFiling: 5, interimNotice: 4, proactiveness: 4, courtesy: 5, processingTime: 3, overall: 4 };

/** Everything the complainant gave or wrote: the receipt, an amendment, information received and a survey comment. */
const personal = CaseHistory.received('c-1', { complainant, description: 'The gas meter at the community centre leaks.', remedySought: 'Replace the meter at once' })
  .acknowledge()
  .assess()
  .assign()
  .command('amend', { description: 'The meter and the pipe behind it leak.', remedySought: 'Refund the inspection fee', reason: 'Phone call' })
  .command('request-information', { requestId: 'r-1', department: 'planning', request: 'Site log' })
  .command('receive-information', { requestId: 'r-1', summary: 'Witness Park saw the leak' })
  .findings()
  .decide()
  .communicate()
  .close()
  .command('record-satisfaction', { scores, comment: 'Kim at the front desk was rude to me' });

/** Read models of streams other than complaints' (the judgements also read a complaint's training referrals: this history has none). */
const OF_OTHER_STREAMS = ['improvement-requests', 'repeat-offence-judgements', 'evaluations', 'staff-survey-answers', 'nominations'];

const PERSONAL_DATA = /김민수|010-?1234-?5678|01012345678|minsu@|세종대로|gas meter|pipe behind|Replace the meter|Refund the inspection|Witness Park|front desk/i;

it('the history given does carry that personal data, in the clear before the codec seals it', () => {
  const raw = JSON.stringify(personal.events);
  for (const text of ['김민수', '010-1234-5678', 'minsu@', '세종대로', 'gas meter', 'pipe behind', 'Replace the meter', 'Refund the inspection', 'Witness Park', 'front desk']) expect(raw).toContain(text);
});

describe.each(readModels.map((readModel) => [readModel.name, readModel] as const))('the %s read model', (_name, readModel) => {
  const spec = readModelSpec(readModel);

  it('keeps no personal data: only the complainant’s pseudonymous keys reach its tables', async () => {
    const tables = await spec.given(personal).then((t) => t.snapshot());
    const text = JSON.stringify(tables);
    expect(text).not.toMatch(PERSONAL_DATA);
    if (OF_OTHER_STREAMS.includes(readModel.name)) expect(Object.values(tables).flat()).toEqual([]);
    else expect(Object.values(tables).flat().length).toBeGreaterThan(0);
    if (['repeat-offenders', 'complainant-cases'].includes(readModel.name)) expect(text).toContain(identityKeysOf(complainant)[0]);
  });

  it('creates exactly the tables it names (a rebuild moves exactly these), and migrating again changes nothing', async () => {
    await spec.given().then(async (t) => {
      const tablesIn = async () => (await t.query(() => 'SELECT tablename FROM pg_tables WHERE schemaname = $1 ORDER BY tablename', [t.schema])).map((r) => r.tablename);
      const created = await tablesIn();
      expect(created).toEqual([...readModel.tables].sort());
      await readModel.migrate(t.sql, t.s);
      expect(await tablesIn()).toEqual(created);
    });
  });
});
