import type { Exclusion, Outcome } from '../../../domain/catalog.js';
import type { NoticeKind } from '../../../domain/complaint/events.js';

/**
 * A notice's wording in one language: plain text with `{placeholders}`. A line whose placeholder has
 * no value (no expected date, no remedy, no survey address) is left out. E-mail paragraphs are
 * separated by a blank line.
 *
 * Placeholders: {name} {reference} {category} {receivedAt} {progress} {delayReason} {expectedBy}
 * {outcome} {basis} {remedy} {compensation} {appeal} {request} {dueAt} {exclusion}; the survey's {questions} (the
 * catalog's), {surveyUrl} (NOTICE_SURVEY_URL) and {portalUrl} (the portal's page, with PORTAL_URL).
 */
export interface NoticeWording {
  subject: string;
  email: string;
  sms: string;
  /**
   * The e-mail and SMS for a case not filed on the portal: its complainant was never given a follow-up
   * link, so the notice names the complaints office, which can send them one, instead of "your link".
   * Without it, `email` and `sms` serve every case.
   */
  withoutLink?: { email: string; sms: string };
}

export interface NoticeTemplates {
  /** For dates and amounts (Intl). */
  locale: string;
  /** How an amount reads in a currency: `{amount}` is the number as the locale writes it (`10,000`); a currency not listed reads `{amount} {currency}`. */
  money: Readonly<Record<string, string>>;
  kinds: Readonly<Record<NoticeKind, NoticeWording>>;
  outcomes: Readonly<Record<Outcome, string>>;
  /** The ground of an exclusion at the initial assessment, in the complainant's terms (as the portal says it). */
  exclusions: Readonly<Record<Exclusion, string>>;
}
