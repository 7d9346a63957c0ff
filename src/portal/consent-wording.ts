import type { ConsentWording, Language } from '../../domain/complaint/events.js';

/**
 * What the portal asks the complainant to agree to, word for word: the page shows these texts
 * (`GET /portal/form`) and the receipt keeps the ones shown, in the language shown.
 */
export const CONSENT_WORDING: Readonly<Record<Language, ConsentWording>> = {
  ko: {
    personalData: '민원 처리를 위하여 성명과 연락처, 민원 내용을 수집·이용하는 데 동의합니다. 이 정보는 민원 처리에만 쓰이며 처리 담당자만 볼 수 있습니다.',
    email: '접수 확인, 중간 안내, 처리 결과와 만족도 조사를 전자우편으로 받는 데 동의합니다.',
    sms: '접수 확인, 중간 안내, 처리 결과를 문자메시지(SMS)로 받는 데 동의합니다.',
  },
  en: {
    personalData: 'I agree that my name, contact details and what I write here are collected and used to handle this complaint. They are used for nothing else and only those handling it see them.',
    email: 'I agree to receive the acknowledgement, progress notices, the result and the satisfaction survey by e-mail.',
    sms: 'I agree to receive the acknowledgement, progress notices and the result by text message (SMS).',
  },
};
