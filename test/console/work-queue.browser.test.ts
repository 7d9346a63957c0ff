import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import { complaintBody, staff, type TestApi } from '../support/api.js';
import { consoleSuite, signIn, until, WIDTHS } from './browser.js';

/**
 * What a tester found in a day's work with the console, in Chromium against the real service: overdue
 * cases cut from a long inbox, an anonymous complaint refused, typed times read in the browser's zone,
 * a long description widening the inbox, and actions offered that the API refuses.
 */
jest.setTimeout(240_000);

/** The service's clock: a Friday morning in Seoul; the old cases were filed two weeks before. */
const NOW = new Date('2026-12-04T11:00:00+09:00');
let now = new Date(NOW.getTime() - 14 * 24 * 3600_000);
const suite = consoleSuite({ clock: () => now });
const { pageErrors } = suite;
let api: TestApi;
let page: Page;
beforeAll(() => {
  ({ api, page } = suite);
});

const file = async (overrides: Record<string, unknown> = {}): Promise<{ id: string; reference: string }> => {
  const answer = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody(overrides) });
  expect(answer.status).toBe(201);
  return { id: answer.body.id as string, reference: answer.body.reference as string };
};
const rowIds = (page: Page) => page.locator('table.cases tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-case')));

describe('an inbox longer than one screenful', () => {
  const old: string[] = [];

  it('shows the oldest, breached cases first, and the Breached filter finds every one', async () => {
    for (let i = 0; i < 5; i++) old.push((await file({ description: `Filed two weeks ago, number ${i}.` })).id);
    now = NOW;
    for (let batch = 0; batch < 16; batch++) await Promise.all(Array.from({ length: 20 }, (_, i) => file({ description: `Filed this morning, ${batch}-${i}.` })));
    await until(async () => (await api.call('GET', '/reports/sla?open=true&limit=1000', { as: staff.office })).body.items.length === 325);
    await until(async () => (await api.call('GET', '/complaints?sla=breached&limit=100', { as: staff.office })).body.items.length === 5);

    // The overdue ones assigned: the inbox lists the open cases of every state as one list, most urgent first.
    for (const id of old) expect((await api.call('POST', `/complaints/${id}/assign`, { as: staff.intake, body: {} })).status).toBe(200);
    await until(async () => (await api.call('GET', '/complaints?state=assigned&limit=100', { as: staff.office })).body.items.length === 5);

    await signIn(page, api, staff.office);
    await page.locator('table.cases').waitFor();
    // 325 open cases: the inbox loads 300, and the ones it leaves out are the least urgent; "Show more cases" loads them.
    expect(await rowIds(page)).toHaveLength(300);
    expect((await rowIds(page)).slice(0, 5)).toEqual(old);
    await page.getByText('The 300 most urgent cases are shown; there are more.').waitFor();
    await page.getByRole('button', { name: 'Show more cases' }).click();
    await page.getByText('Cases: 325, most urgent first').waitFor();
    expect((await rowIds(page)).slice(0, 5)).toEqual(old);
    expect(await page.getByRole('button', { name: 'Show more cases' }).count()).toBe(0);

    await page.getByLabel('SLA', { exact: true }).selectOption({ label: 'Breached' });
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('Cases: 5, most urgent first').waitFor();
    expect(await rowIds(page)).toEqual(old);
    expect(await page.locator('table.cases tbody tr .badge', { hasText: 'Breached' }).count()).toBe(5);

    // The Cases list (every state) too.
    await page.goto(`${api.url}/#/cases`);
    await page.locator('table.cases').waitFor();
    expect((await rowIds(page)).slice(0, 5)).toEqual(old);
    expect(pageErrors).toEqual([]);
  });
});

