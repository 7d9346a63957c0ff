import type { Catalog, CompensationForm, Exclusion, Outcome, SurveyQuestion } from '../../domain/catalog.js';
import { findCategory, satisfactionElementsOf } from '../../domain/catalog.js';
import { applyEvent, type Complaint } from '../../domain/complaint/complaint.js';
import { allowedCommands, complaintOf, handlingDeadline, lifecycleState, type ComplaintState } from '../../domain/complaint/decider.js';
import type { WorkingCalendar } from '../../domain/working-time/index.js';
import { toDomainEvent } from '../complaint-stream/index.js';
import type { StoredEvent } from '../event-store/index.js';

/**
 * Where the case stands, in the complainant's words (the page says each in Korean or English).
 * `withdrawn`: the complainant withdrew it. `closed-unreachable`: closed because the complainant could
 * not be reached (unidentified, or a supplement request left unanswered): they never withdrew it.
 * `not-a-complaint`: excluded at the initial assessment (`exclusion` says on which ground).
 */
export type PortalStage = 'received' | 'in-progress' | 'decided' | 'closed' | 'closed-unreachable' | 'withdrawn' | 'not-a-complaint';

/**
 * A case as its complainant sees it on the portal: what they wrote, where it stands, the dates,
 * what is asked of them, the result once it was told. Never staff names or ids, internal notes,
 * findings, subjects, departments' contributions or the complainant's pseudonymous keys.
 */
export interface PortalCase {
  reference: string | null;
  stage: PortalStage;
  /**
   * When the case was last reopened to be looked at again (its result as told before is
   * `earlierDecision`); null for a case never reopened. Never staff's reason for reopening it.
   */
  reopenedAt: string | null;
  /** The result told before the latest reopening, as `decision` gave it then; null where none was told. */
  earlierDecision: PortalCase['decision'];
  /**
   * Once excluded at the initial assessment (`stage` `not-a-complaint`), the ground, one of the manual's
   * exclusions: `private-law` (a matter of private law), `court-or-investigation` (before a court or an
   * investigation), `unidentified` (no name or contact), `fraudulent`; null otherwise. Never staff's note.
   */
  exclusion: Exclusion | null;
  category: { code: string; name: { ko: string; en: string } };
  /** The complaint's content as recorded: what the complainant filed or last changed, or staff's record of it (`descriptionBy`). */
  description: string;
  /**
   * Who wrote `description` as it stands: `complainant` when they filed or last changed it on the
   * portal; `staff` when staff received the complaint (by phone, at the counter, by letter) or amended it
   * since: the complaint as recorded, not the complainant's own words.
   */
  descriptionBy: 'complainant' | 'staff';
  /** The names of the documents they enclosed. */
  attachments: string[];
  receivedAt: string;
  /** When the handling deadline runs out; null while the clock is paused or once decided. */
  dueAt: string | null;
  /** When the latest progress notice told them to expect the answer, until it is decided; null where none said. */
  expectedBy: string | null;
  interimNotices: { at: string; progress: string; delayReason: string; expectedBy: string | null }[];
  /**
   * Requests addressed to the complainant: open ones they answer on the page; answered ones with when,
   * and by whom (`answeredBy`): `complainant`, on the portal, with their `answer`; `staff`, who recorded
   * an answer given otherwise (by phone, by letter): then only that and when it was answered, never
   * staff's summary of it (`answer` null).
   */
  informationRequests: { requestId: string; request: string; dueAt: string | null; answeredAt: string | null; answeredBy: 'complainant' | 'staff' | null; answer: string | null }[];
  /**
   * The staff's request to supplement or correct the complaint, while unanswered (null otherwise): its
   * words and when it was made. The complainant answers by changing what they wrote (`amend`); while it
   * `holdsTheDeadline`, the handling clock waits for that answer (`dueAt` is null meanwhile).
   */
  supplementRequest: { request: string; requestedAt: string; holdsTheDeadline: boolean } | null;
  /**
   * Once the result was told: the outcome, the basis and the appeal route as told (never the decision's own basis, which is internal), the remedy,
   * and the compensation granted, as the decision's notice names it, with whether it was handed over.
   */
  decision: { outcome: Outcome; basis: string; remedy: string | null; appeal: string; communicatedAt: string; compensation: PortalCompensation | null } | null;
  /** `open` once closed as resolved and not yet answered; `none` for a case closed otherwise (withdrawn, excluded, unreachable), which is not surveyed. */
  survey: 'not-yet' | 'open' | 'answered' | 'none';
  /** What the survey asks, each scored 1 to 5: the catalog's `satisfactionElements` in its order, `overall` among them, named in Korean and English. */
  surveyQuestions: SurveyQuestion[];
  /** What the complainant may do now. */
  mayWithdraw: boolean;
  mayAmend: boolean;
}

