import { describe, expect, it } from '@jest/globals';
import { complaintBody, serviceForSuite, staff } from '../support/api.js';

// GET /complaints/handlers: whom a department's running cases are assigned to, the names a head or the
// complaints office chooses from when assigning (the console offers them; a typed id was taken unchecked).
const suite = serviceForSuite();

async function assigned(department: string, handler: string): Promise<string> {
  const { api } = suite;
  const id = (await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() })).body.id as string;
  expect((await api.call('POST', `/complaints/${id}/assign`, { as: staff.office, body: { department, handler } })).status).toBe(200);
  return id;
}

describe("a department's handlers", () => {
  it('are those its running cases are assigned to, each with how many it holds, by id; a closed case counts no more', async () => {
    const { api } = suite;
    await assigned('inspection', 'emp-b');
    await assigned('inspection', 'emp-a');
    const withdrawn = await assigned('inspection', 'emp-a');
    await assigned('inspection', 'emp-c');
    await assigned('audit', 'emp-z');
    expect((await api.call('POST', `/complaints/${withdrawn}/withdraw`, { as: staff.office, body: { reason: 'The complainant withdrew by phone.' } })).status).toBe(200);

    // The office's own writes waited for; the head reads the same once they are in.
    const answer = await api.call('GET', '/complaints/handlers?department=inspection', { as: staff.office, headers: { 'x-read-your-writes': 'true' } });
    expect(answer.status).toBe(200);
    // With the read models' state: a read after the wait ran out ('behind') is not this route's fault.
    expect({ readModels: answer.headers.get('x-read-models'), body: answer.body }).toEqual({
      readModels: 'current',
      body: {
        items: [
          { handler: 'emp-a', openCases: 1 },
          { handler: 'emp-b', openCases: 1 },
          { handler: 'emp-c', openCases: 1 },
        ],
      },
    });
    expect((await api.call('GET', '/complaints/handlers?department=inspection', { as: staff.head })).body).toEqual(answer.body);
    expect((await api.call('GET', '/complaints/handlers?department=audit', { as: staff.office })).body.items).toEqual([{ handler: 'emp-z', openCases: 1 }]);
  });

  it('need a department of the catalog: a 400 naming the field otherwise', async () => {
    const { api } = suite;
    expect(await api.call('GET', '/complaints/handlers', { as: staff.head })).toMatchObject({ status: 400, body: { errors: [{ field: 'department', rule: 'is required' }] } });
    const unknown = await api.call('GET', '/complaints/handlers?department=nowhere', { as: staff.head });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].field).toBe('department');
    expect((await api.call('GET', '/complaints/handlers?department=inspection&x=1', { as: staff.head })).status).toBe(400);
    // Given twice: refused once, not also as missing.
    const twice = await api.call('GET', '/complaints/handlers?department=inspection&department=audit', { as: staff.head });
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toEqual([{ field: 'department', rule: expect.stringContaining('must be given once') }]);
  });
});
