import type { Outcome } from '../../../domain/catalog.js';
import type { NoticeKind } from '../../../domain/complaint/events.js';

/**
 * A notice's wording in one language: plain text with `{placeholders}`. A line whose placeholder has
 * no value (no expected date, no remedy, no survey address) is left out. E-mail paragraphs are
 * separated by a blank line.
 *
 * Placeholders: {name} {reference} {category} {receivedAt} {progress} {delayReason} {expectedBy}
 * {outcome} {basis} {remedy} {compensation} {appeal} {surveyUrl}.
 */
export interface NoticeWording {
  subject: string;
  email: string;
  sms: string;
}

export interface NoticeTemplates {
  /** For dates and amounts (Intl). */
  locale: string;
  kinds: Readonly<Record<NoticeKind, NoticeWording>>;
  outcomes: Readonly<Record<Outcome, string>>;
}
