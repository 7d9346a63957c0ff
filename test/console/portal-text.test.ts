/** What the portal sends of pasted text, and how it words the API's refusals. */
import { describe, expect, it } from '@jest/globals';
import { knownRule, portalRule } from '../../console/src/portal-rules.js';
import { pastedTextCleaned, withoutZeroWidth } from '../../console/src/pasted-text.js';
import { isAcceptableText, TEXT_RULE } from '../../src/http/index.js';
import { CONTACT_RULE } from '../../src/portal/portal-bodies.js';

describe('text pasted into the portal', () => {
  it('loses the zero-width characters the API refuses (a BOM, a zero-width space) before it is sent, and nothing it accepts', () => {
    const pasted = '\uFEFF주차장 안내판이\u200B 잘 안 보입니다.\u2060\uFEFF';
    expect(isAcceptableText(pasted)).toBe(false);
    expect(withoutZeroWidth(pasted)).toBe('주차장 안내판이 잘 안 보입니다.');
    expect(isAcceptableText(withoutZeroWidth(pasted))).toBe(true);
    // Each one it takes out is one the API's rule refuses (the rule is not loosened by this: it is the API's).
    for (const code of [0x180e, 0x200b, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff]) expect(isAcceptableText(`a${String.fromCodePoint(code)}b`)).toBe(false);
    // What changes what is seen stays, to be refused: a bidirectional control, the Braille blank; the joiners emoji need stay.
    for (const kept of ['a\u202Eb', 'a\u2800b', '👩\u200D💻']) expect(withoutZeroWidth(kept)).toBe(kept);
    expect(JSON.stringify({ description: 'x\u200B', attachments: ['\uFEFFa.pdf'], consent: { email: true } }, pastedTextCleaned)).toBe('{"description":"x","attachments":["a.pdf"],"consent":{"email":true}}');
  });
});

describe("the API's rules on the portal", () => {
  it('read in plain Korean on the Korean page, the limit and the invisible characters included; never in English', () => {
    expect(portalRule('ko', TEXT_RULE)).toMatch(/^눈에 보이지 않는 특수 문자.*직접 다시 입력해 주십시오\.$/);
    expect(portalRule('en', TEXT_RULE)).toMatch(/^It contains invisible special characters/);
    expect(portalRule('ko', 'attachments must contain no more than 10 elements')).toBe('10개까지만 적을 수 있습니다.');
    expect(portalRule('ko', 'language must be one of the following values: ko, en')).toBe('주어진 항목 가운데에서 골라 주십시오.');
    expect(portalRule('ko', CONTACT_RULE)).toMatch(/^전자우편 주소나 휴대전화 번호 가운데 하나 이상을 적어 주십시오\./);
    // domain/complaint/decider.ts: a consent to a channel without its contact.
    expect(portalRule('ko', 'consent to e-mail needs an e-mail address')).toBe('전자우편으로 받으시려면 전자우편 주소를 적어 주십시오.');
    expect(portalRule('ko', 'consent to SMS needs a phone number')).toBe('문자메시지(SMS)로 받으시려면 휴대전화 번호를 적어 주십시오.');
    expect(portalRule('ko', 'must not be null: give a value or leave the field out')).not.toMatch(/[A-Za-z]/);
    // Plain English on the English page for class-validator's developer wording (the tester met "should not be empty", "must be an email").
    expect(portalRule('en', 'reason should not be empty')).toBe('This must not be empty.');
    expect(portalRule('en', 'email must be an email')).toBe('This is not an e-mail address (such as name@example.com).');
    expect(portalRule('en', 'must be shorter than or equal to 5000 characters')).toBe('Write at most 5000 characters.');
    expect(portalRule('en', 'personalData must be true: the complaint is handled with the data given')).toBe('Your complaint can only be handled with your agreement to this.');
  });

  it('an answer to a request answered meanwhile reads in plain words in both languages, with the date as the page writes it (no request id, no ISO instant)', () => {
    // domain/complaint/decider.ts words it so; a tester met it raw on the English page and as the catch-all on the Korean one.
    const rule = 'request 89e27af6-5a1c-4c07-9d0e-2f1b7c1d2e3f was already answered on 2026-12-05T00:32:37.400Z';
    const date = (iso: string) => (iso === '2026-12-05T00:32:37.400Z' ? '2026년 12월 5일 오전 9:32' : iso);
    expect(portalRule('ko', rule, date)).toBe('이 요청에는 2026년 12월 5일 오전 9:32에 이미 답변이 접수되었습니다.');
    expect(portalRule('en', rule, (iso) => (iso === '2026-12-05T00:32:37.400Z' ? '5 December 2026 at 09:32' : iso))).toBe('This request was already answered on 5 December 2026 at 09:32.');
    expect(portalRule('ko', 'no outstanding information request r9')).toBe('이 요청은 이제 답하실 수 없습니다.');
  });
});

describe("the API's rules in the staff console", () => {
  it('the common ones read in Korean from the same table; one it has no words for is left as the API gives it', () => {
    expect(knownRule('ko', 'is required')).toBe('꼭 적거나 골라 주십시오.');
    expect(knownRule('ko', 'must not be empty')).toBe('비어 있으면 안 됩니다.');
    expect(knownRule('ko', 'must be shorter than or equal to 200 characters')).toBe('200자 이내로 적어 주십시오.');
    expect(knownRule('ko', 'must be one of the following values: low, medium, high')).toBe('주어진 항목 가운데에서 골라 주십시오.');
    expect(knownRule('ko', 'cannot be given with severity: a complaint is either assessed or excluded')).toBeUndefined();
  });
});
