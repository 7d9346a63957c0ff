import { randomUUID } from 'node:crypto';
import type { Language } from '../../domain/complaint/events.js';
import type { SmsGatewayChannel, SmtpChannel } from '../notices/index.js';

const WORDING: Record<Language, { subject: string; text: (reference: string, url: string, expires: string) => string; sms: (reference: string, url: string, expires: string) => string }> = {
  ko: {
    sms: (reference, url, expires) => `[민원] 민원이 접수되었습니다. 접수번호 ${reference}. 처리 상황은 아래 주소에서 확인하십시오(${expires}까지). 다른 사람에게 알려 주지 마십시오.\n${url}`,
    subject: '[민원 접수] 처리 상황을 확인할 수 있는 주소를 보내 드립니다',
    text: (reference, url, expires) =>
      `민원이 접수되었습니다. 접수번호: ${reference}\n\n아래 주소에서 처리 상황을 확인하고, 요청된 자료를 보내고, 결과와 만족도 조사를 보실 수 있습니다.\n${url}\n\n이 주소는 ${expires}까지 쓸 수 있습니다. 다른 사람에게 알려 주지 마십시오.\n\n고객불만 처리 담당 드림`,
  },
  en: {
    sms: (reference, url, expires) => `Complaint ${reference} received. Follow it here until ${expires}. Do not share this link.\n${url}`,
    subject: '[Complaint received] Your link to follow the complaint',
    text: (reference, url, expires) =>
      `Your complaint was received. Reference: ${reference}\n\nFollow it, answer requests for information, and read the result and the survey at:\n${url}\n\nThe link works until ${expires}. Do not share it.\n\nThe complaints office`,
  },
};

/** Sends the follow-up link to the address given, once, right after filing: the link is a secret, never stored, so it cannot go through the notice outbox. */
export async function mailFollowUpLink(smtp: SmtpChannel, to: string, language: Language, reference: string, url: string, expiresAt: Date, timeZone: string): Promise<void> {
  const wording = WORDING[language];
  const expires = new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'long', timeZone }).format(expiresAt);
  const text = wording.text(reference, url, expires);
  await smtp.deliver(`portal-link-${reference}`, { channel: 'email', to, subject: wording.subject, text, html: `<pre>${text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</pre>` });
}

/** Texts the follow-up link to the phone number given, once, right after filing, where it was not e-mailed: as the mail, never through the outbox. */
export async function textFollowUpLink(gateway: SmsGatewayChannel, to: string, language: Language, reference: string, url: string, expiresAt: Date, timeZone: string): Promise<void> {
  const expires = new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'long', timeZone }).format(expiresAt);
  await gateway.deliver(`portal-link-${reference}`, { channel: 'sms', to, text: WORDING[language].sms(reference, url, expires) });
}

const CODE_WORDING: Record<Language, { subject: string; text: (reference: string, code: string) => string }> = {
  ko: {
    subject: '[민원 조회] 확인 코드를 보내 드립니다',
    text: (reference, code) => `접수번호 ${reference} 민원의 처리 상황을 보시려면 아래 확인 코드를 입력해 주십시오.\n\n확인 코드: ${code}\n\n10분 동안 한 번 쓸 수 있습니다. 요청하지 않으셨다면 이 메일을 무시하십시오.`,
  },
  en: {
    subject: '[Complaint] Your one-time code',
    text: (reference, code) => `To see complaint ${reference}, enter this code:\n\n${code}\n\nIt works once, for ten minutes. If you did not ask for it, ignore this message.`,
  },
};

/** Sends a one-time code to the e-mail address on record. */
export async function mailAccessCode(smtp: SmtpChannel, to: string, language: Language, reference: string, code: string): Promise<void> {
  const wording = CODE_WORDING[language];
  const text = wording.text(reference, code);
  await smtp.deliver(`portal-code-${reference}-${Date.now()}`, { channel: 'email', to, subject: wording.subject, text, html: `<pre>${text}</pre>` });
}

const NEW_LINK_WORDING: Record<Language, { subject: (reference: string) => string; email: (reference: string, url: string, expires: string) => string; sms: (reference: string, url: string, expires: string) => string }> = {
  ko: {
    subject: (reference) => `[민원] 처리 상황을 확인하는 새 주소를 보내 드립니다 (접수번호 ${reference})`,
    email: (reference, url, expires) =>
      `접수번호 ${reference} 민원의 처리 상황을 확인하는 새 주소를 보내 드립니다. 전에 받으신 주소는 이제 쓸 수 없습니다.\n\n${url}\n\n이 주소는 ${expires}까지 쓸 수 있습니다. 다른 사람에게 알려 주지 마십시오.\n\n고객불만 처리 담당 드림`,
    sms: (reference, url, expires) => `[민원] 접수번호 ${reference} 처리 상황을 확인하는 새 주소입니다(${expires}까지, 전에 받으신 주소는 이제 쓸 수 없습니다). 다른 사람에게 알려 주지 마십시오.\n${url}`,
  },
  en: {
    subject: (reference) => `[Complaint] A new link to follow your complaint (reference ${reference})`,
    email: (reference, url, expires) =>
      `Here is a new link to follow your complaint ${reference}; the one you had no longer works.\n\n${url}\n\nIt works until ${expires}. Do not share it.\n\nThe complaints office`,
    sms: (reference, url, expires) => `Complaint ${reference}: your new link to follow it, until ${expires} (the one you had no longer works). Do not share it.\n${url}`,
  },
};

/**
 * Sends a new follow-up link on the channel given, to the contact on record, once: like the first, a
 * secret that never goes through an event or the notice outbox. Each send has an id of its own.
 */
export async function sendNewFollowUpLink(
  channel: { kind: 'email'; smtp: SmtpChannel } | { kind: 'sms'; gateway: SmsGatewayChannel },
  to: string,
  language: Language,
  reference: string,
  url: string,
  expiresAt: Date,
  timeZone: string,
): Promise<void> {
  const wording = NEW_LINK_WORDING[language];
  const expires = new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-GB', { dateStyle: 'long', timeZone }).format(expiresAt);
  const id = `portal-link-${randomUUID()}`;
  if (channel.kind === 'sms') return channel.gateway.deliver(id, { channel: 'sms', to, text: wording.sms(reference, url, expires) });
  const text = wording.email(reference, url, expires);
  await channel.smtp.deliver(id, { channel: 'email', to, subject: wording.subject(reference), text, html: `<pre>${text.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</pre>` });
}
