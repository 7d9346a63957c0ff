import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { TokenClaims } from '../../src/auth/sign-token.js';
import { DEFAULT_SATISFACTION_ELEMENTS } from '../../domain/catalog.js';
import { loadNoticesConfig } from '../../src/config/config.js';
import { PROJECTIONS, type ProjectionRunner } from '../../src/projections/index.js';
import { staff, startTestApi, type TestApi } from '../support/api.js';
import { eventually, startMailServer, type MailServer } from '../notices/servers.js';
import { ensureConsoleBuilt, launchChromium, screenshotBothWidths, WIDTHS } from './browser.js';

/** The complainant's side in Chromium (issue 22): file, get the link by e-mail, follow the case as staff handle it. */
jest.setTimeout(180_000);

let api: TestApi;
let mail: MailServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  ensureConsoleBuilt();
  mail = await startMailServer();
  browser = await launchChromium();
  api = await startTestApi({ config: { notices: loadNoticesConfig({ SMTP_URL: mail.url, NOTICE_FROM: 'minwon@example.go.kr' }) } });
  context = await browser.newContext({ viewport: { width: WIDTHS.wide, height: 900 }, locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await api?.close();
  await mail?.close();
});

const step = async (as: TokenClaims, reference: string, command: string, body: object = {}) => {
  const answer = await api.call('POST', `/complaints/${reference}/${command}`, { as, body });
  expect({ command, status: answer.status }).toEqual({ command, status: 200 });
  return answer.body;
};

