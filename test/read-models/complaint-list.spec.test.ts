import { describe, expect, it } from '@jest/globals';
import { complaintListReadModel } from '../../src/complaints/index.js';
import { CaseHistory, handledByTheBook } from '../support/case-history.js';
import { T0 } from '../support/complaint-fixtures.js';
import { readModelSpec } from '../support/read-model-spec.js';

const spec = readModelSpec(complaintListReadModel);
const received = CaseHistory.received('c-1');

describe('complaint list (complaint_list): one row per case, as staff filter and page through it', () => {
  it('a received complaint is listed as received with no department', async () => {
    await spec.given(received).then('complaint_list', [
      { id: 'c-1', state: 'received', category: 'defective-facility', channel: 'web', department: null, handler: null, priority: null, received_at: T0, updated_at: T0, revision: 0 },
    ]);
  });

  it('assignment sets department and handler', async () => {
    const assigned = received.assign({ department: 'testing', handler: 'u-lee' }, { at: '2026-03-09T10:30:00+09:00' });
    await spec.given(received).when(assigned).then('complaint_list', [
      { id: 'c-1', state: 'assigned', department: 'testing', handler: 'u-lee', updated_at: '2026-03-09T10:30:00+09:00', revision: 1 },
    ]);
  });

  it('a reassignment moves the case to the new department and handler', async () => {
    const assigned = received.assign({ handler: 'u-kim' });
    await spec.given(assigned).when(assigned.command('reassign', { department: 'testing', reason: 'Lab work' })).then('complaint_list', [
      { id: 'c-1', state: 'assigned', department: 'testing', handler: null },
    ]);
  });

  it('the initial assessment sets the priority', async () => {
    await spec.given(received.assess({ severity: 'low', safetyIssue: false }), CaseHistory.received('c-2').assess({ severity: 'high', safetyIssue: false })).then('complaint_list', [
      { id: 'c-1', priority: 'normal' },
      { id: 'c-2', priority: 'urgent' },
    ]);
  });

  it('a case follows the lifecycle to closed: decided, then closed once told and closed', async () => {
    const decided = received.assign().findings().decide();
    await spec.given(decided).then('complaint_list', [{ id: 'c-1', state: 'decided', department: 'inspection' }]);
    await spec.given(decided).when(decided.communicate().close()).then('complaint_list', [{ id: 'c-1', state: 'closed', department: 'inspection' }]);
  });

  it('a withdrawn complaint and one rejected at initial assessment are closed', async () => {
    await spec.given(received.withdraw(), CaseHistory.received('c-2').assess({ exclusion: 'private-law', note: 'Contract dispute' })).then('complaint_list', [
      { id: 'c-1', state: 'closed', department: null },
      { id: 'c-2', state: 'closed', department: null },
    ]);
  });

  it('a reopened case is back in assigned, with its department', async () => {
    const closed = handledByTheBook('c-1');
    expect(closed.reopen().lifecycle).toBe('assigned');
    await spec.given(closed).when(closed.reopen()).then('complaint_list', [{ id: 'c-1', state: 'assigned', department: 'inspection', revision: 8 }]);
  });

  it('the revision and the update time are the stream’s last event’s, a notice outcome included', async () => {
    const closed = handledByTheBook('c-1');
    const told = closed.noticeDelivered('decision', 'email', { at: '2026-03-09T18:00:00+09:00' });
    await spec.given(closed).when(told).then('complaint_list', [{ id: 'c-1', state: 'closed', revision: told.revision, updated_at: '2026-03-09T18:00:00+09:00' }]);
    expect(told.revision).toBe(8);
  });

  it('the rows are the same whether the cases come in one batch or one event per batch', async () => {
    const cases = [handledByTheBook('c-1').reopen(), CaseHistory.received('c-2').assign({ handler: 'u-kim' }), CaseHistory.received('c-3').withdraw()];
    const oneBatch = await spec.given(...cases).then((tables) => tables.snapshot());
    const eventByEvent = await spec.given(...cases).inBatchesOf(1).then((tables) => tables.snapshot());
    expect(eventByEvent).toEqual(oneBatch);
    expect(oneBatch.complaint_list).toHaveLength(3);
  });
});
