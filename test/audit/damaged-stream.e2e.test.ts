import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { complaintStreamId, currentVersion } from '../../src/complaint-stream/index.js';
import type { EventStore } from '../../src/event-store/event-store.js';
import { EVENT_STORE } from '../../src/event-store/index.js';
import { serviceForSuite, staff } from '../support/api.js';
import { received } from '../support/complaint-fixtures.js';

/** A case's stream with an event deleted in the database: its revisions are no longer 0..n-1. */
const suite = serviceForSuite();
const store = () => suite.api.app.get<EventStore>(EVENT_STORE);

/** An assigned case, written to the store as an import writes it (so no process remembers it), with revision 1 deleted. */
async function caseWithDeletedEvent(): Promise<{ id: string }> {
  const id = `dmg-${randomUUID()}`;
  const receivedAt = '2026-03-09T10:00:00+09:00';
  const steps: [string, Record<string, unknown>][] = [
    ['ComplaintReceived', { ...received[0]!.data, complaintId: id, receivedAt }],
    ['ComplaintAcknowledged', { channel: 'email' }],
    ['ComplaintAssessed', { severity: 'low', safetyIssue: false, priority: 'normal' }],
    ['ComplaintAssigned', { department: 'inspection' }],
  ];
  for (const [i, [type, data]] of steps.entries()) {
    const metadata = { actorId: 'u-intake', actorRole: 'intake', occurredAt: `2026-03-09T1${i}:30:00+09:00`, commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID() };
    await store().append(complaintStreamId(id), [{ type, schemaVersion: currentVersion(type), data, metadata }], { expectedRevision: i === 0 ? 'no-stream' : i - 1 });
  }
  const events = await store().readStream(complaintStreamId(id));
  await suite.admin.query(`DELETE FROM "${suite.api.schema}".events WHERE event_id = $1`, [events[1]!.eventId]);
  return { id };
}

describe('a case whose stream lost an event', () => {
  it('every command answers that the history is damaged, naming the case and the missing revision, not a conflict to retry', async () => {
    const { id } = await caseWithDeletedEvent();
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await suite.api.call('POST', `/complaints/${id}/record-findings`, { as: staff.handler, body: { summary: 'Checked', subjects: [] } });
      expect(response.status).toBe(500);
      expect(response.body).toMatchObject({ code: 'history-damaged', retry: false, complaintId: id, streamId: complaintStreamId(id), revision: 1 });
      expect(response.body.message).toContain(`its stored history (stream ${complaintStreamId(id)}) is damaged: revision 1 is missing: revision 2 stands where revision 1 should`);
      expect(response.body.message).not.toMatch(/try again/);
    }
  });

  it('time travel answers that the history is damaged, whichever revision is asked: no partial answer', async () => {
    const { id } = await caseWithDeletedEvent();
    const events = await store().readStream(complaintStreamId(id));
    const last = events[events.length - 1]!;
    for (const revision of [0, 1, last.revision]) {
      const at = await suite.api.call('GET', `/complaints/${id}/at?revision=${revision}`, { as: staff.auditor });
      expect(at).toMatchObject({ status: 500, body: { code: 'history-damaged', revision: 1 } });
    }
  });
});

describe('a case filed on the portal whose stream lost an event', () => {
  it("the complainant is told only that the case cannot be shown and that the office knows; the store's internals are for staff", async () => {
    const filing = { category: 'defective-facility', description: 'Gas smell at the meter', name: 'Kim Minsu', email: 'minsu@example.kr', consent: { personalData: true, email: true, sms: false }, language: 'en' };
    const filed = await suite.api.call('POST', '/portal/complaints', { body: filing });
    expect(filed.status).toBe(201);
    const token = (filed.body.followUpUrl as string).split('/').pop()!;
    expect((await suite.api.call('GET', `/portal/cases/${token}`)).status).toBe(200);
    const id = (await suite.api.call('GET', `/complaints/${filed.body.reference}`, { as: staff.office })).body.id as string;
    await suite.admin.query(`DELETE FROM "${suite.api.schema}".events WHERE stream_id = $1 AND revision = 0`, [complaintStreamId(id)]);

    for (const answer of [await suite.api.call('GET', `/portal/cases/${token}`), await suite.api.call('POST', `/portal/cases/${token}/withdraw`, { body: { reason: 'No longer needed' } })]) {
      expect(answer).toMatchObject({ status: 500, body: { code: 'case-unavailable', retry: false } });
      expect(answer.body.message).toContain('the complaints office has been told');
      expect(JSON.stringify(answer.body)).not.toMatch(new RegExp(`${id}|stream|revision|hash`));
    }
    expect(await suite.api.call('GET', `/complaints/${id}`, { as: staff.office })).toMatchObject({ status: 500, body: { code: 'history-damaged', complaintId: id, revision: 0 } });
  });
});
