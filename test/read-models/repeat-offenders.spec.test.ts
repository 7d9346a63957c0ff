import { describe, expect, it } from '@jest/globals';
import { repeatOffendersReadModel } from '../../src/reports/index.js';
import { CaseHistory } from '../support/case-history.js';
import { T0 } from '../support/complaint-fixtures.js';
import { identityKeysOf, readModelSpec } from '../support/read-model-spec.js';

const spec = readModelSpec(repeatOffendersReadModel);

const emp7 = { id: 'emp-7', kind: 'employee' } as const;
const sup1 = { id: 'sup-1', kind: 'supplier' } as const;
const complainant = { name: '김민수', phone: '010-1234-5678', email: 'minsu@example.kr' };
const assigned = CaseHistory.received('c-1', { subjects: [emp7] }).assign();
const investigated = assigned.findings([{ ...emp7, substantiated: true, reason: 'delay' }, { ...sup1, substantiated: false }]);

describe('repeat offenders (repeat_cases, repeat_substantiated): who each case’s latest findings substantiate', () => {
  it('a receipt is kept with its category and the complainant’s pseudonymous keys, never the personal data', async () => {
    const keys = identityKeysOf(complainant);
    expect(keys).toHaveLength(2); // by phone and by e-mail
    await spec.given(assigned).then('repeat_cases', [
      { complaint_id: 'c-1', received_at: T0, received_text: T0, category: 'defective-facility', channel: 'web', department: 'inspection', complainant_keys: keys, counted: true, findings_revision: null },
    ]);
  });

  it('the findings’ substantiated subjects are listed per case; the others are not', async () => {
    await spec.given(investigated).then('repeat_substantiated', [{ complaint_id: 'c-1', subject_kind: 'employee', subject_id: 'emp-7', reason: 'delay' }]);
    await spec.given(assigned).when(investigated).then('repeat_cases', [{ complaint_id: 'c-1', findings_revision: 2 }]);
  });

  it('each case counts on its own: two cases substantiating the same employee give a row each', async () => {
    const other = CaseHistory.received('c-2', { complainant: { name: '이서연', phone: '010-9999-0000' }, consent: { sms: true, email: false, phone: false } }).assign().findings([{ ...emp7, substantiated: true, reason: 'delay' }]);
    await spec.given(investigated, other).then('repeat_substantiated', [
      { complaint_id: 'c-1', subject_kind: 'employee', subject_id: 'emp-7', reason: 'delay' },
      { complaint_id: 'c-2', subject_kind: 'employee', subject_id: 'emp-7', reason: 'delay' },
    ]);
  });

  it('rule 5, "고객불만으로 보지 아니함": a withdrawn or excluded case is not counted; a reopened one counts again', async () => {
    const withdrawn = investigated.withdraw();
    const excluded = CaseHistory.received('c-2', { complainant: { name: '이서연', phone: '010-9999-0000' }, consent: { sms: true, email: false, phone: false } }).assess({ exclusion: 'fraudulent', note: 'False report' });
    await spec.given(withdrawn, excluded).then('repeat_cases', [{ complaint_id: 'c-1', counted: false }, { complaint_id: 'c-2', counted: false }]);
    await spec.given(excluded).when(excluded.reopen()).then('repeat_cases', [{ complaint_id: 'c-2', counted: true }]);
  });

  it('the latest findings replace the earlier ones after a reopen', async () => {
    const firstRound = investigated.decide().communicate().close();
    const secondRound = firstRound.reopen().findings([{ ...emp7, substantiated: false }, { ...sup1, substantiated: true, reason: 'delay' }]);
    await spec.given(firstRound).when(secondRound).then('repeat_substantiated', [{ complaint_id: 'c-1', subject_kind: 'supplier', subject_id: 'sup-1', reason: 'delay' }]);
    await spec.given(firstRound).when(secondRound).then('repeat_cases', [{ complaint_id: 'c-1', findings_revision: secondRound.revision }]);
  });

  it('later findings that substantiate nobody clear the earlier ones', async () => {
    await spec.given(investigated).when(investigated.findings([{ ...emp7, substantiated: false }])).then('repeat_substantiated', []);
  });

  it('findings delivered again change nothing', async () => {
    const refound = investigated.findings([{ ...sup1, substantiated: true, reason: 'delay' }]);
    await spec.given(investigated).when(refound).deliveredTwice().then('repeat_substantiated', [{ complaint_id: 'c-1', subject_kind: 'supplier', subject_id: 'sup-1', reason: 'delay' }]);
    await spec.given(refound).deliveredTwice().then('repeat_cases', [{ complaint_id: 'c-1', findings_revision: 3 }]);
  });

  it('the same rows whether the history comes in one batch or one event per batch', async () => {
    const history = investigated.decide().reopen().findings([{ ...sup1, substantiated: true, reason: 'delay' }]);
    const oneBatch = await spec.given(history).then((tables) => tables.snapshot());
    expect(await spec.given(history).inBatchesOf(1).then((tables) => tables.snapshot())).toEqual(oneBatch);
  });
});
