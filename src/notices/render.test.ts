import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CATALOG } from '../../domain/catalog.js';
import { applyEvent, type Complaint } from '../../domain/complaint/complaint.js';
import type { Complainant, ComplaintEvent } from '../../domain/complaint/events.js';
import { communicated, decided, received } from '../../test/support/complaint-fixtures.js';
import { ERASED } from '../complaint-stream/index.js';
import { CONSENT_WORDING } from './consent-wording.js';
import { fill, renderNotice, TEMPLATES, type NoticeToRender, type RenderSettings } from './render.js';

const settings: RenderSettings = { catalog: DEFAULT_CATALOG, timeZone: 'Asia/Seoul', surveyUrl: 'https://survey.example.go.kr/?case={complaintId}' };
const fold = (events: ComplaintEvent[]) => events.reduce<Complaint | undefined>(applyEvent, undefined)!;
const withComplainant = (changes: Partial<Complainant>): ComplaintEvent[] => {
  const [receipt] = received as [Extract<ComplaintEvent, { type: 'ComplaintReceived' }>];
  return [{ ...receipt, data: { ...receipt.data, complainant: { ...receipt.data.complainant, ...changes } } }];
};
const notice = (events: ComplaintEvent[], kind: NoticeToRender['kind'], channel: NoticeToRender['channel'] = 'email'): NoticeToRender => ({
  kind,
  channel,
  complaintId: 'c-1',
  complaint: fold(events),
  source: events[events.length - 1]!,
});
const message = (n: NoticeToRender) => {
  const rendering = renderNotice(n, settings);
  if ('skip' in rendering) throw new Error(rendering.skip);
  return rendering.message;
};

