import { describe, expect, it, jest } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { TokenClaims } from '../../src/auth/sign-token.js';
import { staff } from '../support/api.js';
import { consoleSuite } from './browser.js';

/**
 * What a tester found using the portal as complainants do (keyboard only, screen-reader names, a 375 px
 * phone, both languages), each test named after the finding. No mail server: a link is never e-mailed.
 */
jest.setTimeout(180_000);

// Several filings and many page loads from one address: the portal's limits are not what is tested here.
const suite = consoleSuite({ config: { portal: { linkLifetimeDays: 365, rateLimits: { perAddressPerMinute: 10_000, perCasePerMinute: 10_000 }, filingLimit: { filings: 1_000, windowMs: 3_600_000 } } } });

const PHONE = { width: 375, height: 800 };

/** A complaint filed on the portal in `language`, consenting to e-mail: its reference and follow-up link. */
async function file(language: 'ko' | 'en', description: string): Promise<{ reference: string; link: string }> {
  const answer = await suite.api.call('POST', '/portal/complaints', {
    body: { category: 'defective-facility', description, name: 'Kim Minsu', email: 'minsu@example.kr', consent: { personalData: true, email: true, sms: false }, language },
  });
  expect(answer.status).toBe(201);
  return { reference: answer.body.reference, link: answer.body.followUpUrl };
}

async function step(as: TokenClaims, reference: string, command: string, body: object = {}): Promise<void> {
  const answer = await suite.api.call('POST', `/complaints/${reference}/${command}`, { as, body });
  expect({ command, status: answer.status }).toEqual({ command, status: 200 });
}

/** Staff take the case as far as a decision, not yet told to the complainant. */
async function decide(reference: string): Promise<void> {
  await step(staff.intake, reference, 'assign');
  await step(staff.handler, reference, 'record-findings', { summary: 'Valve seal worn', subjects: [{ id: 'emp-7', kind: 'employee', substantiated: true, reason: 'procedure-error' }] });
  await step(staff.head, reference, 'decide', { outcome: 'upheld', basis: 'Gas Safety Act art. 17', remedy: 'Seal replaced' });
}

/** A phone-sized page of a browser that has never been on the portal (no language chosen). */
async function onAPhone<R>(locale: string, use: (page: Page) => Promise<R>): Promise<R> {
  const context = await suite.browser.newContext({ viewport: PHONE, locale, timezoneId: 'Asia/Seoul' });
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => suite.pageErrors.push(error.message));
    return await use(page);
  } finally {
    await context.close();
  }
}

const focused = (page: Page, expression = "document.activeElement?.getAttribute('role') ?? document.activeElement?.tagName") => page.evaluate(expression);
const fitsThePhone = async (page: Page) => expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);