describe('going back to a filtered list', () => {
  it('keeps its filters in the address, so Back, a refresh or a link shows the same list (a staff tester got the default list)', async () => {
    await signIn(page, api, staff.office);
    await page.locator('table.cases').waitFor();
    await page.getByLabel('State', { exact: true }).selectOption('received');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/#\/inbox\?state=received$/);
    await page.getByText('The 300 most urgent cases are shown; there are more.').waitFor();
    // The row pinned by its case, not its place: the list may render again meanwhile (its subject lines arrive).
    const id = await page.locator('table.cases tbody tr').nth(150).getAttribute('data-case');
    const row = page.locator(`table.cases tbody tr[data-case="${id}"]`);
    await row.getByRole('link').click();
    await page.getByRole('heading', { name: 'What you can do now' }).waitFor();
    expect(page.url()).toMatch(new RegExp(`#/cases/${id}$`));
    await page.goBack();
    await page.getByText('The 300 most urgent cases are shown; there are more.').waitFor();
    expect(await page.getByLabel('State', { exact: true }).inputValue()).toBe('received');
    await page.reload();
    await page.locator('table.cases').waitFor();
    expect(await page.getByLabel('State', { exact: true }).inputValue()).toBe('received');
    expect(pageErrors).toEqual([]);
  });
});

