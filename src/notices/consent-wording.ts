import type { ConsentWording, ElectronicChannel, Language, NoticeKind } from '../../domain/complaint/events.js';

/**
 * What the portal asks the complainant to agree to, word for word: the page shows these texts
 * (`GET /portal/form`) and the receipt keeps the ones shown, in the language shown. Each channel's
 * wording names every notice the service sends on it (docs/notices.md), and the follow-up link.
 */
export const CONSENT_WORDING: Readonly<Record<Language, ConsentWording>> = {
  ko: {
    personalData: '민원 처리를 위하여 성명과 연락처, 민원 내용을 수집·이용하는 데 동의합니다. 이 정보는 민원 처리에만 쓰이며 처리 담당자만 볼 수 있습니다.',
    email: '접수 확인과 처리 상황을 확인하는 주소, 중간 안내, 자료 제출·보완 요청, 처리 결과, 만족도 조사 안내를 전자우편으로 받는 데 동의합니다.',
    sms: '접수 확인과 처리 상황을 확인하는 주소, 중간 안내, 자료 제출·보완 요청, 처리 결과, 만족도 조사 안내를 문자메시지(SMS)로 받는 데 동의합니다.',
  },
  en: {
    personalData: 'I agree that my name, contact details and what I write here are collected and used to handle this complaint. They are used for nothing else and only those handling it see them.',
    email: 'I agree to receive by e-mail the acknowledgement and the link to follow my complaint, progress notices, requests for information or to supplement my complaint, the result, and the invitation to the satisfaction survey.',
    sms: 'I agree to receive by text message (SMS) the acknowledgement and the link to follow my complaint, progress notices, requests for information or to supplement my complaint, the result, and the invitation to the satisfaction survey.',
  },
};

/**
 * Wordings the portal showed before, as receipts keep them, with the notices each left out: the SMS
 * consent named neither the survey nor anything after the result. A receipt keeps the wording its
 * complainant agreed to, so a notice it does not name is not sent on that channel. (Requests for
 * information or to supplement the complaint are part of handling it, which the consent to the use of
 * the contact details covers; the survey comes after the handling.)
 */
const EARLIER_WORDINGS: readonly { channel: ElectronicChannel; wording: string; leavesOut: readonly NoticeKind[] }[] = [
  { channel: 'sms', wording: '접수 확인, 중간 안내, 처리 결과를 문자메시지(SMS)로 받는 데 동의합니다.', leavesOut: ['satisfaction-survey'] },
  { channel: 'sms', wording: 'I agree to receive the acknowledgement, progress notices and the result by text message (SMS).', leavesOut: ['satisfaction-survey'] },
];

/**
 * Whether the consent a receipt recorded on the channel names this notice. A receipt without the
 * wording (received by staff, who record the consent the complainant gave them) goes by the consent alone.
 */
export function consentNames(recorded: ConsentWording | undefined, channel: ElectronicChannel, kind: NoticeKind): boolean {
  const wording = recorded?.[channel];
  return !EARLIER_WORDINGS.some((earlier) => earlier.channel === channel && earlier.wording === wording && earlier.leavesOut.includes(kind));
}
