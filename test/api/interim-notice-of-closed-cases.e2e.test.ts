import { describe, expect, it } from '@jest/globals';
import { PROJECTIONS } from '../../src/projections/index.js';
import { complaintBody, serviceForSuite, staff } from '../support/api.js';

/**
 * A closed or withdrawn case owes no interim notice any more: its SLA position shows none due
 * (interimNoticeDueAt null) unless one was sent, when it shows when.
 */
const suite = serviceForSuite();

const slaOf = async (id: string): Promise<Record<string, unknown>> => {
  await suite.api.app.get(PROJECTIONS).caughtUp();
  const response = await suite.api.call('GET', `/reports/sla?complaint=${id}`, { as: staff.manager });
  expect(response.status).toBe(200);
  const items = (response.body as { items: Record<string, unknown>[] }).items;
  expect(items).toHaveLength(1);
  return items[0]!;
};
const received = async (): Promise<string> => {
  const response = await suite.api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
  expect(response.status).toBe(201);
  return response.body.id as string;
};
const ok = async (path: string, body: Record<string, unknown>, as: (typeof staff)[keyof typeof staff] = staff.office) => {
  const response = await suite.api.call('POST', path, { as, body });
  expect([200, 201]).toContain(response.status);
};

describe('the interim notice of a case no longer open', () => {
  it('an open case without one has it due', async () => {
    const id = await received();
    const item = await slaOf(id);
    expect(item).toMatchObject({ open: true, interimNoticeSentAt: null });
    expect(typeof item.interimNoticeDueAt).toBe('string');
  });

  it('the SLA position is found by the case’s reference too; a reference no case has is a 404', async () => {
    const id = await received();
    const { reference } = (await suite.api.call('GET', `/complaints/${id}`, { as: staff.office })).body as { reference: string };
    expect(await slaOf(reference)).toMatchObject({ id });
    expect(await suite.api.call('GET', '/reports/sla?complaint=1999-999999', { as: staff.manager })).toMatchObject({ status: 404, body: { message: 'complaint 1999-999999 not found' } });
  });

  it('a case excluded at initial assessment (closed, no deadline to judge) has none due', async () => {
    const id = await received();
    await ok(`/complaints/${id}/assess`, { exclusion: 'private-law', note: 'A dispute between neighbours' }, staff.intake);
    expect(await slaOf(id)).toMatchObject({ status: 'not-applicable', open: false, interimNoticeDueAt: null, interimNoticeSentAt: null, interimNoticeMissing: false });
  });

  it('a withdrawn case has none due', async () => {
    const id = await received();
    await ok(`/complaints/${id}/withdraw`, { reason: 'Sorted out with the neighbour' });
    expect(await slaOf(id)).toMatchObject({ status: 'not-applicable', open: false, interimNoticeDueAt: null, interimNoticeSentAt: null });
  });

  it('a closed case that sent one shows when it was sent', async () => {
    const id = await received();
    await ok(`/complaints/${id}/send-interim-notice`, { channel: 'email', progress: 'Inspector booked', delayReason: 'Site visit' });
    await ok(`/complaints/${id}/withdraw`, { reason: 'Sorted out with the neighbour' });
    const item = await slaOf(id);
    expect(item).toMatchObject({ open: false, interimNoticeMissing: false });
    expect(typeof item.interimNoticeSentAt).toBe('string');
    expect(typeof item.interimNoticeDueAt).toBe('string');
  });
});