describe('receiving a complaint in the console', () => {
  async function fillReceipt(page: Page, description: string) {
    await page.getByRole('link', { name: 'New complaint' }).click();
    await page.getByRole('heading', { name: 'Receive a complaint' }).waitFor();
    await page.getByLabel('Channel').selectOption({ label: 'Web' });
    await page.locator('#form-receive-route-kind').selectOption('internal');
    await page.getByLabel('Category').selectOption({ label: 'Defective facility or product' });
    await page.getByLabel('Description').fill(description);
  }

  it('receives an anonymous complaint: every field of the complainant left empty sends an empty complainant', async () => {
    await signIn(page, api, staff.intake);
    await fillReceipt(page, 'A anonymous note about a leaking pipe at the depot.');
    // The complainant's language reads as a language, not a code (a staff tester saw "ko" and "en").
    expect(await page.locator('#form-receive-complainant-language option').allTextContents()).toEqual(expect.arrayContaining(['Korean (한국어)', 'English']));
    const sent = page.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/complaints');
    await page.getByRole('button', { name: 'Submit: Receive' }).click();
    expect((await sent).postDataJSON()).toMatchObject({ complainant: {} });
    await page.getByRole('heading', { name: /^Complaint / }).waitFor();
    const id = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
    expect((await api.call('GET', `/complaints/${id}`, { as: staff.office })).body).toMatchObject({ unidentified: true });
    expect(pageErrors).toEqual([]);
  });

  it("reads a typed date-time in the calendar's time zone, not the browser's", async () => {
    const context = await suite.browser.newContext({ viewport: { width: WIDTHS.wide, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
    try {
      const london = await context.newPage();
      await signIn(london, api, staff.intake);
      await fillReceipt(london, 'A letter received at the counter on Thursday morning.');
      await london.getByLabel('Name').fill('김민수');
      await london.getByLabel('Received at').fill('2026-12-03T10:00');
      const sent = london.waitForRequest((r) => r.method() === 'POST' && new URL(r.url()).pathname === '/complaints');
      await london.getByRole('button', { name: 'Submit: Receive' }).click();
      const receivedAt = (await sent).postDataJSON().receivedAt as string;
      expect(receivedAt).toMatch(/^2026-12-03T10:00(:00(\.000)?)?\+09:00$/);
      await london.getByRole('heading', { name: /^Complaint / }).waitFor();
      const id = decodeURIComponent(new URL(london.url()).hash.split('/')[2]!);
      expect((await api.call('GET', `/complaints/${id}`, { as: staff.office })).body.receivedAt).toBe('2026-12-03T01:00:00.000Z');
      // A service whose calendar is New York's (GET /catalog/calendar says so): the same instant reads in New York time.
      const newYork = await context.newPage();
      await newYork.route('**/catalog/calendar', (route) => route.fulfill({ json: { timeZone: 'America/New_York' } }));
      await signIn(newYork, api, staff.office);
      await newYork.goto(`${api.url}/#/cases/${id}`);
      await newYork.getByText('2 Dec 2026, 20:00').first().waitFor();
    } finally {
      await context.close();
    }
  });
});

describe('a long description in the inbox', () => {
  it('is cut by the server and wraps in its cell: the table is no wider than the window', async () => {
    const long = await file({ category: 'budget-waste', description: 'L'.repeat(10_000) });
    await until(async () => (await api.call('GET', '/complaints?category=budget-waste', { as: staff.office })).body.items.some((c: { id: string }) => c.id === long.id));
    await signIn(page, api, staff.office);
    await page.getByLabel('Category').selectOption({ label: 'Budget waste report' });
    await page.getByRole('button', { name: 'Apply' }).click();
    const subject = page.locator(`tr[data-case="${long.id}"] .subject`);
    await subject.waitFor();
    expect(await subject.textContent()).toBe(`${'L'.repeat(100)}…`);
    const table = await page.locator('table.cases').evaluate((t) => t.getBoundingClientRect().width);
    expect(table).toBeLessThanOrEqual(Number(await page.evaluate('document.documentElement.clientWidth')));
    // At 1280 pixels every column is in sight (no scrolling the table to Materials), and the subject is not the one squeezed ("drivewa y").
    expect(await page.locator('.table-wrap').filter({ has: page.locator('table.cases') }).evaluate((w) => w.scrollWidth <= w.clientWidth)).toBe(true);
    expect(await subject.evaluate((s) => s.getBoundingClientRect().width)).toBeGreaterThanOrEqual(160);
  });
});

describe('actions the console offers are those the API takes', () => {
  let assigned: { id: string; reference: string };
  let decided: { id: string; reference: string };

  beforeAll(async () => {
    assigned = await file({ description: 'Routed to inspection, not yet investigated.' });
    decided = await file({ description: 'Routed to inspection and decided.' });
    for (const { id } of [assigned, decided]) expect((await api.call('POST', `/complaints/${id}/assign`, { as: staff.intake, body: {} })).status).toBe(200);
    // A handler of inspection holding a case: the console offers it when assigning.
    const held = await file({ description: 'Held by a handler of inspection.' });
    expect((await api.call('POST', `/complaints/${held.id}/assign`, { as: staff.office, body: { department: 'inspection', handler: 'emp-hong' } })).status).toBe(200);
    await until(async () => (await api.call('GET', '/complaints/handlers?department=inspection', { as: staff.head })).body.items.some((h: { handler: string }) => h.handler === 'emp-hong'));
    const findings = { summary: 'Valve seal worn', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: false }] };
    expect((await api.call('POST', `/complaints/${decided.id}/record-findings`, { as: staff.handler, body: findings })).status).toBe(200);
    expect((await api.call('POST', `/complaints/${decided.id}/decide`, { as: staff.head, body: { outcome: 'not-upheld', basis: 'Gas Safety Act art. 17' } })).status).toBe(200);
    await until(async () => {
      const items: { id: string; state: string }[] = (await api.call('GET', '/complaints?involving=inspection&limit=100', { as: staff.head })).body.items;
      return items.some((c) => c.id === decided.id && c.state === 'decided') && items.some((c) => c.id === assigned.id && c.state === 'assigned');
    });
  });

  it("a department head's bulk assignment offers the cases it can reassign, not decided ones", async () => {
    await signIn(page, api, staff.head);
    await page.locator(`tr[data-case="${decided.id}"]`).waitFor();
    expect(await page.getByLabel(`Select ${assigned.reference}`).count()).toBe(1);
    expect(await page.getByLabel(`Select ${decided.reference}`).count()).toBe(0);
    await page.getByLabel(`Select ${assigned.reference}`).check();
    await page.locator('#assign-to-suggestions option[value="emp-hong"]').waitFor({ state: 'attached' });
    expect(await page.locator('#assign-to').getAttribute('list')).toBe('assign-to-suggestions');
    await page.getByLabel(`Select ${assigned.reference}`).uncheck();
  });

  it("a department head's Reassign names a handler within the department only, offering the department's handlers, starting with the case's", async () => {
    await page.goto(`${api.url}/#/cases/${assigned.reference}`);
    await page.getByRole('button', { name: 'Reassign', exact: true }).click();
    const department = page.locator('#form-reassign-department');
    const choices = await department.locator('option').evaluateAll((options) => options.map((o) => o.getAttribute('value')).filter((v) => v !== ''));
    expect(choices).toEqual(['inspection']);
    expect(await department.inputValue()).toBe('inspection');
    // Suggested, not imposed: a typed id is still sent (there is no staff directory to check it against).
    const offered = page.locator('#form-reassign-handler-suggestions option[value="emp-hong"]');
    await offered.waitFor({ state: 'attached' });
    expect(await offered.getAttribute('label')).toBe('running cases in this department: 1');
    expect(await page.locator('#form-reassign-handler').getAttribute('list')).toBe('form-reassign-handler-suggestions');
    // Once this case is theirs too, the count says so (it was fetched only when the department changed).
    await page.locator('#form-reassign-handler').fill('emp-hong');
    await page.getByRole('button', { name: 'Submit: Reassign' }).click();
    await page.getByRole('status').filter({ hasText: 'Reassign: done' }).waitFor();
    await page.getByRole('button', { name: 'Reassign', exact: true }).click();
    await page.locator('#form-reassign-handler-suggestions option[value="emp-hong"][label="running cases in this department: 2"]').waitFor({ state: 'attached' });
    // The form starts with the case's handler: a staff tester sent it with the field left empty, and the case lost its handler.
    expect(await page.locator('#form-reassign-handler').inputValue()).toBe('emp-hong');
    // Joint handling is routed by the complaints office: the head is not offered a field the API refuses them.
    expect(await page.locator('[id^="form-reassign-cooperatingDepartments"]').count()).toBe(0);
  });

  it("another department's case says whose it is, not that nothing can be done in its state", async () => {
    await signIn(page, api, staff.otherHandler);
    await page.goto(`${api.url}/#/cases/${assigned.reference}`);
    await page.getByText('This case is handled by Inspection office: its handling is that department’s and the complaints office’s.').waitFor();
    expect(await page.getByText('Nothing you may do in this state.').count()).toBe(0);
  });

  it('what was typed in a form and not sent is there again after a refresh, and gone once cancelled (a staff tester lost a findings draft)', async () => {
    await signIn(page, api, staff.handler);
    await page.goto(`${api.url}/#/cases/${assigned.reference}`);
    await page.getByRole('button', { name: 'Pause the clock', exact: true }).click();
    await page.getByLabel('Reason').selectOption({ label: 'Inspection' });
    await page.getByLabel('Note').fill('Waiting for the lab report');
    await page.reload();
    await page.getByRole('button', { name: 'Pause the clock', exact: true }).click();
    expect(await page.getByLabel('Note').inputValue()).toBe('Waiting for the lab report');
    expect(await page.getByLabel('Reason').inputValue()).toBe('inspection');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.reload();
    await page.getByRole('button', { name: 'Pause the clock', exact: true }).click();
    expect(await page.getByLabel('Note').inputValue()).toBe('');
  });

  it('a compliment shows no due time beside its "No deadline" badge (a staff tester read both)', async () => {
    const praise = await file({ category: 'compliment', description: 'The inspector was kind and quick.' });
    await until(async () => (await api.call('GET', `/reports/sla?complaint=${praise.id}`, { as: staff.office })).body.items[0]?.status === 'not-applicable');
    await signIn(page, api, staff.office);
    await page.goto(`${api.url}/#/cases/${praise.reference}`);
    const panel = page.getByRole('region', { name: 'SLA position' });
    await panel.locator('[data-sla="status"]').filter({ hasText: 'No deadline' }).waitFor();
    expect(await panel.locator('[data-sla="due"]').textContent()).toBe('None: no deadline applies to it');
  });

  it("a received case's Assign offers the handlers of the department its category goes to", async () => {
    const received = await file({ description: 'Just received, not yet routed.' });
    await signIn(page, api, staff.intake);
    await page.goto(`${api.url}/#/cases/${received.reference}`);
    await page.getByRole('button', { name: 'Assign', exact: true }).click();
    expect(await page.locator('#form-assign-department').inputValue()).toBe('');
    await page.locator('#form-assign-handler-suggestions option[value="emp-hong"]').waitFor({ state: 'attached' });
    // A department nobody holds a case of offers nobody, and says why, so an empty list is not taken for a fault.
    await page.locator('#form-assign-department').selectOption('testing');
    const hint = page.locator('#form-assign-handler-hint');
    await hint.waitFor();
    expect(await hint.textContent()).toBe('No running case in this department is assigned yet, so no handler is offered: type the handler’s id.');
    expect(await page.locator('#form-assign-handler').getAttribute('aria-describedby')).toContain('form-assign-handler-hint');
    expect(await page.locator('#form-assign-handler-suggestions option').count()).toBe(0);
    await page.locator('#form-assign-department').selectOption('inspection');
    await page.locator('#form-assign-handler-suggestions option[value="emp-hong"]').waitFor({ state: 'attached' });
    expect(await hint.count()).toBe(0);
    await signIn(page, api, staff.head);
  });

  it('closing a decided case whose decision was not told pre-selects no reason and says to communicate the decision first', async () => {
    await page.goto(`${api.url}/#/cases/${decided.reference}`);
    await page.getByRole('button', { name: 'Close', exact: true }).click();
    const reason = page.locator('#form-close-reason');
    const choices = await reason.locator('option').evaluateAll((options) => options.map((o) => o.getAttribute('value')).filter((v) => v !== ''));
    expect(choices).toEqual(['resolved', 'complainant-unreachable']);
    // Never the deemed-withdrawal reason chosen for the clerk.
    expect(await reason.inputValue()).toBe('');
    expect(await page.locator('#form-close-reason-hint').textContent()).toContain('communicate it first');
    await page.getByRole('button', { name: 'Submit: Close' }).click();
    await page.getByRole('button', { name: 'Yes, close the case' }).click();
    await page.getByRole('alert').filter({ hasText: 'has not been communicated' }).waitFor();
    expect((await api.call('GET', `/complaints/${decided.id}`, { as: staff.office })).body.state).toBe('decided');
    expect(pageErrors).toEqual([]);
  });
});

describe('excluding at initial assessment', () => {
  it('a severity chosen before the exclusion is not sent; its note is asked for before the confirmation; confirmed, the case is rejected at assessment', async () => {
    const filed = await file({ description: 'Not a complaint: a question about opening hours.' });
    await signIn(page, api, staff.intake);
    await page.goto(`${api.url}/#/cases/${filed.reference}`);
    await page.locator('button[data-command="assess"]').click();
    // The keyboard is in the form just opened, not left among the command buttons.
    await page.locator('#form-assess :focus').waitFor();
    await page.locator('#form-assess-severity').selectOption({ label: 'High' });
    await page.locator('#form-assess-exclusion').selectOption({ index: 1 });
    // Without the note it needs, the API names the note before the page asks to confirm (a staff tester confirmed first).
    await page.getByRole('button', { name: 'Submit: Assess' }).click();
    await page.locator('#form-assess-note-error').waitFor();
    expect(await page.getByRole('button', { name: 'Yes, reject it' }).count()).toBe(0);
    await page.locator('#form-assess-note').fill('A question, answered by phone.');
    await page.getByRole('button', { name: 'Submit: Assess' }).click();
    await page.getByRole('button', { name: 'Yes, reject it' }).click();
    await page.getByRole('status').filter({ hasText: 'Assess: done' }).waitFor();
    const view = (await api.call('GET', `/complaints/${filed.id}`, { as: staff.office })).body;
    expect(view.closure).toMatchObject({ as: 'rejected-at-assessment', reason: 'A question, answered by phone.' });
    // Nothing runs any more, so no interim notice is owed: the SLA panel never says "due" (the report gives no due date then).
    // The reload forgets the console's own write, so the report is read once its read model has the exclusion.
    await until(async () => (await api.call('GET', `/reports/sla?complaint=${filed.id}`, { as: staff.office })).body.items[0]?.stoppedAt != null);
    await page.reload();
    const interim = page.getByRole('region', { name: 'SLA position' }).locator('[data-sla="interim"]');
    await interim.waitFor();
    expect((await interim.textContent())?.trim()).toBe('not sent (no longer owed: the case is no longer running)');
    expect(pageErrors).toEqual([]);
  });
});

describe('an unidentified complainant', () => {
  it('one who gave a name but no contact is unidentified, and the label says why as the engine decides it, in both languages', async () => {
    const named = await file({ description: 'A name, and no way to reach them.', complainant: { name: '홍길동' }, consent: { sms: false, email: false, phone: false } });
    expect((await api.call('GET', `/complaints/${named.id}`, { as: staff.office })).body.unidentified).toBe(true);
    await signIn(page, api, staff.office);
    await page.goto(`${api.url}/#/cases/${named.reference}`);
    const label = page.locator('dd[data-field="unidentified"]').locator('xpath=preceding-sibling::dt');
    await label.waitFor();
    expect(await label.textContent()).toBe('Unidentified (no name, or no phone, e-mail or address to reach them)');
    await page.getByRole('button', { name: 'Show the console in Korean' }).click();
    await label.filter({ hasText: '신원 불명 (성명이 없거나, 연락할 전화·전자우편·주소가 없음)' }).waitFor();
    await page.getByRole('button', { name: '콘솔을 영어로 보기' }).click();
    await page.getByRole('button', { name: 'Show the console in Korean' }).waitFor();
  });
});

describe('a case is named by its reference, and a paused clock says so', () => {
  it('the receipt is confirmed with the reference', async () => {
    await signIn(page, api, staff.intake);
    await page.getByRole('link', { name: 'New complaint' }).click();
    await page.getByLabel('Channel').selectOption({ label: 'Web' });
    await page.locator('#form-receive-route-kind').selectOption('internal');
    await page.getByLabel('Category').selectOption({ label: 'Defective facility or product' });
    await page.getByLabel('Description').fill('The confirmation should name the reference.');
    await page.getByRole('button', { name: 'Submit: Receive' }).click();
    await page.getByRole('heading', { name: /^Complaint \d{4}-\d{6}/ }).waitFor();
    const id = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
    const { reference } = (await api.call('GET', `/complaints/${id}`, { as: staff.office })).body;
    await page.getByText(`Complaint received: ${reference}.`).waitFor();
  });

  it("the History page's heading is the case's reference", async () => {
    const filed = await file({ description: 'A case an auditor steps through.' });
    await signIn(page, api, staff.auditor);
    await page.goto(`${api.url}/#/cases/${filed.id}/history`);
    await page.getByRole('heading', { name: `History of complaint ${filed.reference}` }).waitFor();
  });

  it('a paused case reads "Clock paused" where its due time would be', async () => {
    const paused = await file({ category: 'inspection-objection', description: 'Waiting for the documents the complainant sends.' });
    expect((await api.call('POST', `/complaints/${paused.id}/pause-clock`, { as: staff.office, body: { reason: 'document-supplement' } })).status).toBe(200);
    await until(async () => {
      const [position] = (await api.call('GET', `/reports/sla?complaint=${paused.id}`, { as: staff.office })).body.items;
      return position !== undefined && position.dueAt === null;
    });
    await signIn(page, api, staff.office);
    await page.getByLabel('Category').selectOption({ label: 'Inspection objection' });
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.locator(`tr[data-case="${paused.id}"] [data-sla="paused"]`, { hasText: 'Clock paused' }).waitFor();
    expect(pageErrors).toEqual([]);
  });
});