/** Files a complaint through the page (in English) and returns the reference and the link the e-mail carried. */
async function fileThroughThePage(target: Page, name: string, email: string, description: string, attachments: string[] = []): Promise<{ reference: string; link: string }> {
  await target.goto(`${api.url}/#/portal`);
  await target.getByLabel('What is it about?').selectOption('defective-facility');
  await target.getByLabel('What happened, and what would you like us to do?').fill(description);
  await target.getByLabel('Documents you enclose').fill(attachments.join('\n'));
  await target.getByLabel('Your name').fill(name);
  await target.getByLabel('E-mail', { exact: true }).fill(email);
  await target.getByLabel(/my name, contact details/).check();
  await target.getByLabel(/^I agree to receive by e-mail /).check();
  await target.getByRole('button', { name: 'File the complaint' }).click();
  const shown = await target.getByTestId('reference').textContent();
  // The keyboard goes on from the answer, not from the top of the page.
  expect(await target.evaluate('document.activeElement?.id')).toBe('filed-title');
  const reference = /(\d{4}-\d{6})/.exec(shown ?? '')![1]!;
  const message = await eventually(async () => mail.messages.find((m) => m.to && JSON.stringify(m.to).includes(email)), 'the follow-up link by e-mail');
  const link = /(https?:\/\/\S+#\/portal\/case\/\S+)/.exec(message.text ?? '')![1]!;
  expect(message.text).toContain(reference);
  expect(await target.getByTestId('follow-up-url').textContent()).toBe(link);
  return { reference, link };
}

describe('the complaint portal in Chromium', () => {
  let first: { reference: string; link: string };
  let secondReference = '';
  let secondLink = '';

  it('is Korean first, with every field labelled, and says what is missing next to the field', async () => {
    await page.goto(`${api.url}/#/portal`);
    await page.getByRole('heading', { name: '민원 신청' }).waitFor();
    expect(await page.evaluate('document.documentElement.lang')).toBe('ko');
    // Keyboard: the skip link first, then the language button, then the form's fields in order.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.className')).toBe('skip');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.id')).toBe('category');
    // The required fields are marked, as the consent is; the language button's name starts with the label it shows (WCAG 2.5.3).
    expect(await page.locator('label[for=name]').innerText()).toBe('성명 (필수)');
    expect(await page.locator('label[for=email]').innerText()).toBe('전자우편');
    expect(await page.getByRole('button', { name: /^English/ }).count()).toBe(1);
    await screenshotBothWidths(page, 'portal-file-ko');
    await page.getByRole('button', { name: '이 화면을 영어로 보기' }).click();
    await page.getByRole('heading', { name: 'File a complaint' }).waitFor();
    await page.getByRole('button', { name: 'File the complaint' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Please check the fields marked below.' });
    await summary.waitFor();
    // The keyboard is taken to the summary, which names each field and leads to it.
    expect(await page.evaluate("document.activeElement?.getAttribute('role')")).toBe('alert');
    await summary.getByRole('link', { name: /^What is it about\?/ }).click();
    expect(await page.evaluate('document.activeElement?.id')).toBe('category');
    expect(await page.getByLabel('What is it about?').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#consent-personalData').getAttribute('aria-invalid')).toBe('true');
    // The API's rules read in Korean on the Korean page.
    await page.getByRole('button', { name: 'Show this page in Korean' }).click();
    await page.locator('#name').fill('   ');
    await page.locator('#phone').fill('+++');
    // Zero-width characters pasted with the text go no further (the API refuses them); the limit of ten names is said, and its refusal in Korean.
    await page.locator('#description').fill('주차장 안내판이\u200b 잘 안 보입니다.\ufeff');
    await page.locator('#attachments').fill(Array.from({ length: 11 }, (_, i) => `서류-${i + 1}.pdf`).join('\n'));
    expect(await page.locator('#attachments-hint').textContent()).toContain('10개까지');
    await page.getByRole('button', { name: '민원 신청', exact: true }).click();
    await page.locator('#name-error').filter({ hasText: '비어 있으면 안 됩니다.' }).waitFor();
    expect(await page.locator('#phone-error').textContent()).toBe('전화번호는 숫자 세 자리 이상으로 적어 주십시오 (띄어쓰기, +, -, 괄호는 쓸 수 있습니다).');
    expect(await page.locator('#attachments-error').textContent()).toBe('10개까지만 적을 수 있습니다.');
    expect(await page.locator('#description').getAttribute('aria-invalid')).toBeNull();
    // A character that changes what is seen (a text-direction control) is refused, in plain Korean beside the field.
    await page.locator('#name').fill('김\u202e민수');
    await page.getByRole('button', { name: '민원 신청', exact: true }).click();
    await page.locator('#name-error').filter({ hasText: '눈에 보이지 않는 특수 문자' }).waitFor();
    for (const field of ['#name', '#phone', '#description', '#attachments']) await page.locator(field).fill('');
    await page.getByRole('button', { name: '이 화면을 영어로 보기' }).click();
    await page.getByRole('heading', { name: 'File a complaint' }).waitFor();
  });

  it('a complainant files, and gets the reference on the page and the secret link by e-mail', async () => {
    first = await fileThroughThePage(page, 'Kim Minsu', 'minsu@example.kr', 'The gas meter at the community centre smells of gas.', [`${'A'.repeat(199)}Z`, 'meter.jpg']);
    await screenshotBothWidths(page, 'portal-filed');
    const staffView = (await api.call('GET', `/complaints/${first.reference}`, { as: staff.intake })).body;
    expect(staffView).toMatchObject({ channel: 'web', reference: first.reference, consentWording: { email: expect.stringContaining('by e-mail') } });
  });

  it('follows the case as staff advance it: answers an information request, reads the decision, answers the survey', async () => {
    await page.goto(first.link);
    await page.getByRole('heading', { name: `Your complaint ${first.reference}` }).waitFor();
    expect(await page.getByTestId('stage').textContent()).toContain('Received');
    // A document's name of 200 characters wraps at 390 px: the page never scrolls sideways.
    await page.setViewportSize({ width: WIDTHS.narrow, height: 900 });
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(WIDTHS.narrow);
    await page.setViewportSize({ width: WIDTHS.wide, height: 900 });
    // A blank reason is refused beside the field at once; a reason given, withdrawing asks once more, saying it is final, and sends nothing until confirmed.
    const withdrawals: string[] = [];
    page.on('request', (r) => void (r.method() === 'POST' && r.url().endsWith('/withdraw') && withdrawals.push(r.url())));
    await page.getByLabel('Why do you withdraw it?').fill('   ');
    await page.getByRole('button', { name: 'Withdraw the complaint' }).click();
    await page.locator('#withdraw-reason-error').filter({ hasText: 'must not be empty' }).waitFor();
    expect(await page.locator('#withdraw-reason').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate("document.activeElement?.getAttribute('role')")).toBe('alert');
    expect(withdrawals).toHaveLength(1);
    await page.getByLabel('Why do you withdraw it?').fill('The landlord fixed it');
    await page.getByRole('button', { name: 'Withdraw the complaint' }).click();
    const question = page.getByRole('group', { name: /Do you really want to withdraw/ });
    expect(await question.innerText()).toContain('This is final');
    expect(await page.evaluate('document.activeElement?.id')).toBe('withdraw-confirm');
    await question.getByRole('button', { name: 'No, keep my complaint' }).click();
    await page.locator(':focus').filter({ hasText: /^Withdraw the complaint$/ }).waitFor();
    expect(withdrawals).toHaveLength(1);
    // Before anyone handles it, the complainant changes what they wrote (their own act).
    await page.getByLabel('What happened, as it should read now').fill('The gas meter at the community centre smells of gas, since Monday.');
    await page.getByLabel('Why do you change it?').fill('Added when it started');
    await page.getByRole('button', { name: 'Save the change' }).click();
    await page.getByRole('status').filter({ hasText: 'Your change was saved.' }).waitFor();
    // Done: the keyboard goes on from the page's heading, with what was done right under it.
    expect(await page.evaluate('document.activeElement?.tagName')).toBe('H1');
    const { reference } = first;
    expect((await api.call('GET', `/complaints/${reference}`, { as: staff.intake })).body.description).toBe('The gas meter at the community centre smells of gas, since Monday.');
    await step(staff.intake, reference, 'acknowledge');
    await step(staff.intake, reference, 'assign');
    // Staff ask for more: the page shows the request, and the complainant answers with the form beneath it.
    await step(staff.handler, reference, 'request-supplement', { channel: 'email', request: 'Please add the number on the gas meter.' });
    await page.reload();
    const supplement = page.getByTestId('supplement-request');
    await supplement.getByRole('heading', { name: 'We asked you to add to or correct your complaint' }).waitFor();
    expect(await supplement.innerText()).toMatch(/Please add the number on the gas meter\.[\s\S]*Until you answer, the time limit for handling your complaint is on hold\./);
    await page.getByLabel('What happened, as it should read now').fill('The gas meter GM-4471 at the community centre smells of gas, since Monday.');
    await page.getByLabel('Why do you change it?').fill('The meter number, as asked');
    await page.getByRole('button', { name: 'Save the change' }).click();
    await page.getByRole('status').filter({ hasText: 'Your change was saved.' }).waitFor();
    expect(await page.getByTestId('supplement-request').count()).toBe(0);
    expect((await api.call('GET', `/complaints/${reference}`, { as: staff.office })).body.description).toBe('The gas meter GM-4471 at the community centre smells of gas, since Monday.');
    await step(staff.handler, reference, 'send-interim-notice', { channel: 'homepage', progress: 'Site visit booked', delayReason: 'Lab test of the valve' });
    await step(staff.handler, reference, 'request-information', { addressee: 'complainant', request: 'When did you first notice the smell?' });
    await page.reload();
    await page.getByText('Being handled').waitFor();
    await page.getByText(/Site visit booked/).waitFor();
    await page.getByLabel('Your answer').fill('On Monday morning, near the boiler room.');
    await screenshotBothWidths(page, 'portal-case-request');
    // A blank answer is refused beside the answer (the command calls it summary).
    await page.getByLabel('Your answer').fill('   ');
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await page.getByRole('alert').filter({ hasText: 'Please check the fields marked below.' }).waitFor();
    expect(await page.getByLabel('Your answer').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Your answer').fill('On Monday morning, near the boiler room.');
    // While the answer is on its way, a second press sends nothing (a slow network: a double click sent it twice).
    let answersSent = 0;
    await page.route('**/portal/cases/*/answers', async (route) => {
      answersSent += 1;
      await new Promise((resolve) => setTimeout(resolve, 400));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Send the answer' }).dblclick();
    await page.getByRole('status').filter({ hasText: 'Thank you: your answer was sent.' }).waitFor();
    await page.unroute('**/portal/cases/*/answers');
    expect(answersSent).toBe(1);
    expect(await page.getByRole('alert').count()).toBe(0);
    // They see what they answered.
    expect(await page.getByTestId('answer').textContent()).toBe('On Monday morning, near the boiler room.');
    const events = (await api.call('GET', `/complaints/${reference}/events`, { as: staff.handler })).body.events;
    // The notice sender appends its deliveries (actor `system`) whenever they go out: the last event a person gave.
    expect(events.filter((e: { actorRole: string }) => e.actorRole !== 'system').at(-1)).toMatchObject({ type: 'InformationReceived', actorRole: 'complainant', data: { summary: 'On Monday morning, near the boiler room.' } });

    await step(staff.handler, reference, 'record-findings', { summary: 'Valve seal worn', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'procedure-error' }] });
    await step(staff.head, reference, 'decide', { outcome: 'upheld', basis: 'Gas Safety Act art. 17', remedy: 'Seal replaced', compensation: { amount: 10000, currency: 'KRW', description: 'Gift card' } });
    await step(staff.head, reference, 'communicate-decision', { channel: 'homepage', basis: 'Gas Safety Act art. 17', appeal: 'Within 90 days to the Ministry of Trade' });
    await step(staff.handler, reference, 'provide-compensation', { form: 'goods', description: 'Gift card, Onnuri', amount: 10000, currency: 'KRW', providedBy: 'Handler Lee' });
    await step(staff.head, reference, 'close');
    await page.reload();
    await page.getByRole('heading', { name: 'The result' }).waitFor();
    expect(await page.getByTestId('outcome').textContent()).toBe('Upheld');
    await page.getByText('Within 90 days to the Ministry of Trade').waitFor();
    // The compensation granted, as the decision's e-mail says it, and that it was handed over (never by whom).
    expect(await page.getByTestId('compensation').textContent()).toMatch(/^Goods worth KRW\s10,000: Gift card$/);
    expect(await page.getByTestId('compensation-handed-over').textContent()).toMatch(/: Gift card, Onnuri \(Goods worth KRW\s10,000\)$/);
    // Never staff names, findings or subjects.
    const text = await page.locator('main').innerText();
    expect(text).not.toMatch(/Handler Lee|Head Choi|Valve seal|emp-7|u-handler/);
    // The survey asks every element of the catalog, as the catalog names them, in its order.
    const asked = DEFAULT_SATISFACTION_ELEMENTS.map((element) => element.name.en);
    expect(asked).toHaveLength(7);
    // The overall rating is the one the API requires, and the one marked so.
    const legends = DEFAULT_SATISFACTION_ELEMENTS.map((element) => (element.code === 'overall' ? `${element.name.en} (required)` : element.name.en));
    expect(await page.locator('fieldset.scores > legend').allTextContents()).toEqual(legends);
    for (const legend of legends) await page.getByRole('group', { name: legend, exact: true }).getByLabel('4').check();
    await screenshotBothWidths(page, 'portal-case-closed');
    await page.getByRole('button', { name: 'Send the survey' }).click();
    await page.getByRole('status').filter({ hasText: 'Thank you for answering the survey.' }).waitFor();
    const closed = (await api.call('GET', `/complaints/${reference}`, { as: staff.office })).body;
    expect(closed.satisfaction.scores).toEqual(Object.fromEntries(DEFAULT_SATISFACTION_ELEMENTS.map((element) => [element.code, 4])));
  });

  it("a second browser with another case's link sees nothing of the first", async () => {
    const other = await browser.newContext({ viewport: { width: WIDTHS.narrow, height: 900 }, locale: 'en-GB', timezoneId: 'Asia/Seoul' });
    try {
      const second = await other.newPage();
      await second.goto(`${api.url}/#/portal`);
      await second.getByRole('button', { name: '이 화면을 영어로 보기' }).click();
      const theirs = await fileThroughThePage(second, 'Park Jiwoo', 'jiwoo@example.kr', 'The street lamp outside the office is broken.');
      secondReference = theirs.reference;
      secondLink = theirs.link;
      await second.goto(theirs.link);
      await second.getByRole('heading', { name: `Your complaint ${theirs.reference}` }).waitFor();
      // Filed in English, the mailed link opens in English on a device that never chose a language (it said Korean).
      const elsewhere = await browser.newContext({ locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
      try {
        const fresh = await elsewhere.newPage();
        await fresh.goto(theirs.link);
        await fresh.getByRole('heading', { name: `Your complaint ${theirs.reference}` }).waitFor();
      } finally {
        await elsewhere.close();
      }
      const text = await second.locator('body').innerText();
      expect(text).toContain('The street lamp outside the office is broken.');
      expect(text).not.toMatch(new RegExp(`${first.reference}|community centre|Gas Safety Act|Kim Minsu|minsu@`));
      // A link with one character changed opens nothing.
      const token = first.link.split('/').pop()!;
      await second.goto(first.link.replace(token, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`));
      await second.getByRole('alert').filter({ hasText: 'This link does not open a case' }).waitFor();
    } finally {
      await other.close();
    }
  });

  it('the reference and a one-time code sent to the e-mail on record open the case in another browser', async () => {
    const other = await browser.newContext({ viewport: { width: WIDTHS.narrow, height: 900 }, locale: 'en-GB', timezoneId: 'Asia/Seoul' });
    try {
      const again = await other.newPage();
      await again.goto(`${api.url}/#/portal`);
      await again.getByRole('button', { name: '이 화면을 영어로 보기' }).click();
      await again.getByLabel('Case reference').fill(first.reference);
      await again.getByLabel('E-mail address you filed with').fill('minsu@example.kr');
      await again.getByRole('button', { name: 'Send me a code' }).click();
      const message = await eventually(async () => mail.messages.find((m) => m.subject?.includes('확인 코드') || m.subject?.includes('one-time code')), 'the one-time code');
      const code = /(\d{6})$/m.exec(message.text ?? '')![1]!;
      await again.getByLabel('One-time code').fill(code);
      await screenshotBothWidths(again, 'portal-follow-by-code');
      await again.getByRole('button', { name: 'Open the case' }).click();
      await again.getByRole('heading', { name: `Your complaint ${first.reference}` }).waitFor();
    } finally {
      await other.close();
    }
  });

  it('the staff console shows the reference in the inbox and on the case page, and finds the case by it', async () => {
    await page.evaluate("localStorage.setItem('complaint-console.language', 'en')");
    await page.goto(`${api.url}/#/`);
    await page.reload();
    await page.getByLabel('Bearer token').fill(await api.token(staff.office));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // The open case (the second) in the inbox, by its reference, once the list read model has it
    // (another suite's transaction on the server can hold the store's global order back for a while).
    await api.app.get<ProjectionRunner>(PROJECTIONS).caughtUp();
    await page.getByRole('link', { name: secondReference, exact: true }).waitFor();
    await page.getByLabel('Case reference or id').fill(first.reference);
    await page.getByRole('button', { name: 'Open the case' }).click();
    await page.getByRole('heading', { name: new RegExp(`^Complaint ${first.reference}`) }).waitFor();

    // The second complainant lost their link: the office sends a new one to the e-mail on record; the old one stops working.
    await page.goto(`${api.url}/#/`);
    await page.getByLabel('Case reference or id').fill(secondReference);
    await page.getByRole('button', { name: 'Open the case' }).click();
    const sentBefore = mail.messages.length;
    await page.getByRole('button', { name: 'Send a new link by E-mail' }).click();
    await page.getByRole('region', { name: 'The complainant’s follow-up link' }).getByRole('status').filter({ hasText: 'A new link went out by E-mail' }).waitFor();
    const message = await eventually(async () => mail.messages.slice(sentBefore).find((m) => JSON.stringify(m.to).includes('jiwoo@example.kr')), 'the new link by e-mail');
    const newLink = /(https?:\/\/\S+#\/portal\/case\/\S+)/.exec(message.text ?? '')![1]!;
    expect(newLink).not.toBe(secondLink);
    expect(await page.locator('body').innerText()).not.toContain(newLink.split('/').pop()!);
    const complainant = await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Seoul' });
    try {
      const their = await complainant.newPage();
      await their.goto(secondLink);
      await their.getByRole('alert').filter({ hasText: 'This link does not open a case' }).waitFor();
      // The message sends them to the code form "below": it is there.
      await their.getByRole('heading', { name: 'Follow a complaint you filed' }).waitFor();
      expect(await their.getByRole('button', { name: 'Send me a code' }).count()).toBe(1);
      await their.goto(newLink);
      await their.getByRole('heading', { name: `Your complaint ${secondReference}` }).waitFor();
    } finally {
      await complainant.close();
    }
    expect(pageErrors).toEqual([]);
  });
});
