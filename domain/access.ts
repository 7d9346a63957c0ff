import { COMMANDS, type ComplaintCommandType } from './complaint/commands.js';
import type { Complaint } from './complaint/complaint.js';

export const ROLES = ['intake', 'handler', 'department-head', 'complaints-office', 'manager', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  name: string;
  roles: Role[];
  department?: string;
  /** A complainant acting on their own case through the portal (identified by its follow-up link): the case's id. Has no role. */
  complainantOf?: string;
}

/** The complainant of one case, as the portal's follow-up link identifies them. No name: the events name no person. */
export function complainantActor(complaintId: string): Actor {
  return { id: `complainant:${complaintId}`, name: 'complainant', roles: [], complainantOf: complaintId };
}

/** The role an event's metadata records: the actor's roles, or `complainant`. */
export function actorRoleOf(actor: Actor): string {
  return actor.complainantOf !== undefined ? 'complainant' : actor.roles.join(' ');
}

/** Roles that act only on their own department's cases: an actor of these has a department. */
export const DEPARTMENT_ROLES: ReadonlySet<Role> = new Set(['handler', 'department-head']);

export interface Refusal {
  /** `role`: no role of the actor gives the command; `department`: it is another department's case. */
  reason: 'role' | 'department';
  message: string;
}

/**
 * Why the actor may not give this command to this complaint, or undefined when they may. A
 * contribution (joint handling) is a cooperating department's own: `forDepartment`, the department
 * the command names, must be the actor's. So must the department of a reassignment by the handling
 * department's head, who designates its handler but does not move the case.
 */
export function refusal(actor: Actor, command: ComplaintCommandType, complaint: Complaint | undefined, forDepartment?: string): Refusal | undefined {
  if (actor.complainantOf !== undefined) {
    if (!COMMANDS[command].complainant) return { reason: 'role', message: `${command} is given by staff, not by the complainant` };
    if (complaint !== undefined && complaint.id !== actor.complainantOf) return { reason: 'role', message: `the complainant acts on their own case only` };
    return undefined;
  }
  const granting = actor.roles.filter((role) => COMMANDS[command].roles.includes(role));
  if (granting.length === 0) return { reason: 'role', message: `${command} requires one of the roles: ${rolesFor(command).join(', ')}` };
  const unbound = granting.some((role) => !DEPARTMENT_ROLES.has(role));
  if (unbound) return undefined;
  if (command === 'record-contribution') {
    const cooperating = complaint !== undefined && actor.department !== undefined && complaint.cooperatingDepartments.includes(actor.department);
    if (cooperating && (forDepartment === undefined || forDepartment === actor.department)) return undefined;
    return { reason: 'department', message: `${command} is for a cooperating department (${complaint?.cooperatingDepartments.join(', ') || 'none'}), for its own findings only` };
  }
  const handling = complaint?.department !== undefined && complaint.department === actor.department;
  if (command === 'reassign' && handling && forDepartment !== undefined && forDepartment !== actor.department) {
    // 접수부서에서는 … 처리부서를 지정하여 이관함: the department is routed by the receiving unit, not by the one handling it.
    return { reason: 'department', message: `${command} by the handling department names a handler within ${actor.department}; moving the case to ${forDepartment} is for the complaints office` };
  }
  if (handling && command === 'amend' && complaint.confidential && !maySeePersonalData(actor, complaint)) {
    // The other commands are the department's; changing the whistle-blower's own words unread is not.
    return { reason: 'department', message: `${command} of a confidential case is for those who read it: its assigned handler, the department's head, the complaints office` };
  }
  if (handling) return undefined;
  return { reason: 'department', message: `${command} is for the handling department (${complaint?.department ?? 'not yet assigned'}) only` };
}

export function rolesFor(command: ComplaintCommandType): Role[] {
  return ROLES.filter((role) => COMMANDS[command].roles.includes(role));
}

/**
 * Who reads a complaint's personal data: the complainant's name and contacts and the text they wrote
 * (description, remedy sought, amendments, information received, survey comment: `PERSONAL_DATA`).
 * Only those who handle the case now (manual ch.5 §1, CCMS principle 10): the complaints office;
 * intake while the case is open and not yet assigned to a department, since intake routes it; the heads of the
 * department handling it and of the departments cooperating on it; their handlers, or of a confidential
 * case only the handler it is assigned to.
 * Judged on the case as it stands now, also when its past is shown. Everyone else reads them
 * redacted (domain/complaint/redaction.ts), but for an auditor's break-glass read.
 */
export function maySeePersonalData(actor: Actor, complaint: Complaint): boolean {
  const lead = complaint.department !== undefined && complaint.department === actor.department;
  const cooperating = actor.department !== undefined && complaint.cooperatingDepartments.includes(actor.department);
  return actor.roles.some((role) => {
    switch (role) {
      case 'complaints-office':
        return true;
      case 'intake':
        // Intake routes the case: not once it is closed (withdrawn, or excluded at assessment) before any routing.
        return complaint.department === undefined && complaint.closure === undefined;
      case 'department-head':
        return lead || cooperating;
      case 'handler':
        return (lead || cooperating) && (!complaint.confidential || complaint.handler === actor.id);
      default:
        return false;
    }
  });
}

/**
 * Who reads the measures recorded for an employee who caused the complaint (CS training referrals and
 * their completion, `EMPLOYEE_DATA`): the employee's personal data (004 seed, ch. 3 ⑤ 가). The
 * complaints office, and the head of the department handling the case: the subject's department.
 * Not its handlers, not the complainant's readers; an auditor by a break-glass read only.
 */
export function maySeeEmployeeMeasures(actor: Actor, complaint: Complaint): boolean {
  const head = complaint.department !== undefined && complaint.department === actor.department;
  return actor.roles.some((role) => role === 'complaints-office' || (role === 'department-head' && head));
}

/** Whether a read shows the employee measures: to those who may see them, or to an auditor whose read breaks the glass (`personalShown`). */
export function showsEmployeeMeasures(actor: Actor, complaint: Complaint, personalShown: boolean): boolean {
  return maySeeEmployeeMeasures(actor, complaint) || (personalShown && mayBreakGlass(actor));
}

/**
 * Who reads a case's pseudonymous keys (the complainant's key and the keyed hashes of their contacts):
 * the complaints office, which erases a person's data by them and answers for repeat complainants,
 * auditors and admins. Those who handle a case need the person, not the keys.
 */
export function seesPseudonymousKeys(actor: Actor): boolean {
  return actor.roles.some((role) => role === 'complaints-office' || role === 'auditor' || role === 'admin');
}

/** An auditor may read one case's personal data anyway, giving a written reason that the access log keeps. */
export function mayBreakGlass(actor: Actor): boolean {
  return actor.roles.includes('auditor');
}

/** What a break-glass reason must be: written words, not a token gesture. */
export const ACCESS_REASON_RULE = 'must be a written reason of 5 to 500 characters without control characters';

export function isAccessReason(text: string): boolean {
  return text.length >= 5 && text.length <= 500 && !/[\p{Cc}\p{Cs}]/u.test(text);
}

/** How a read shows the case's personal data: to one who handles it, by a break-glass read, or not at all. */
export type PersonalDataAccess = 'handling' | 'break-glass' | 'none';

/** `reason`: the reader's reason for a break-glass read, if they gave one. */
export function personalDataAccess(actor: Actor, complaint: Complaint, reason: string | undefined): PersonalDataAccess {
  if (maySeePersonalData(actor, complaint)) return 'handling';
  return reason !== undefined && mayBreakGlass(actor) ? 'break-glass' : 'none';
}
