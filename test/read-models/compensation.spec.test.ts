import { describe, it } from '@jest/globals';
import { compensationReadModel } from '../../src/reports/index.js';
import { CaseHistory } from '../support/case-history.js';
import { readModelSpec } from '../support/read-model-spec.js';

const spec = readModelSpec(compensationReadModel);

const investigated = CaseHistory.received('c-1').assign().findings();
const granted = investigated.decide({ compensation: { amount: 10_000, currency: 'KRW' } });
const grant = { trigger: 'handling-error', form: 'goods', amount: 10000, currency: 'KRW', exception: false };

describe('compensation (compensation_cases): each case\u2019s decisions with what they granted, the hand-over and the reopenings', () => {
  it('a decision that grants compensation is kept with its department, the reasons then substantiated, its trigger, form and value', async () => {
    await spec.given(granted).then('compensation_cases', [
      {
        complaint_id: 'c-1', department: 'inspection', reasons: ['procedure-error'], provided: null, counts: true, grant_open: true,
        decisions: [{ outcome: 'upheld', decidedAt: granted.lastAt, department: 'inspection', reasons: ['procedure-error'], granted: grant }],
      },
    ]);
  });

  it('the hand-over is kept with its value and time, and the grant is no longer open', async () => {
    const provided = granted.command('provide-compensation', { form: 'goods', description: 'Gift card', amount: 10_000, currency: 'KRW', providedBy: 'Park' });
    await spec.given(granted).when(provided).then('compensation_cases', [{ complaint_id: 'c-1', provided: { amount: 10000, currency: 'KRW', providedAt: provided.lastAt }, grant_open: false }]);
  });

  it('a reopened case decided again keeps its first decision beside the new one, and the reopening', async () => {
    const reopened = granted.communicate().close().reopen();
    const again = reopened.findings().decide({ outcome: 'not-upheld' });
    await spec.given(granted).when(again).then('compensation_cases', [
      {
        complaint_id: 'c-1', grant_open: false, reopenings: [reopened.lastAt],
        decisions: [
          { outcome: 'upheld', decidedAt: granted.lastAt, department: 'inspection', reasons: ['procedure-error'], granted: grant },
          { outcome: 'not-upheld', decidedAt: again.lastAt, department: 'inspection', reasons: ['procedure-error'], granted: null },
        ],
      },
    ]);
  });

  it('a case decided upheld without compensation, its findings substantiating a trigger\u2019s reason, counts (it may have owed one); not upheld with none, it does not', async () => {
    await spec.given(investigated.decide()).then('compensation_cases', [{ complaint_id: 'c-1', counts: true, grant_open: false }]);
    await spec.given(CaseHistory.received('c-1').assign().findings([]).decide({ outcome: 'not-upheld' })).then('compensation_cases', [{ complaint_id: 'c-1', counts: false }]);
  });
});
