/**
 * Repeat offenders (CCMS follow-up: "an employee who received complaints for the same reason 3 or
 * more times in a year") and repeat complainants, for the yearly reduction plan. Pure: the
 * pseudonymising function and the time zone come in as arguments.
 *
 * A subject counts for a case when the case's latest findings substantiate it: new findings after a
 * reopening replace the earlier ones. The reason ("동일한 사유") is the one the findings give the
 * subject (a code of the catalog's finding reasons); findings recorded before reasons were kept count
 * by the complaint's category, as the rule did then. The year is the year the complaint was received,
 * in the calendar's time zone. Cases that are no complaints ("고객불만으로 보지 아니함": excluded at
 * assessment, withdrawn, deemed withdrawn as unreachable) and compliments count in none of the figures.
 */
import { DateTime } from 'luxon';
import { UNRECORDED_REASON } from '../domain/catalog.js';
import type { ComplaintEvent, Subject } from '../domain/complaint/events.js';

/** CCMS ch.4 II.1.2 follow-up (동일한 사유로 고객불만을 년 3회 이상 받은 직원). */
export const DEFAULT_REPEAT_OFFENDER_THRESHOLD = 3;

/** A case as the report lists it. */
export interface CaseRef {
  complaintId: string;
  receivedAt: string;
  category: string;
}

/** What a receipt leaves in the read model: no personal data, only pseudonymous keys of it. */
export interface ReceivedCase extends CaseRef {
  complainantKeys: string[];
}

/** A subject the findings substantiate, and why. */
export interface SubstantiatedSubject extends Subject {
  reason: string;
}

/** What the read model keeps of a case: its receipt, its handling department, and the subjects its latest findings substantiate. */
export interface RepeatCase extends ReceivedCase {
  channel: string;
  department: string | null;
  /** False while the case is no complaint: excluded at assessment (until reopened), withdrawn, or closed as unreachable. */
  counted: boolean;
  /** The revision of the latest findings; null before any. */
  findingsRevision: number | null;
  substantiated: SubstantiatedSubject[];
}

/**
 * Folds a complaint's event into what the repeat read model keeps. The receipt is kept with the
 * complainant's pseudonymous identity keys (see src/personal-data/vault.ts), never the data itself.
 * The latest findings replace the earlier ones, so a reopened case is never counted twice; findings
 * older than those kept (delivered again, or out of order) change nothing.
 */
export function evolveRepeatCase(state: RepeatCase | undefined, event: ComplaintEvent, revision: number): RepeatCase | undefined {
  if (event.type === 'ComplaintReceived') {
    if (state) return state;
    const d = event.data;
    const complainantKeys = d.identityKeys ?? (d.complainantKey ? [d.complainantKey] : []);
    return {
      complaintId: d.complaintId, receivedAt: d.receivedAt, category: d.category, channel: d.channel, department: null, complainantKeys,
      counted: true, findingsRevision: null, substantiated: [],
    };
  }
  if (!state) return state;
  if (event.type === 'ComplaintReopened') return { ...state, counted: true };
  if (event.type === 'ComplaintRejectedAtAssessment' || event.type === 'ComplaintWithdrawn' || (event.type === 'ComplaintClosed' && event.data.reason === 'complainant-unreachable')) {
    return { ...state, counted: false };
  }
  if (event.type === 'ComplaintAssigned' || event.type === 'ComplaintReassigned') return { ...state, department: event.data.department };
  if (event.type !== 'FindingsRecorded' || revision <= (state.findingsRevision ?? -1)) return state;
  const substantiated = event.data.subjects
    .filter((s) => s.substantiated)
    .map(({ id, kind, reason }) => ({ id, kind, reason: reason === undefined || reason === UNRECORDED_REASON ? state.category : reason }));
  return { ...state, findingsRevision: revision, substantiated };
}

/** One substantiated subject of one case, and why. */
export interface SubstantiatedFinding extends CaseRef {
  subject: Subject;
  reason: string;
}

export interface Offender {
  subject: Subject;
  /** "The same reason": the findings' reason code (the category, for findings recorded before reasons were kept). */
  reason: string;
  count: number;
  flagged: boolean;
  cases: CaseRef[];
}

export interface YearOptions {
  year: number;
  /** The calendar's time zone: a complaint received at 08:00 on 1 January in Seoul belongs to the new year. */
  timeZone: string;
}

