import type { Complaint } from './complaint.js';
import { EMPLOYEE_DATA, isComplaintEventType, PERSONAL_DATA } from './events.js';

/**
 * What a field of personal data reads where it is not shown. The field keeps its place and its type,
 * only its text is replaced: a text reads the marker, the complainant block `{ "name": marker }`, a list
 * of names (the attachments) `[marker]`.
 * `[redacted]`: the reader may not see it (domain/access.ts); `[erased]`: the complainant's data key
 * was destroyed, so nobody can; `UNREADABLE`: the data key is there but does not open with the
 * service's master key (a restore without the key it was written with), so nobody can here.
 */
export const REDACTED = '[redacted]';
export const ERASED = '[erased]';
export const UNREADABLE = '[unreadable: data key does not open with this master key]';

const textOf = (value: unknown): unknown => (Array.isArray(value) ? value[0] : typeof value === 'object' && value !== null ? (value as { name?: unknown }).name : value);

/** The marker in the field's shape. */
export function markerFor(field: string, marker: string): unknown {
  return field === 'complainant' ? { name: marker } : field === 'attachments' ? [marker] : marker;
}

/** A personal field's value that shows nothing: a marker, or the complainant block holding one. */
export function isHidden(value: unknown): boolean {
  const text = textOf(value);
  return text === REDACTED || text === ERASED || text === UNREADABLE;
}

/** The field as one who may not see it reads it; what was erased stays `[erased]`, what is unreadable stays so. */
function hidden(field: string, value: unknown): unknown {
  const text = textOf(value);
  return markerFor(field, text === ERASED || text === UNREADABLE ? text : REDACTED);
}

/** The fields of personal data an event of this type has (`PERSONAL_DATA`). */
function personalFields(type: string, data: Record<string, unknown>): string[] {
  return isComplaintEventType(type) ? PERSONAL_DATA[type].filter((field) => data[field] !== undefined) : [];
}

/** An event's data with its personal data redacted. */
export function redactEventData(type: string, data: Record<string, unknown>): Record<string, unknown> {
  const redacted = { ...data };
  for (const field of personalFields(type, data)) redacted[field] = hidden(field, data[field]);
  return redacted;
}

/** The event's personal data, as it holds it. */
export function personalDataOfEvent(type: string, data: Record<string, unknown>): unknown[] {
  return personalFields(type, data).map((field) => data[field]);
}

/** The case's personal data, as the events it comes from hold it: the complainant, what they wrote, the information received, their survey comment, why they withdrew. */
export function personalDataOf(complaint: Complaint): unknown[] {
  return [
    complaint.complainant, complaint.description, complaint.remedySought, complaint.attachments,
    // A response body judged as a case (src/audit/personal-data-reads.ts) need not have the requests.
    ...(complaint.informationRequests ?? []).map((r) => r.summary), complaint.satisfaction?.comment, withdrawalReasonOf(complaint),
  ].filter((value) => value !== undefined);
}

/** Whether any of the case's personal data is there to show: none once erased (every value `[erased]`), none as redacted. */
export function holdsPersonalData(complaint: Complaint): boolean {
  return personalDataOf(complaint).some((value) => !isHidden(value));
}

/** The withdrawal's reason (`ComplaintWithdrawn` seals it); the reason of another closing is staff's note. */
const withdrawalReasonOf = (complaint: Complaint): string | undefined => (complaint.closure?.as === 'withdrawn' ? complaint.closure.reason : undefined);

/** The case with its personal data redacted. */
export function redactComplaint(complaint: Complaint): Complaint {
  const { remedySought, attachments, satisfaction } = complaint;
  return {
    ...complaint,
    complainant: hidden('complainant', complaint.complainant) as Complaint['complainant'],
    description: hidden('description', complaint.description) as string,
    ...(remedySought === undefined ? {} : { remedySought: hidden('remedySought', remedySought) as string }),
    ...(attachments === undefined ? {} : { attachments: hidden('attachments', attachments) as string[] }),
    informationRequests: complaint.informationRequests.map((r) => (r.summary === undefined ? r : { ...r, summary: hidden('summary', r.summary) as string })),
    ...(satisfaction?.comment === undefined ? {} : { satisfaction: { ...satisfaction, comment: hidden('comment', satisfaction.comment) as string } }),
    ...(withdrawalReasonOf(complaint) === undefined ? {} : { closure: { ...complaint.closure!, reason: hidden('reason', complaint.closure!.reason) as string } }),
  };
}

/** The receipt's pseudonymous keys, set when it is stored (`ComplaintReceived`): see `seesPseudonymousKeys`. */
const PSEUDONYMOUS_KEYS = ['complainantKey', 'identityKeys'];

/** The case, or a receipt's data, without its pseudonymous keys. */
export function withoutPseudonymousKeys<T extends object>(value: T): T {
  const kept = { ...value } as Record<string, unknown>;
  for (const key of PSEUDONYMOUS_KEYS) delete kept[key];
  return kept as T;
}

/** An event's data with the employee measures it records redacted (`EMPLOYEE_DATA`). */
export function redactEmployeeData(type: string, data: Record<string, unknown>): Record<string, unknown> {
  const fields = isComplaintEventType(type) ? (EMPLOYEE_DATA[type] ?? []) : [];
  const redacted = { ...data };
  for (const field of fields) if (data[field] !== undefined) redacted[field] = REDACTED;
  return redacted;
}

/**
 * The case with the employee measures redacted: each referral keeps its place, its subject (the
 * findings' subject, which every role reads) and dates; the programme and the note read `[redacted]`.
 */
export function redactEmployeeMeasures(complaint: Complaint): Complaint {
  const referrals = complaint.trainingReferrals;
  if (referrals === undefined) return complaint;
  return {
    ...complaint,
    trainingReferrals: referrals.map((r) => ({ ...r, programme: REDACTED, ...(r.note === undefined ? {} : { note: REDACTED }) })),
  };
}