/**
 * What a decision granted the complainant (시정 및 보상) and, once handed over, what and when. Never the
 * policy's trigger, an exception's reason (the approval is internal) or who handed it over (staff).
 */
export interface PortalCompensation {
  amount: number;
  currency: string;
  form: CompensationForm | null;
  description: string | null;
  handedOver: { form: CompensationForm; description: string; amount: number; currency: string; at: string } | null;
}

/**
 * Which of the texts the portal would show as the complainant's own they wrote on the portal. The
 * events' metadata says who recorded each (`actorRole` `complainant`: domain/access.ts `actorRoleOf`),
 * which the case's fold does not keep: staff record answers given to them (`receive-information`) and
 * amend the description, and their words must not read as the complainant's.
 */
export interface WrittenOnThePortal {
  /** The requests whose latest answer the complainant gave on the portal. */
  answers: ReadonlySet<string>;
  /** The description as it stands was filed or last changed by the complainant on the portal. */
  description: boolean;
}

export function writtenOnThePortal(events: readonly StoredEvent[]): WrittenOnThePortal {
  const answers = new Set<string>();
  let description = false;
  for (const stored of events) {
    const byComplainant = stored.metadata.actorRole === 'complainant';
    const event = toDomainEvent(stored);
    if (event.type === 'ComplaintReceived') description = byComplainant;
    if (event.type === 'ComplaintAmended' && event.data.description !== undefined) description = byComplainant;
    if (event.type === 'InformationReceived') {
      if (byComplainant) answers.add(event.data.requestId);
      else answers.delete(event.data.requestId);
    }
  }
  return { answers, description };
}

/** The case as its complainant sees it, from its state and its events (who wrote what: {@link writtenOnThePortal}). */
export function portalCase({ state, events }: { state: ComplaintState; events: readonly StoredEvent[] }, catalog: Catalog, calendar: WorkingCalendar): PortalCase {
  const complaint = complaintOf(state)!;
  const theirs = writtenOnThePortal(events);
  const allowed = allowedCommands(state);
  const category = findCategory(catalog, complaint.category);
  const reopened = latestReopening(events);
  return {
    reference: complaint.reference ?? null,
    stage: stageOf(complaint, state),
    reopenedAt: reopened?.at ?? null,
    earlierDecision: reopened?.decision ?? null,
    exclusion: complaint.closure?.as === 'rejected-at-assessment' ? (complaint.rejection?.exclusion ?? null) : null,
    category: { code: complaint.category, name: category?.name ?? { ko: complaint.category, en: complaint.category } },
    description: complaint.description,
    descriptionBy: theirs.description ? 'complainant' : 'staff',
    attachments: complaint.attachments ?? [],
    receivedAt: complaint.receivedAt,
    dueAt: complaint.decision || complaint.closure ? null : handlingDeadline(complaint, catalog, calendar),
    expectedBy: complaint.decision || complaint.closure ? null : utc(complaint.interimNotices.at(-1)?.expectedBy),
    interimNotices: complaint.interimNotices.map(({ at, progress, delayReason, expectedBy }) => ({ at, progress, delayReason, expectedBy: utc(expectedBy) })),
    informationRequests: complaint.informationRequests
      .filter((r) => r.addressee === 'complainant')
      .map((r) => {
        const answeredBy = r.receivedAt === undefined ? null : theirs.answers.has(r.requestId) ? 'complainant' : 'staff';
        return { requestId: r.requestId, request: r.request, dueAt: r.dueAt ?? null, answeredAt: r.receivedAt ?? null, answeredBy, answer: answeredBy === 'complainant' ? (r.summary ?? null) : null };
      }),
    supplementRequest: openSupplementRequest(complaint),
    decision: decisionAsTold(complaint),
    survey: complaint.satisfaction ? 'answered' : allowed.includes('record-satisfaction') ? 'open' : complaint.closure && complaint.closure.as !== 'resolved' ? 'none' : 'not-yet',
    surveyQuestions: satisfactionElementsOf(catalog).map(({ code, name }) => ({ code, name: { ko: name.ko, en: name.en } })),
    mayWithdraw: allowed.includes('withdraw'),
    mayAmend: allowed.includes('amend') && !complaint.decision,
  };
}