describe('the portal, as a tester using it as complainants would found it', () => {
  it("the case page's forms are checked by the page, not the browser: a blank answer, change or reason brings the page's own summary, focused, in the page's language", async () => {
    const { reference, link } = await file('en', 'The gas meter smells of gas.');
    await step(staff.intake, reference, 'assign');
    await step(staff.handler, reference, 'request-information', { addressee: 'complainant', request: 'When did you first notice the smell?' });
    await onAPhone('en-GB', async (page) => {
      await page.goto(link);
      await page.getByRole('heading', { name: `Your complaint ${reference}` }).waitFor();
      // No form leaves the checking to the browser (its tooltip speaks the browser's language and never reaches the summary).
      expect(await page.evaluate("[...document.querySelectorAll('form')].filter((form) => !form.noValidate).length")).toBe(0);

      await page.getByRole('button', { name: 'Send the answer' }).click();
      const answerSummary = page.getByRole('alert').filter({ hasText: 'Please check the fields marked below.' });
      await answerSummary.waitFor();
      expect(await focused(page)).toBe('alert');
      await answerSummary.getByRole('link', { name: /^Your answer to request 1: .*not be empty/ }).click();
      expect(await focused(page, 'document.activeElement?.tagName')).toBe('TEXTAREA');

      await page.getByLabel('What happened, as it should read now').fill('');
      await page.getByRole('button', { name: 'Save the change' }).click();
      const amendSummary = page.getByRole('alert').filter({ hasText: 'Please check the fields marked below.' });
      await amendSummary.getByRole('link', { name: /^What happened, as it should read now: / }).waitFor();
      expect(await amendSummary.getByRole('link', { name: /^Why do you change it\?: / }).count()).toBe(1);
      expect(await focused(page)).toBe('alert');

      // A blank reason is refused beside the field before withdrawing asks once more (a second tester had to confirm,
      // then fill the reason, then confirm again), in Korean on the Korean page; spaces alone are blank too.
      await page.getByRole('button', { name: 'Show this page in Korean' }).click();
      await page.locator('#withdraw-reason').fill('   ');
      await page.getByRole('button', { name: '민원 취하' }).click();
      await page.locator('#withdraw-reason-error').filter({ hasText: '비어 있으면 안 됩니다.' }).waitFor();
      expect(await page.getByRole('button', { name: '예, 취하합니다' }).count()).toBe(0);
      expect(await page.locator('#withdraw-reason').getAttribute('aria-invalid')).toBe('true');
      expect(await focused(page)).toBe('alert');
      await fitsThePhone(page);
    });
  });

  it('the survey requires only what the API requires (the overall rating): a complainant who got no progress notice skips that question', async () => {
    const { reference, link } = await file('en', 'The street lamp is broken.');
    await decide(reference);
    await step(staff.head, reference, 'communicate-decision', { channel: 'homepage', basis: 'Street lighting rules', appeal: 'Within 90 days to the Ministry' });
    await step(staff.head, reference, 'close');
    await onAPhone('en-GB', async (page) => {
      await page.goto(link);
      await page.getByRole('heading', { name: 'How did we do?' }).waitFor();
      expect(await page.evaluate("[...document.querySelectorAll('input[type=radio][required]')].map((radio) => radio.name)")).toEqual(['overall', 'overall', 'overall', 'overall', 'overall']);
      expect(await page.getByRole('group', { name: 'Overall satisfaction (required)' }).count()).toBe(1);
      expect(await page.locator('#survey-help').textContent()).toContain('Only "Overall satisfaction" must be answered');
      // Nothing answered: the page's summary names the one required question and leads to it.
      await page.getByRole('button', { name: 'Send the survey' }).click();
      const summary = page.getByRole('alert').filter({ hasText: 'Please check the fields marked below.' });
      await summary.getByRole('link', { name: 'Overall satisfaction: This must be answered.' }).click();
      expect(await focused(page, 'document.activeElement?.id')).toBe('survey-overall-1');
      // The overall rating alone: taken, "Interim progress notice" and the rest left out.
      await page.getByRole('group', { name: 'Overall satisfaction (required)' }).getByLabel('4').check();
      await page.getByRole('button', { name: 'Send the survey' }).click();
      await page.getByRole('status').filter({ hasText: 'Thank you for answering the survey.' }).waitFor();
    });
    const closed = (await suite.api.call('GET', `/complaints/${reference}`, { as: staff.office })).body;
    expect(closed.satisfaction.scores).toEqual({ overall: 4 });
  });

  it('an action refused because staff moved the case on meanwhile reads the case again and says what changed (withdrawing a case decided since the page was opened)', async () => {
    const { reference, link } = await file('en', 'The lift is out of order.');
    await onAPhone('en-GB', async (page) => {
      await page.goto(link);
      await page.getByRole('heading', { name: `Your complaint ${reference}` }).waitFor();
      expect(await page.getByTestId('stage').textContent()).toContain('Received');
      // Staff assign, investigate and decide while the page is open.
      await decide(reference);
      await page.getByLabel('Why do you withdraw it?').fill('It works again');
      await page.getByRole('button', { name: 'Withdraw the complaint' }).click();
      await page.getByRole('button', { name: 'Yes, withdraw it' }).click();
      const moved = page.getByTestId('moved-on');
      await moved.waitFor();
      expect(await focused(page)).toBe('alert');
      const said = await moved.innerText();
      expect(said).toMatch(/^Your complaint was not withdrawn\. The case moved on while this page was open\. What changed:/);
      expect(said).toContain('Where it stands: Being handled');
      expect(said).toContain('The result of your complaint is being settled');
      expect(said).toContain('The page now shows the case as it stands.');
      // The page is the case as it is: the stage, and the forms it no longer takes gone.
      expect(await page.getByTestId('stage').textContent()).toContain('Being handled');
      expect(await page.getByRole('heading', { name: 'Withdraw the complaint' }).count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Change what you wrote' }).count()).toBe(0);
      await fitsThePhone(page);
      // Its words follow the page's language.
      await page.getByRole('button', { name: 'Show this page in Korean' }).click();
      await page.getByTestId('moved-on').filter({ hasText: '민원이 취하되지 않았습니다.' }).waitFor();
    });
    expect((await suite.api.call('GET', `/complaints/${reference}`, { as: staff.office })).body.closure).toBeUndefined();
  });

  it('an answer sent again (from a second window) is told, in Korean on the Korean page, that the request was already answered, and when; the page shows the answer', async () => {
    const { reference, link } = await file('ko', '계량기에서 가스 냄새가 납니다.');
    await step(staff.intake, reference, 'assign');
    await step(staff.handler, reference, 'request-information', { addressee: 'complainant', request: '언제 처음 냄새를 맡으셨습니까?' });
    await onAPhone('ko-KR', async (first) => {
      const second = await first.context().newPage();
      for (const page of [first, second]) {
        await page.goto(link);
        await page.getByRole('heading', { name: `민원 ${reference}` }).waitFor();
      }
      await first.getByLabel('요청 1에 대한 답변').fill('월요일 아침입니다.');
      await first.getByRole('button', { name: '답변 보내기' }).click();
      await first.getByRole('status').filter({ hasText: '답변을 보냈습니다.' }).waitFor();
      await second.getByLabel('요청 1에 대한 답변').fill('월요일 아침, 보일러실 근처입니다.');
      await second.getByRole('button', { name: '답변 보내기' }).click();
      const moved = second.getByTestId('moved-on');
      await moved.waitFor();
      const said = await moved.innerText();
      expect(said).toMatch(/^답변을 보내지 못했습니다\. 이 화면을 열어 두신 사이에 민원 처리가 진행되었습니다\./);
      expect(said).toMatch(/요청 1에는 \d{4}년 \d{1,2}월 \d{1,2}일 .*에 답변이 접수되었습니다\./);
      // Neither the API's English rule (a request id, an ISO instant) nor the catch-all sentence.
      expect(said).not.toMatch(/[A-Za-z]|입력하신 내용을 받을 수 없습니다/);
      expect(await second.getByTestId('answer').textContent()).toBe('월요일 아침입니다.');
      await fitsThePhone(second);
      await second.getByRole('button', { name: /^English/ }).click();
      expect(await second.getByTestId('moved-on').innerText()).toMatch(/^Your answer was not sent\.[\s\S]*Request 1 was answered on /);
    });
  });

  it('the filed page tells a complainant who consented to e-mail, but whose link could not be mailed, to save the link now', async () => {
    await onAPhone('en-GB', async (page) => {
      await page.goto(`${suite.api.url}/#/portal`);
      await page.getByRole('button', { name: '이 화면을 영어로 보기' }).click();
      await page.getByLabel('What is it about?').selectOption('defective-facility');
      await page.getByLabel('What happened, and what would you like us to do?').fill('The door of the community centre is jammed.');
      await page.getByLabel('Your name').fill('Park Jiwoo');
      await page.getByLabel('E-mail', { exact: true }).fill('jiwoo@example.kr');
      await page.locator('#consent-personalData').check();
      await page.locator('#consent-email').check();
      await page.getByRole('button', { name: 'File the complaint' }).click();
      await page.getByRole('heading', { name: 'Your complaint was received' }).waitFor();
      // This service has no mail server: the answer said `emailed: false`.
      expect(await page.getByTestId('save-the-link').textContent()).toMatch(/^We could not send this link to your e-mail address\. Save it now/);
      expect(await page.locator('main').innerText()).not.toContain('We also sent the link');
      await fitsThePhone(page);
      await page.getByRole('button', { name: 'Show this page in Korean' }).click();
      expect(await page.getByTestId('save-the-link').textContent()).toMatch(/^이 주소를 전자우편으로 보내 드리지 못했습니다\. 지금 꼭 저장해 두십시오/);
    });
  });

  it("a dead link's page has a heading, which takes the focus", async () => {
    await onAPhone('en-GB', async (page) => {
      await page.goto(`${suite.api.url}/?lang=en#/portal/case/${'A'.repeat(43)}`);
      await page.getByRole('heading', { level: 1, name: 'The link does not open a case' }).waitFor();
      await page.locator('h1:focus').waitFor();
      expect(await page.title()).toBe('The link does not open a case');
      await page.getByRole('alert').filter({ hasText: 'This link does not open a case' }).waitFor();
    });
  });

  it('"a code is on its way" is said in a status line that was in the page before (a live region inserted with its text may go unannounced)', async () => {
    const { reference } = await file('en', 'The bench is broken.');
    await onAPhone('en-GB', async (page) => {
      await page.goto(`${suite.api.url}/?lang=en#/portal`);
      await page.getByRole('heading', { name: 'Follow a complaint you filed' }).waitFor();
      const status = page.locator('#follow-sent');
      expect(await status.getAttribute('role')).toBe('status');
      expect(await status.textContent()).toBe('');
      // In the accessibility tree though empty (display: none would take it out).
      expect(await page.evaluate("getComputedStyle(document.getElementById('follow-sent')).display")).not.toBe('none');
      await page.evaluate("window.statusLine = document.getElementById('follow-sent')");
      await page.getByLabel('Case reference').fill(reference);
      await page.getByLabel('E-mail address you filed with').fill('minsu@example.kr');
      await page.getByRole('button', { name: 'Send me a code' }).click();
      await status.filter({ hasText: 'If the reference and the address match a case, a code is on its way.' }).waitFor();
      expect(await page.evaluate("window.statusLine === document.getElementById('follow-sent')")).toBe(true);
    });
  });

  it('each request, its answer field and the answer given say which request they are (a screen reader lists headings and fields by these)', async () => {
    const { reference, link } = await file('ko', '놀이터 그네가 부서졌습니다.');
    await step(staff.intake, reference, 'assign');
    await step(staff.handler, reference, 'request-information', { addressee: 'complainant', request: '어느 놀이터입니까?' });
    await onAPhone('ko-KR', async (page) => {
      await page.goto(link);
      await page.getByLabel('요청 1에 대한 답변 (필수)', { exact: true }).fill('중앙공원 놀이터입니다.');
      await page.getByRole('button', { name: '답변 보내기' }).click();
      await page.getByRole('status').filter({ hasText: '답변을 보냈습니다.' }).waitFor();
      await step(staff.handler, reference, 'request-information', { addressee: 'complainant', request: '사진을 보내 주실 수 있습니까?' });
      await page.reload();
      await page.getByRole('heading', { name: '요청 2', exact: true }).waitFor();
      expect(await page.locator('main h3, main h4').allTextContents()).toEqual(expect.arrayContaining(['요청 1', '요청 1에 접수된 답변', '요청 2']));
      expect(await page.locator('main').innerText()).not.toContain('보내신 답변');
      expect(await page.getByLabel('요청 2에 대한 답변 (필수)', { exact: true }).count()).toBe(1);
      // Each request is a region named by its heading.
      expect(await page.getByRole('region', { name: '요청 1', exact: true }).getByTestId('answer').textContent()).toBe('중앙공원 놀이터입니다.');
      await page.getByRole('button', { name: /^English/ }).click();
      expect(await page.locator('main h3, main h4').allTextContents()).toEqual(expect.arrayContaining(['Request 1', 'The answer to request 1', 'Request 2']));
      expect(await page.getByLabel('Your answer to request 2 (required)', { exact: true }).count()).toBe(1);
    });
  });

  it("the language chosen on the page wins over the link's ?lang= on every later visit", async () => {
    const { reference, link } = await file('ko', '보도블록이 깨졌습니다.');
    expect(link).toContain('?lang=ko');
    await onAPhone('en-GB', async (page) => {
      // First visit: the link's language, though the browser speaks English.
      await page.goto(link);
      await page.getByRole('heading', { name: `민원 ${reference}` }).waitFor();
      await page.getByRole('button', { name: /^English/ }).click();
      await page.getByRole('heading', { name: `Your complaint ${reference}` }).waitFor();
      await page.reload();
      await page.getByRole('heading', { name: `Your complaint ${reference}` }).waitFor();
      await page.goto(`${suite.api.url}/#/portal`);
      await page.goto(link);
      await page.getByRole('heading', { name: `Your complaint ${reference}` }).waitFor();
      expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    });
  });

  it('the answer date a progress notice gave shows beside the due date, and in the notice (a second tester read the notice\'s date in the mail only)', async () => {
    const { reference, link } = await file('en', 'The street light flickers.');
    await step(staff.intake, reference, 'assign');
    await step(staff.handler, reference, 'send-interim-notice', { channel: 'email', progress: 'A part is on order', delayReason: 'Waiting for the supplier', expectedBy: '2030-12-30T18:00:00+09:00' });
    await onAPhone('en-GB', async (page) => {
      await page.goto(link);
      await page.getByRole('heading', { name: `Your complaint ${reference}` }).waitFor();
      const expected = (await page.getByTestId('expected').textContent())!;
      expect(expected).toMatch(/30 December 2030/);
      expect(await page.getByRole('definition').filter({ hasText: expected }).count()).toBe(1);
      expect(await page.getByRole('listitem').filter({ hasText: 'A part is on order' }).textContent()).toContain(`answer expected by ${expected}`);
      // On the Korean page a 24-hour time, as the notices write it ("오후 6:00" read beside an SMS's "18:00").
      await page.getByRole('button', { name: 'Show this page in Korean' }).click();
      expect(await page.getByTestId('expected').textContent()).toBe('2030년 12월 30일 18:00');
    });
    expect(suite.pageErrors).toEqual([]);
  });

  it('a case reopened says it is looked at again and shows the result told before (a second tester saw it vanish without a word)', async () => {
    const { reference, link } = await file('en', 'The gas cylinder was delivered without its seal.');
    await decide(reference);
    await step(staff.head, reference, 'communicate-decision', { channel: 'email', basis: 'Gas Safety Act art. 17', appeal: 'Within 90 days to the ministry' });
    await step(staff.head, reference, 'close', {});
    await step(staff.office, reference, 'reopen', { reason: 'The second cylinder was not checked' });
    await onAPhone('en-GB', async (page) => {
      await page.goto(link);
      const panel = page.getByTestId('reopened');
      await panel.waitFor();
      expect(await panel.getByRole('heading', { level: 2 }).textContent()).toBe('Looked at again');
      expect(await panel.textContent()).toMatch(/Your complaint was reopened on .+ to be looked at again\. You will be told its new result\./);
      expect(await panel.getByRole('heading', { name: 'The earlier result' }).count()).toBe(1);
      expect(await panel.getByTestId('outcome').textContent()).toBe('Upheld');
      expect(await page.textContent('body')).not.toContain('The second cylinder was not checked');
      await fitsThePhone(page);
    });
    expect(suite.pageErrors).toEqual([]);
  });

  it('a case decided but not yet told says why it can no longer be changed or withdrawn (the stage still says it is being handled)', async () => {
    const { reference, link } = await file('en', 'The parking sign is hidden.');
    await decide(reference);
    await onAPhone('en-GB', async (page) => {
      await page.goto(link);
      await page.getByRole('heading', { name: `Your complaint ${reference}` }).waitFor();
      expect(await page.getByTestId('stage').textContent()).toContain('Being handled');
      expect(await page.getByTestId('settling').textContent()).toMatch(/^The result of your complaint is being settled and will be told to you\. From now on what you wrote can no longer be changed, and the complaint can no longer be withdrawn/);
      expect(await page.getByRole('heading', { name: 'Withdraw the complaint' }).count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Change what you wrote' }).count()).toBe(0);
      await page.getByRole('button', { name: 'Show this page in Korean' }).click();
      expect(await page.getByTestId('settling').textContent()).toMatch(/^민원 처리 결과를 정리하고 있으며/);
    });
    expect(suite.pageErrors).toEqual([]);
  });
});

describe("the page and the view's fields of who wrote what and why a case ended", () => {
  it("what staff recorded reads as recorded: a description staff amended, an answer staff took by phone (never staff's words)", async () => {
    const { reference, link } = await file('en', 'The lift is broken.');
    await step(staff.intake, reference, 'assign');
    await step(staff.handler, reference, 'amend', { description: 'The lift at the east entrance is broken since May.', reason: 'Details given by phone' });
    await step(staff.handler, reference, 'request-information', { addressee: 'complainant', request: 'Which floor?' });
    const { requestId } = (await suite.api.call('GET', `/portal/cases/${link.split('/').pop()}`)).body.informationRequests[0];
    await step(staff.handler, reference, 'receive-information', { requestId, summary: 'Phoned: third floor, caller hostile' });
    await onAPhone('en-GB', async (page) => {
      await page.goto(link);
      await page.getByRole('heading', { name: 'Your complaint as the office recorded it' }).waitFor();
      const request = page.getByRole('region', { name: 'Request 1', exact: true });
      expect(await request.innerText()).toMatch(/Answered on .*: the office recorded the answer you gave it/);
      expect(await page.locator('main').innerText()).not.toMatch(/caller hostile|What you wrote|The answer to request 1/);
    });
  });

  it('a case excluded at the initial assessment says on which ground (never staff\'s note); one closed because the complainant could not be reached says it was not withdrawn', async () => {
    const { reference, link } = await file('ko', '이웃집 소음 때문에 잠을 못 잡니다.');
    await step(staff.intake, reference, 'assess', { exclusion: 'private-law', note: 'Neighbour dispute, staff note' });
    await onAPhone('ko-KR', async (page) => {
      await page.goto(link);
      await page.getByTestId('exclusion').filter({ hasText: '당사자 사이의 사적인 권리관계에 관한 사안' }).waitFor();
      expect(await page.getByTestId('stage').textContent()).toBe('종결: 고객불만으로 처리할 수 없는 사안입니다.');
      expect(await page.locator('main').innerText()).not.toContain('Neighbour dispute');
      // Closing as unreachable waits for the handling deadline: the view's stage is put in its answer here.
      await page.route('**/portal/cases/*', async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, json: { ...(await response.json()), stage: 'closed-unreachable', exclusion: null } });
      });
      await page.reload();
      await page.getByTestId('stage').filter({ hasText: '취하하신 것은 아닙니다.' }).waitFor();
      await page.getByRole('button', { name: /^English/ }).click();
      expect(await page.getByTestId('stage').textContent()).toMatch(/^Closed: we could not reach you to go on with it\. You did not withdraw it/);
      // A stage a newer server sends that this page does not know: general words, not a broken page.
      await page.unroute('**/portal/cases/*');
      await page.route('**/portal/cases/*', async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, json: { ...(await response.json()), stage: 'reopened-by-the-ombudsman' } });
      });
      await page.reload();
      await page.getByTestId('stage').filter({ hasText: 'Your complaint is with the office: the details below say where it stands.' }).waitFor();
    });
    expect(suite.pageErrors).toEqual([]);
  });
});

