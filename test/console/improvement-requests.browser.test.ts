import { beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { TokenClaims } from '../../src/auth/sign-token.js';
import { PROJECTIONS, type ProjectionRunner } from '../../src/projections/index.js';
import { complaintBody, staff, type TestApi } from '../support/api.js';
import { consoleSuite, screenshotBothWidths, signIn as signInAs } from './browser.js';

/** Improvement requests through the console (issue 17 §1): filed from a complaint, reported by the department, decided by the committee. */
jest.setTimeout(120_000);

const suite = consoleSuite();
const { pageErrors } = suite;
let api: TestApi;
let page: Page;
beforeAll(() => {
  ({ api, page } = suite);
});

const signIn = (claims: TokenClaims): Promise<void> => signInAs(page, api, claims);

async function openRequest(id: string): Promise<void> {
  await page.goto(`${api.url}/#/improvements/${id}`);
  await page.getByRole('heading', { name: 'What you can do now' }).waitFor();
}

/** Opens a command's form, lets `fill` fill it in, submits and waits for the request's new state. */
async function give(id: string, label: string, fill: () => Promise<void>, state: string, stateLabel: string): Promise<void> {
  await page.getByRole('button', { name: label, exact: true }).click();
  await fill();
  await page.getByRole('button', { name: `Submit: ${label}` }).click();
  await page.getByRole('status').filter({ hasText: `${label}: done. The request is now ${stateLabel}.` }).waitFor();
  expect((await api.call('GET', `/improvement-requests/${id}`, { as: staff.office })).body.state).toBe(state);
}

const buttons = () => page.locator('.commands button').evaluateAll((all) => all.map((b) => b.getAttribute('data-command')));

describe('an improvement request through the console', () => {
  let requestId = '';

  it('the complaints office files a request from the complaint\'s page', async () => {
    const complaint = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
    const complaintId = complaint.body.id as string;
    await signIn(staff.office);
    await page.goto(`${api.url}/#/cases/${complaintId}`);
    await page.getByRole('heading', { name: 'Improvement requests from this complaint' }).waitFor();
    await page.getByRole('link', { name: 'File an improvement request' }).click();
    await page.getByRole('heading', { name: 'File an improvement request' }).waitFor();
    await page.locator('#form-file-improvement-department').selectOption('inspection');
    await page.locator('#form-file-improvement-change').fill('Inspect the gas meters of public buildings every year');
    await page.locator('#form-file-improvement-reason').fill('Leaks reported at two community centres');
    await screenshotBothWidths(page, 'improvement-file');
    await page.getByRole('button', { name: 'File the request', exact: true }).click();
    await page.getByRole('heading', { name: /^Improvement request .* Requested$/ }).waitFor();
    requestId = decodeURIComponent(new URL(page.url()).hash.split('/')[2]!);
    const filed = await api.call('GET', `/improvement-requests/${requestId}`, { as: staff.office });
    expect(filed.body).toMatchObject({ state: 'requested', department: 'inspection', complaints: [complaintId] });
    // The complaint's page lists the request it led to; the request links back to the complaint.
    expect(await page.locator(`dd[data-field="complaints"] a[href="#/cases/${complaintId}"]`).count()).toBe(1);
    await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
    await page.goto(`${api.url}/#/cases/${complaintId}`);
    await page.locator(`li[data-improvement="${requestId}"]`).waitFor();
  });

  it('the head of the department plans, makes the change and reports the result; the office verifies', async () => {
    await signIn(staff.head);
    await page.getByRole('link', { name: 'Improvement requests' }).click();
    await page.locator(`tr[data-improvement="${requestId}"]`).waitFor();
    await openRequest(requestId);
    expect(await buttons()).toEqual((await api.call('GET', `/improvement-requests/${requestId}`, { as: staff.head })).body.yourCommands);
    await give(requestId, 'Plan the change', () => page.locator('#form-plan-plan').fill('A yearly inspection round from January'), 'planned', 'Planned');
    await give(requestId, 'Record the change made', () => page.locator('#form-implement-summary').fill('Round staffed and scheduled'), 'implemented', 'Implemented');
    await give(requestId, 'Report the result', () => page.locator('#form-report-result-result').fill('All meters inspected; no leak since'), 'result-reported', 'Result reported');
    await screenshotBothWidths(page, 'improvement-request');
    await signIn(staff.office);
    await openRequest(requestId);
    await give(requestId, 'Verify the result', () => page.locator('#form-verify-note').fill('Checked on site'), 'verified', 'Verified');
    expect(await page.locator('.timeline > li').count()).toBe(5);
  });

  it('a declined request: the head gives the written reason, the office records the committee\'s decision and who decided', async () => {
    const complaint = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
    const filed = await api.call('POST', '/improvement-requests', { as: staff.office, body: { department: 'inspection', complaints: [complaint.body.id], change: 'Replace all meters', reason: 'Old meters leak' } });
    const id = filed.body.id as string;
    await signIn(staff.head);
    await openRequest(id);
    await give(id, 'Decline (written reason)', () => page.locator('#form-decline-reason').fill('The meters belong to the gas company'), 'declined', 'Declined');
    await signIn(staff.office);
    await openRequest(id);
    await page.getByRole('button', { name: 'Record the CS committee’s decision', exact: true }).click();
    await page.locator('#form-record-committee-decision-decision').selectOption('uphold');
    await page.locator('#form-record-committee-decision-decidedBy').fill('CS운영위원회 2027-1차');
    await page.getByRole('button', { name: 'Submit: Record the CS committee’s decision' }).click();
    // Without a new due date the API refuses, naming the field, and the form shows it beside it.
    await page.locator('#form-record-committee-decision-dueOn[aria-invalid="true"]').waitFor();
    // A date field is the browser's date picker (format: date), so it cannot be given as free text.
    expect(await page.locator('#form-record-committee-decision-dueOn').getAttribute('type')).toBe('date');
    await page.locator('#form-record-committee-decision-dueOn').fill('2099-06-30');
    await page.getByRole('button', { name: 'Submit: Record the CS committee’s decision' }).click();
    await page.getByRole('status').filter({ hasText: 'Record the CS committee’s decision: done. The request is now Requested.' }).waitFor();
    const decided = await api.call('GET', `/improvement-requests/${id}`, { as: staff.office });
    expect(decided.body).toMatchObject({ state: 'requested', dueOn: '2099-06-30', committeeDecisions: [{ decision: 'uphold', decidedBy: 'CS운영위원회 2027-1차' }] });
    expect(pageErrors).toEqual([]);
  });

  it('a command on a request someone changed meanwhile says so (412) and Reload shows the change', async () => {
    const complaint = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody() });
    const filed = await api.call('POST', '/improvement-requests', { as: staff.office, body: { department: 'inspection', complaints: [complaint.body.id], change: 'Replace all meters', reason: 'Old meters leak' } });
    const id = filed.body.id as string;
    await signIn(staff.head);
    await openRequest(id);
    await page.getByRole('button', { name: 'Plan the change', exact: true }).click();
    await page.locator('#form-plan-plan').fill('A yearly round');
    // Another head plans it first, through the API.
    expect((await api.call('POST', `/improvement-requests/${id}/plan`, { as: staff.head, body: { plan: 'Their plan' } })).status).toBe(200);
    await page.getByRole('button', { name: 'Submit: Plan the change' }).click();
    await page.getByRole('alert').filter({ hasText: 'Someone changed this case since you opened it (now at revision 1)' }).waitFor();
    await page.getByRole('alert').getByRole('button', { name: 'Reload' }).click();
    await page.getByRole('heading', { name: /^Improvement request .* Planned$/ }).waitFor();
    expect((await api.call('GET', `/improvement-requests/${id}`, { as: staff.office })).body.plan).toMatchObject({ text: 'Their plan' });
    expect(pageErrors).toEqual([]);
  });
});
