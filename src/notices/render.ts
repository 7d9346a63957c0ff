import escapeHtml from 'escape-html';
import { findCategory, satisfactionElementsOf, type Catalog } from '../../domain/catalog.js';
import type { Complaint } from '../../domain/complaint/complaint.js';
import type { ComplaintEvent, ElectronicChannel, Language, NoticeKind } from '../../domain/complaint/events.js';
import { ERASED } from '../complaint-stream/index.js';
import { consentNames } from './consent-wording.js';
import { en } from './templates/en.js';
import { ko } from './templates/ko.js';
import type { NoticeTemplates } from './templates/template.js';

export const TEMPLATES: Readonly<Record<Language, NoticeTemplates>> = { ko, en };

export interface NoticeToRender {
  kind: NoticeKind;
  channel: ElectronicChannel;
  complaintId: string;
  /** The case as of the event that called for the notice, personal data opened. */
  complaint: Complaint;
  /** That event. */
  source: ComplaintEvent;
}

export interface RenderSettings {
  catalog: Catalog;
  /** Dates are shown in the organisation's zone. */
  timeZone: string;
  /** `{complaintId}` is replaced by the case's id. */
  surveyUrl?: string;
  /** PORTAL_URL: where complainants reach the portal; without it the notices name no address of it. */
  portalUrl?: string;
}

export type RenderedNotice =
  | { channel: 'email'; to: string; subject: string; text: string; html: string }
  | { channel: 'sms'; to: string; text: string };

/** The message, or why none may be sent. The reason names no personal data. */
export type Rendering = { message: RenderedNotice } | { skip: string };

/** Writes the notice in the complainant's language from the case as it stood when the notice was called for. */
export function renderNotice(notice: NoticeToRender, settings: RenderSettings): Rendering {
  const { complainant, consent } = notice.complaint;
  if (complainant.name === ERASED) return { skip: "the complainant's personal data was erased" };
  if (!consent[notice.channel]) return { skip: `no consent to ${notice.channel}` };
  if (!consentNames(notice.complaint.consentWording, notice.channel, notice.kind)) return { skip: `the consent to ${notice.channel} the complainant agreed to does not name the ${notice.kind}` };
  const to = notice.channel === 'email' ? complainant.email : complainant.phone;
  if (!to) return { skip: `no address for ${notice.channel}` };
  const templates = TEMPLATES[complainant.language ?? 'ko'] ?? ko;
  // Only a portal filing gave the complainant a follow-up link; its receipt keeps the consents the portal showed.
  const filedOnPortal = notice.complaint.consentWording !== undefined;
  const kind = templates.kinds[notice.kind];
  const wording = !filedOnPortal && kind.withoutLink ? { ...kind, ...kind.withoutLink } : kind;
  const values = valuesOf(notice, templates, settings);
  if (notice.channel === 'sms') return { message: { channel: 'sms', to, text: fill(wording.sms, values) } };
  const text = fill(wording.email, values);
  return {
    message: { channel: 'email', to, subject: fill(wording.subject, values).replace(/\s+/g, ' '), text, html: htmlOf(text, complainant.language ?? 'ko') },
  };
}

type Values = Partial<Record<string, string>>;

function valuesOf({ complaint, complaintId, source }: NoticeToRender, templates: NoticeTemplates, settings: RenderSettings): Values {
  const language = complaint.complainant.language ?? 'ko';
  // The 24-hour clock: ICU 78 writes Korean times with "PM", where the portal's browser writes 오후.
  // The zone is named ("GMT+9") but for Korean readers of Seoul times: a complainant writing in
  // another language may well read the notice elsewhere.
  const zoneNamed = !(language === 'ko' && settings.timeZone === 'Asia/Seoul');
  const dateFormat = new Intl.DateTimeFormat(templates.locale, {
    year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: settings.timeZone,
    ...(zoneNamed ? { timeZoneName: 'short' } : {}),
  });
  const date = (iso: string) => dateFormat.format(new Date(iso));
  const values: Values = {
    name: complaint.complainant.name,
    reference: complaint.reference ?? complaintId,
    category: findCategory(settings.catalog, complaint.category)?.name[language] ?? complaint.category,
    receivedAt: date(complaint.receivedAt),
  };
  if (source.type === 'InterimNoticeSent') {
    values.progress = source.data.progress;
    values.delayReason = source.data.delayReason;
    if (source.data.expectedBy) values.expectedBy = date(source.data.expectedBy);
  }
  if (source.type === 'SupplementRequested') values.request = source.data.request;
  if (source.type === 'InformationRequested') {
    values.request = source.data.request;
    if (source.data.dueAt) values.dueAt = date(source.data.dueAt);
  }
  if (source.type === 'DecisionCommunicated') {
    values.basis = source.data.basis;
    values.appeal = source.data.appeal;
    const decision = complaint.decision;
    if (decision) {
      values.outcome = templates.outcomes[decision.outcome];
      values.remedy = decision.remedy;
      const c = decision.compensation;
      if (c) {
        const amount = new Intl.NumberFormat(templates.locale).format(c.amount);
        const money = (templates.money[c.currency] ?? '{amount} {currency}').replace('{amount}', amount).replace('{currency}', c.currency);
        values.compensation = [money, c.description].filter(Boolean).join(', ');
      }
    }
  }
  if (source.type === 'ComplaintRejectedAtAssessment') values.exclusion = templates.exclusions[source.data.exclusion];
  if (source.type === 'ComplaintClosed') values.questions = satisfactionElementsOf(settings.catalog).map(({ name }) => name[language]).join(', ');
  // The page that follows a case by its reference and a code (the follow-up link itself is a secret no notice carries).
  if (settings.portalUrl) values.portalUrl = `${settings.portalUrl}/?lang=${language}#/portal`;
  if (settings.surveyUrl) values.surveyUrl = settings.surveyUrl.replaceAll('{complaintId}', encodeURIComponent(complaintId));
  return values;
}

const PLACEHOLDER = /\{(\w+)\}/g;

/** Fills the placeholders; a line with a placeholder that has no value is left out, and so is a paragraph left empty. */
export function fill(template: string, values: Values): string {
  const lines = template.split('\n').flatMap((line) => {
    const names = [...line.matchAll(PLACEHOLDER)].map((m) => m[1]!);
    if (names.some((name) => !values[name]?.trim())) return [];
    return [line.replace(PLACEHOLDER, (_, name: string) => values[name]!.trim())];
  });
  return lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

/** The text as HTML: every value escaped, paragraphs and line breaks kept. */
function htmlOf(text: string, language: Language): string {
  const paragraphs = text.split(/\n{2,}/).map((p) => `<p>${p.split('\n').map((line) => escapeHtml(line)).join('<br>\n')}</p>`);
  return `<!doctype html>\n<html lang="${language}"><head><meta charset="utf-8"></head><body>\n${paragraphs.join('\n')}\n</body></html>\n`;
}
