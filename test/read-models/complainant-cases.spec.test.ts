import { describe, expect, it } from '@jest/globals';
import { complainantCasesReadModel } from '../../src/personal-data/index.js';
import { CaseHistory, handledByTheBook } from '../support/case-history.js';
import { identityKeysOf, readModelSpec } from '../support/read-model-spec.js';

const spec = readModelSpec(complainantCasesReadModel);

const minsu = { name: '김민수', phone: '010-1234-5678', email: 'minsu@example.kr' };
const minsuKey = identityKeysOf(minsu)[0]!;
const received = CaseHistory.received('c-1');
const closeAt = '2026-03-09T16:00:00+09:00';

describe('complainant cases (complainant_cases): whose cases are closed since when, for erasure and the retention rule', () => {
  it('a received case is listed under its complainant’s key, open', async () => {
    await spec.given(received).then('complainant_cases', [{ complaint_id: 'c-1', complainant_key: minsuKey, state: 'received', closed_at: null }]);
  });

  it('one key per case: the complainant’s first identity key (phone before e-mail), the same for each of their cases', async () => {
    const byEmailOnly = { name: '이서연', email: 'seoyeon@example.kr' };
    await spec.given(received, CaseHistory.received('c-2'), CaseHistory.received('c-3', { complainant: byEmailOnly, consent: { sms: false, email: true, phone: false } })).then('complainant_cases', [
      { complaint_id: 'c-1', complainant_key: minsuKey },
      { complaint_id: 'c-2', complainant_key: minsuKey },
      { complaint_id: 'c-3', complainant_key: identityKeysOf(byEmailOnly)[0] },
    ]);
  });

  it('closing sets closed_at to the closing’s business time', async () => {
    const closed = received.assign().findings().decide().communicate().close({}, { at: closeAt });
    await spec.given(received).when(closed).then('complainant_cases', [{ complaint_id: 'c-1', state: 'closed', closed_at: closeAt }]);
  });

  it('a withdrawal and a rejection at initial assessment close the case too', async () => {
    await spec
      .given(received.withdraw('Settled', { at: closeAt }), CaseHistory.received('c-2').assess({ exclusion: 'private-law', note: 'Contract dispute' }, { at: closeAt }))
      .then('complainant_cases', [
        { complaint_id: 'c-1', state: 'closed', closed_at: closeAt },
        { complaint_id: 'c-2', state: 'closed', closed_at: closeAt },
      ]);
  });

  it('a reopen clears closed_at; closing again sets the new time', async () => {
    const closed = handledByTheBook('c-1');
    const reopened = closed.reopen();
    await spec.given(closed).when(reopened).then('complainant_cases', [{ complaint_id: 'c-1', state: 'assigned', closed_at: null }]);
    const closedAgain = reopened.findings().decide().communicate().close({}, { at: '2026-03-20T10:00:00+09:00' });
    await spec.given(closed).when(reopened).when(closedAgain).then('complainant_cases', [{ complaint_id: 'c-1', state: 'closed', closed_at: '2026-03-20T10:00:00+09:00' }]);
  });

  it('what follows the closing without reopening (a survey, a notice outcome) leaves closed_at as it was', async () => {
    const closed = received.assign().findings().decide().communicate().close({}, { at: closeAt });
    const after = closed.survey().noticeDelivered('satisfaction-survey', 'sms');
    await spec.given(closed).when(after).then('complainant_cases', [{ complaint_id: 'c-1', state: 'closed', closed_at: closeAt }]);
  });

  it('the same rows whether the history comes in one batch or one event per batch', async () => {
    const cases = [handledByTheBook('c-1').reopen(), CaseHistory.received('c-2').withdraw()];
    const oneBatch = await spec.given(...cases).then((tables) => tables.snapshot());
    expect(await spec.given(...cases).inBatchesOf(1).then((tables) => tables.snapshot())).toEqual(oneBatch);
  });
});