describe('the wording of a notice', () => {
  it('is Korean unless the complainant chose English', () => {
    const korean = message(notice(received, 'acknowledgement'));
    expect(korean).toMatchObject({ channel: 'email', to: 'minsu@example.kr', subject: '[민원 접수] 민원이 접수되었습니다 (접수번호 c-1)' });
    expect(korean.text).toContain('김민수 님, 안녕하십니까.');
    expect(korean.text).toContain('2026년 3월 9일');
    // A 24-hour time: no "PM" in a Korean notice (ICU 78 writes it there).
    expect(korean.text).toContain('2026년 3월 9일 10:00');
    expect(korean.text).not.toMatch(/\b[AP]M\b/);
    const english = message(notice(withComplainant({ language: 'en' }), 'acknowledgement'));
    expect(english.text).toContain('Dear 김민수,');
    expect(english.text).toContain('9 March 2026');
  });

  it("names the time zone of an English notice's times: its reader may be anywhere", () => {
    const english = message(notice(withComplainant({ language: 'en' }), 'acknowledgement'));
    expect(english.text).toContain('9 March 2026 at 10:00 GMT+9');
    expect(message(notice(received, 'acknowledgement')).text).not.toContain('GMT');
  });

  it('the decision gives the result, its basis and how to appeal', () => {
    const events = [...withComplainant({ language: 'en' }), ...decided, ...communicated];
    const { text } = message(notice(events, 'decision'));
    expect(text).toContain('Decision: upheld');
    expect(text).toContain('Basis: Gas Safety Act art. 17');
    expect(text).toContain('How to appeal: Appeal within 90 days to the ministry');
    // Neither a remedy nor a compensation was decided: their lines are left out.
    expect(text).not.toMatch(/What we will do|Compensation/);
  });

  it('the decision by SMS names the remedy and the compensation, as the e-mail does (a portal tester got neither by SMS)', () => {
    const granted: ComplaintEvent = { type: 'DecisionMade', occurredAt: decided[0]!.occurredAt, data: { outcome: 'upheld', basis: 'Gas Safety Act art. 17', remedy: 'Seal replaced', compensation: { amount: 10_000, currency: 'KRW', description: 'Gift card' } } };
    const { text } = message(notice([...received, granted, ...communicated], 'decision', 'sms'));
    expect(text).toContain('조치: Seal replaced\n보상: 10,000원, Gift card\n이의 신청: Appeal within 90 days to the ministry');
  });

  it('an exclusion at the initial assessment tells the ground in the complainant\'s terms, never staff\'s note (a portal tester was told nothing)', () => {
    const excluded: ComplaintEvent = { type: 'ComplaintRejectedAtAssessment', occurredAt: decided[0]!.occurredAt, data: { exclusion: 'private-law', note: 'Tenancy dispute: court matter (Officer Choi)' } };
    const sms = message(notice([...received, excluded], 'exclusion', 'sms'));
    expect(sms.text).toBe('[민원 처리 결과] 접수번호 c-1\n고객불만으로 처리할 수 없습니다.\n사유: 당사자 사이의 사적인 권리관계에 관한 사안으로, 고객불만으로 해결할 수 없습니다\n문의: 고객불만 처리 담당');
    const mail = message(notice([...withComplainant({ language: 'en' }), excluded], 'exclusion'));
    expect(mail.text).toContain('Why: it is a matter of private rights between you and another party, which a complaint cannot settle');
    expect(JSON.stringify([sms, mail])).not.toMatch(/Tenancy|Choi/);
  });

  it('a reopening tells the complainant the case is looked at again, never staff\'s reason (a portal tester was told nothing)', () => {
    const reopened: ComplaintEvent = { type: 'ComplaintReopened', occurredAt: decided[0]!.occurredAt, data: { kind: 're-investigation', reason: 'The inspector missed the second meter' } };
    const sms = message(notice([...received, ...decided, ...communicated, reopened], 'reopening', 'sms'));
    expect(sms.text).toBe('[민원 재검토] 접수번호 c-1 민원을 다시 검토합니다. 새 처리 결과를 알려 드리겠습니다.');
    expect(JSON.stringify(sms)).not.toContain('inspector');
  });

  it('an SMS is short text on the phone number, with nothing escaped', () => {
    const interim: ComplaintEvent = { type: 'InterimNoticeSent', data: { progress: 'Meter <A> & valve checked', delayReason: 'Lab test' }, occurredAt: received[0]!.occurredAt };
    const sms = message(notice([...received, interim], 'interim-notice', 'sms'));
    expect(sms).toEqual({ channel: 'sms', to: '010-1234-5678', text: '[민원 중간 안내] 접수번호 c-1\n진행 상황: Meter <A> & valve checked\n지연 사유: Lab test' });
  });

  it('a request for information tells the complainant what is asked, by when, and where to answer', () => {
    const asked: ComplaintEvent = { type: 'InformationRequested', data: { requestId: 'r1', department: 'inspection', request: 'The meter number, please', dueAt: '2026-03-10T18:00:00+09:00', addressee: 'complainant' }, occurredAt: received[0]!.occurredAt };
    const { text } = message(notice([...received, asked], 'information-request'));
    expect(text).toContain('The meter number, please');
    expect(text).toContain('2026년 3월 10일 18:00까지 민원 접수 시 보내 드린 확인 링크');
    const sms = message(notice([...received, asked], 'information-request', 'sms'));
    expect(sms.text).toBe('[민원 자료 요청] 접수번호 c-1: 2026년 3월 10일 18:00까지 민원 포털에서 답해 주십시오.\nThe meter number, please');
  });

  it("an e-mail's HTML part escapes what staff and complainants wrote", () => {
    const interim: ComplaintEvent = { type: 'InterimNoticeSent', data: { progress: '<script>alert(1)</script>', delayReason: 'A & B' }, occurredAt: received[0]!.occurredAt };
    const email = message(notice([...received, interim], 'interim-notice'));
    if (email.channel !== 'email') throw new Error('e-mail expected');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(email.html).toContain('A &amp; B');
    expect(email.html).not.toContain('<script>');
    expect(email.text).toContain('<script>alert(1)</script>');
  });

  it('the survey invitation links to the survey for the case', () => {
    const closed: ComplaintEvent = { type: 'ComplaintClosed', data: { reason: 'resolved' }, occurredAt: received[0]!.occurredAt };
    expect(message(notice([...received, closed], 'satisfaction-survey', 'sms')).text).toContain('https://survey.example.go.kr/?case=c-1');
  });

  it('the supplement request and the survey name the follow-up link only to those filed on the portal, and the office to others', () => {
    const [receipt] = received as [Extract<ComplaintEvent, { type: 'ComplaintReceived' }>];
    const closed: ComplaintEvent = { type: 'ComplaintClosed', data: { reason: 'resolved' }, occurredAt: receipt.occurredAt };
    const supplement: ComplaintEvent = { type: 'SupplementRequested', data: { channel: 'email', request: 'Please send the photo' }, occurredAt: receipt.occurredAt };
    const byStaff = (language: 'ko' | 'en'): ComplaintEvent[] => [{ ...receipt, data: { ...receipt.data, complainant: { ...receipt.data.complainant, language } } }];
    const onPortal = (language: 'ko' | 'en'): ComplaintEvent[] => [{ ...receipt, data: { ...receipt.data, complainant: { ...receipt.data.complainant, language }, consentWording: CONSENT_WORDING[language] } }];
    for (const language of ['ko', 'en'] as const) {
      for (const channel of ['email', 'sms'] as const) {
        for (const [last, kind] of [[supplement, 'supplement-request'], [closed, 'satisfaction-survey']] as const) {
          const staff = message(notice([...byStaff(language), last], kind, channel)).text;
          const portal = message(notice([...onPortal(language), last], kind, channel)).text;
          expect(staff).not.toMatch(/follow-up link|when you filed|처리 상황 확인 주소|신청하실 때 받으신/);
          expect(staff).toContain(language === 'en' ? 'contact the complaints office' : '고객불만 처리 담당에게 연락해 주');
          expect(portal).toMatch(language === 'en' ? /follow-up link/ : /처리 상황 확인 주소/);
        }
      }
    }
  });

  it('a line whose value is missing is left out, and so is a paragraph left empty', () => {
    expect(fill('A\n\nx: {x}\n\nB {y}\nC', { y: 'why' })).toBe('A\n\nB why\nC');
  });

  it('every template speaks only of values the sender knows', () => {
    const known = new Set(['name', 'reference', 'category', 'receivedAt', 'progress', 'delayReason', 'expectedBy', 'outcome', 'basis', 'remedy', 'compensation', 'appeal', 'surveyUrl', 'request', 'dueAt', 'questions', 'portalUrl', 'exclusion']);
    for (const templates of Object.values(TEMPLATES)) {
      for (const wording of Object.values(templates.kinds)) {
        const { withoutLink, ...texts } = wording;
        for (const text of [...Object.values(texts), ...Object.values(withoutLink ?? {})]) {
          for (const [, name] of text.matchAll(/\{(\w+)\}/g)) expect(known).toContain(name);
        }
      }
    }
  });
});