/** The latest supplement request while the complainant has not answered it; its staff note (how it was handed over) stays internal. */
function openSupplementRequest(complaint: Complaint): PortalCase['supplementRequest'] {
  const open = complaint.supplementRequest;
  if (open === undefined || open.answered) return null;
  return { request: open.request, requestedAt: open.at, holdsTheDeadline: complaint.pause?.reason === 'document-supplement' };
}

/**
 * The result as it was told: the outcome and the remedy decided, with the basis and the appeal route of
 * the communication. The decision's own basis is the staff's record (it may name staff): never shown.
 */
function decisionAsTold({ decision, decisionCommunicated: told, compensationProvided }: Complaint): PortalCase['decision'] {
  if (!decision || !told) return null;
  const granted = decision.compensation;
  const compensation: PortalCompensation | null = granted
    ? {
        amount: granted.amount, currency: granted.currency, form: granted.form ?? null, description: granted.description ?? null,
        handedOver: compensationProvided
          ? { form: compensationProvided.form, description: compensationProvided.description, amount: compensationProvided.amount, currency: compensationProvided.currency, at: compensationProvided.providedAt }
          : null,
      }
    : null;
  return { outcome: decision.outcome, basis: told.basis, remedy: decision.remedy ?? null, appeal: told.appeal, communicatedAt: told.at, compensation };
}

/**
 * The latest reopening and the result told before it: a reopening clears the decision from the case's
 * state, so it is read off the history as the case stood just before (a complainant saw it vanish).
 */
function latestReopening(events: readonly StoredEvent[]): { at: string; decision: PortalCase['decision'] } | undefined {
  let complaint: Complaint | undefined;
  let latest: { at: string; decision: PortalCase['decision'] } | undefined;
  for (const stored of events) {
    const event = toDomainEvent(stored);
    if (event.type === 'ComplaintReopened' && complaint) latest = { at: utc(event.occurredAt)!, decision: decisionAsTold(complaint) };
    complaint = applyEvent(complaint, event);
  }
  return latest;
}

function stageOf(complaint: Complaint, state: ComplaintState): PortalStage {
  if (complaint.closure?.as === 'withdrawn') return 'withdrawn';
  if (complaint.closure?.as === 'complainant-unreachable') return 'closed-unreachable';
  if (complaint.closure?.as === 'rejected-at-assessment') return 'not-a-complaint';
  switch (lifecycleState(state)) {
    case 'new':
    case 'received':
      return 'received';
    case 'assigned':
    case 'investigated':
      return 'in-progress';
    case 'decided':
      // Decided but not yet told: still being handled, as far as the complainant can know.
      return complaint.decisionCommunicated ? 'decided' : 'in-progress';
    case 'closed':
      return 'closed';
  }
}

/** An instant as staff gave it (with their offset), in UTC as the view's other instants. */
const utc = (instant: string | undefined): string | null => (instant === undefined ? null : new Date(instant).toISOString());