/** Substantiated complaints received in the year, per (subject, reason), flagged at `threshold` or more (동일한 사유로 년 3회 이상). */
export function repeatOffenders(
  findings: SubstantiatedFinding[],
  { year, timeZone, threshold = DEFAULT_REPEAT_OFFENDER_THRESHOLD }: YearOptions & { threshold?: number },
): Offender[] {
  const inYear = receivedIn(year, timeZone);
  const groups = new Map<string, Offender>();
  for (const { subject, reason, ...ref } of findings.filter(inYear)) {
    const id = JSON.stringify([subject.kind, subject.id, reason]);
    const offender = groups.get(id) ?? { subject: { id: subject.id, kind: subject.kind }, reason, count: 0, flagged: false, cases: [] };
    if (offender.cases.some((c) => c.complaintId === ref.complaintId)) continue;
    offender.cases.push(ref);
    offender.count = offender.cases.length;
    offender.flagged = offender.count >= threshold;
    groups.set(id, offender);
  }
  for (const offender of groups.values()) offender.cases.sort(byReceipt);
  return [...groups.values()].sort(
    (a, b) => b.count - a.count || a.subject.kind.localeCompare(b.subject.kind) || a.subject.id.localeCompare(b.subject.id) || a.reason.localeCompare(b.reason),
  );
}

/**
 * The flagged subjects (per subject and reason) that have at least one of their counted cases among
 * `cases` (a department's, a category's, a channel's). The rule is about the subject across the
 * organisation ("동일한 사유로 고객불만을 년 3회 이상 받은 직원"): it flags on all the year's findings, and a
 * part of the organisation answers for every flagged subject with a counted case of its own, however
 * few of the subject's cases are its own.
 */
export function flaggedWithCasesIn(offenders: Offender[], cases: (complaintId: string) => boolean): number {
  return offenders.filter((o) => o.flagged && o.cases.some((c) => cases(c.complaintId))).length;
}

export interface RepeatComplainant {
  /** A pseudonymous key: the same person gets the same key, nobody can read the person back from it. */
  key: string;
  count: number;
  cases: CaseRef[];
}

/**
 * Complainants with two or more cases received in the year, from the keys their cases carry; a person known
 * by phone in one case and by phone and e-mail in another is one complainant across all of them.
 */
export function repeatComplainants(keyed: { key: string; cases: CaseRef[] }[], { year, timeZone }: YearOptions): RepeatComplainant[] {
  const inYear = receivedIn(year, timeZone);
  const sharedKeys = keyed.map(({ key, cases }) => ({ key, cases: cases.filter(inYear) })).filter(({ cases }) => cases.length >= 2);
  // Union-find over cases: two cases sharing a key belong to one person.
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    const up = parent.get(id) ?? id;
    if (up === id) return id;
    const root = find(up);
    parent.set(id, root);
    return root;
  };
  const refs = new Map<string, CaseRef>();
  for (const { cases } of sharedKeys) {
    for (const ref of cases) refs.set(ref.complaintId, ref);
    const [first, ...rest] = cases;
    for (const other of rest) if (first) parent.set(find(other.complaintId), find(first.complaintId));
  }
  const people = new Map<string, { keys: string[]; cases: CaseRef[] }>();
  const personOf = (complaintId: string) => {
    const root = find(complaintId);
    const person = people.get(root) ?? { keys: [], cases: [] };
    people.set(root, person);
    return person;
  };
  for (const [complaintId, ref] of refs) personOf(complaintId).cases.push(ref);
  for (const { key, cases } of sharedKeys) if (cases[0]) personOf(cases[0].complaintId).keys.push(key);
  return [...people.values()]
    .filter((p) => p.cases.length >= 2)
    .map((p) => ({ key: [...p.keys].sort()[0] as string, count: p.cases.length, cases: p.cases.sort(byReceipt) }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

const byReceipt = (a: CaseRef, b: CaseRef): number => Date.parse(a.receivedAt) - Date.parse(b.receivedAt) || a.complaintId.localeCompare(b.complaintId);

function receivedIn(year: number, timeZone: string): (ref: CaseRef) => boolean {
  const { from, to } = yearBounds(year, timeZone);
  const [start, end] = [Date.parse(from), Date.parse(to)];
  return (ref) => Date.parse(ref.receivedAt) >= start && Date.parse(ref.receivedAt) < end;
}

/** [from, to) of a calendar year in the calendar's time zone. */
export function yearBounds(year: number, timeZone: string): { from: string; to: string } {
  const from = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: timeZone });
  return { from: from.toISO() as string, to: from.plus({ years: 1 }).toISO() as string };
}
