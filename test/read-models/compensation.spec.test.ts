import { describe, it } from '@jest/globals';
import { compensationReadModel } from '../../src/reports/index.js';
import { CaseHistory } from '../support/case-history.js';
import { readModelSpec } from '../support/read-model-spec.js';

const spec = readModelSpec(compensationReadModel);

const investigated = CaseHistory.received('c-1').assign().findings();
const granted = investigated.decide({ compensation: { amount: 10_000, currency: 'KRW' } });

describe('compensation (compensation_cases): what each case’s latest decision granted and what was handed over', () => {
  it('a decision that grants compensation is kept with its department, trigger, form and value', async () => {
    await spec.given(granted).then('compensation_cases', [
      {
        complaint_id: 'c-1', department: 'inspection', trigger: 'handling-error', form: 'goods', amount: 10000, currency: 'KRW', exception: false,
        decided_text: granted.lastAt, provided_amount: null, provided_at: null,
      },
    ]);
  });

  it('the hand-over is kept with its value and time', async () => {
    const provided = granted.command('provide-compensation', { form: 'goods', description: 'Gift card', amount: 10_000, currency: 'KRW', providedBy: 'Park' });
    await spec.given(granted).when(provided).then('compensation_cases', [{ complaint_id: 'c-1', provided_amount: 10000, provided_currency: 'KRW', provided_text: provided.lastAt }]);
  });

  it('a reopened case decided again without compensation grants nothing any more', async () => {
    const again = granted.communicate().close().reopen().findings().decide({ outcome: 'not-upheld' });
    await spec.given(granted).when(again).then('compensation_cases', [{ complaint_id: 'c-1', outcome: 'not-upheld', trigger: null, amount: null, decided_text: again.lastAt }]);
  });

  it('a case decided without compensation has no grant', async () => {
    await spec.given(investigated.decide()).then('compensation_cases', [{ complaint_id: 'c-1', department: 'inspection', outcome: 'upheld', trigger: null, amount: null }]);
  });

  it('keeps the reasons the latest findings substantiate, for what the policy owes', async () => {
    await spec.given(investigated).then('compensation_cases', [{ complaint_id: 'c-1', reasons: ['procedure-error'], outcome: null, decided_at: null }]);
  });
});