describe('filing over an unreliable network', () => {
  it('a filing whose answer was lost (the network) and is sent again is filed once, and answered as the first time (the page sends an Idempotency-Key)', async () => {
    await onAPhone('en-GB', async (page) => {
      await page.goto(`${suite.api.url}/?lang=en#/portal`);
      await page.getByLabel('What is it about?').selectOption('defective-facility');
      await page.getByLabel('What happened, and what would you like us to do?').fill('The ramp at the library is too steep.');
      await page.getByLabel('Your name').fill('Lee Sora');
      await page.getByLabel('Mobile phone').fill('010-1234-5678');
      await page.locator('#consent-personalData').check();
      // The server files it; its answer never reaches the page.
      let first: { reference: string } | undefined;
      await page.route('**/portal/complaints', async (route) => {
        first = (await (await route.fetch()).json()) as { reference: string };
        await route.abort('connectionreset');
      });
      await page.getByRole('button', { name: 'File the complaint' }).click();
      await page.getByRole('alert').filter({ hasText: 'The server could not be reached.' }).waitFor();
      await page.unroute('**/portal/complaints');
      expect(first?.reference).toMatch(/^\d{4}-\d{6}$/);
      await page.getByRole('button', { name: 'File the complaint' }).click();
      await page.getByRole('heading', { name: 'Your complaint was received' }).waitFor();
      expect(await page.getByTestId('reference').textContent()).toBe(`Case reference: ${first!.reference}`);
    });
  });
});
