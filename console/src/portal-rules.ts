/**
 * The API's field rules as the complainant reads them on the portal. It imports nothing of the console,
 * so a test checks it against the API's own rules (test/console/portal-text.test.ts).
 */
type Language = 'ko' | 'en';

/**
 * A field's rule from the API in the page's language, in plain words: the API words its rules in English
 * for developers; the ones the portal's forms can meet read in Korean on the Korean page (and the
 * technical ones in plain English on the English page). A rule not listed reads as a plain sentence on
 * the Korean page, never in English.
 */
type Wording = (match: RegExpMatchArray, date: (iso: string) => string) => string;

const RULES: { pattern: RegExp; ko: Wording; en?: Wording }[] = [
  { pattern: /not be (empty|blank)/, ko: () => '비어 있으면 안 됩니다.', en: () => 'This must not be empty.' },
  { pattern: /^is required/, ko: () => '꼭 적거나 골라 주십시오.', en: () => 'This must be answered.' },
  { pattern: /must be an email/, ko: () => '전자우편 주소의 형식이 아닙니다.', en: () => 'This is not an e-mail address (such as name@example.com).' },
  { pattern: /at least three digits/, ko: () => '전화번호는 숫자 세 자리 이상으로 적어 주십시오 (띄어쓰기, +, -, 괄호는 쓸 수 있습니다).' },
  { pattern: /shorter than or equal to (\d+)/, ko: (m) => `${m[1]}자 이내로 적어 주십시오.`, en: (m) => `Write at most ${m[1]} characters.` },
  { pattern: /no more than (\d+) elements/, ko: (m) => `${m[1]}개까지만 적을 수 있습니다.`, en: (m) => `Give no more than ${m[1]}.` },
  { pattern: /must be true/, ko: () => '동의하셔야 접수할 수 있습니다.', en: () => 'Your complaint can only be handled with your agreement to this.' },
  // domain/complaint/decider.ts: a consent to a notice channel needs that channel's contact.
  { pattern: /consent to e-mail needs an e-mail address/, ko: () => '전자우편으로 받으시려면 전자우편 주소를 적어 주십시오.' },
  { pattern: /consent to SMS needs a phone number/, ko: () => '문자메시지(SMS)로 받으시려면 휴대전화 번호를 적어 주십시오.' },
  { pattern: /an e-mail address or a phone number/, ko: () => '전자우편 주소나 휴대전화 번호 가운데 하나 이상을 적어 주십시오. 연락처가 없으면 민원 처리 결과를 알려 드릴 수 없습니다.' },
  // src/http/text.ts TEXT_RULE: the page strips the zero-width ones before sending; what is left is the other invisible characters.
  {
    pattern: /invisible characters/,
    ko: () => '눈에 보이지 않는 특수 문자(제어 문자, 글자 방향 표시 문자 등)가 들어 있습니다. 다른 곳에서 복사해 붙이셨다면 글을 직접 다시 입력해 주십시오.',
    en: () => 'It contains invisible special characters (control or text-direction characters), often copied along with text from elsewhere: please type the text again.',
  },
  { pattern: /whole number from 1 to 5/, ko: () => '1부터 5 가운데 하나를 골라 주십시오.' },
  // domain/complaint/decider.ts: an answer to a request answered meanwhile (in another window, or by the office from a call).
  {
    pattern: /^request \S+ was already answered on (\S+)/,
    ko: (m, date) => `이 요청에는 ${date(m[1]!)}에 이미 답변이 접수되었습니다.`,
    en: (m, date) => `This request was already answered on ${date(m[1]!)}.`,
  },
  { pattern: /^no outstanding information request/, ko: () => '이 요청은 이제 답하실 수 없습니다.', en: () => 'This request can no longer be answered.' },
  { pattern: /request addressed to you/, ko: () => '이 민원에서 답하실 수 있는 요청이 아닙니다. 화면을 새로 고친 뒤 다시 답해 주십시오.' },
  { pattern: /must be a case reference/, ko: () => '접수번호는 연도, 붙임표(-), 여섯 자리 번호로 적어 주십시오 (예: 2026-000123).' },
  { pattern: /six digits sent/, ko: () => '전자우편으로 받으신 여섯 자리 숫자를 적어 주십시오.' },
  { pattern: /must be one of the following values/, ko: () => '주어진 항목 가운데에서 골라 주십시오.', en: () => 'Choose one of the values offered.' },
];

/** What the Korean page says of a rule it has no words for. */
const KOREAN_FALLBACK = '입력하신 내용을 받을 수 없습니다. 확인해 주십시오.';

/** `date`: how the page writes an instant a rule names (as the API gives it when not said). */
export function portalRule(language: Language, rule: string, date: (iso: string) => string = (iso) => iso): string {
  return knownRule(language, rule, date) ?? (language === 'ko' ? KOREAN_FALLBACK : rule);
}

/** A rule this table has words for, in the language; undefined for one it has none for (the staff console then shows the API's own). */
export function knownRule(language: Language, rule: string, date: (iso: string) => string = (iso) => iso): string | undefined {
  for (const { pattern, ko, en } of RULES) {
    const match = rule.match(pattern);
    if (match) return language === 'ko' ? ko(match, date) : (en?.(match, date) ?? rule);
  }
  return undefined;
}