describe('a notice that may not be sent', () => {
  it('is skipped once the complainant was erased', () => {
    const erased = withComplainant({ name: ERASED, email: undefined, phone: undefined });
    expect(renderNotice(notice(erased, 'acknowledgement'), settings)).toEqual({ skip: "the complainant's personal data was erased" });
  });

  it('is skipped on a channel without consent', () => {
    const [receipt] = received as [Extract<ComplaintEvent, { type: 'ComplaintReceived' }>];
    const smsOnly: ComplaintEvent[] = [{ ...receipt, data: { ...receipt.data, consent: { sms: true, email: false, phone: false } } }];
    expect(renderNotice(notice(smsOnly, 'acknowledgement', 'email'), settings)).toEqual({ skip: 'no consent to email' });
  });

  it('is skipped on a channel whose consent, as worded when the complainant agreed, does not name it', () => {
    const [receipt] = received as [Extract<ComplaintEvent, { type: 'ComplaintReceived' }>];
    const closed: ComplaintEvent = { type: 'ComplaintClosed', data: { reason: 'resolved' }, occurredAt: receipt.occurredAt };
    const worded = (sms: string): ComplaintEvent[] => [{ ...receipt, data: { ...receipt.data, consentWording: { ...CONSENT_WORDING.ko, sms } } }, closed];
    // The portal's SMS consent before the survey was named in it: the receipt keeps it, and it still counts for what it names.
    const earlier = worded('접수 확인, 중간 안내, 처리 결과를 문자메시지(SMS)로 받는 데 동의합니다.');
    expect(renderNotice(notice(earlier, 'satisfaction-survey', 'sms'), settings)).toEqual({ skip: 'the consent to sms the complainant agreed to does not name the satisfaction-survey' });
    expect(renderNotice(notice(earlier, 'acknowledgement', 'sms'), settings)).toHaveProperty('message');
    expect(renderNotice(notice(earlier, 'satisfaction-survey', 'email'), settings)).toHaveProperty('message');
    expect(renderNotice(notice(worded(CONSENT_WORDING.ko.sms), 'satisfaction-survey', 'sms'), settings)).toHaveProperty('message');
  });
});
