import type { ComplaintCommandType } from './complaint/commands.js';
import type { Complaint } from './complaint/complaint.js';

export const ROLES = ['intake', 'handler', 'department-head', 'complaints-office', 'manager', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  name: string;
  roles: Role[];
  department?: string;
}

/**
 * Who may give each command: intake receives and routes, the handling department investigates (its
 * handlers) and decides (its head), the complaints office may do everything. Managers, auditors and
 * admins give no command. Handlers and heads act only on their own department's cases.
 */
const ROLES_OF: { readonly [C in ComplaintCommandType]: readonly Role[] } = {
  receive: ['intake', 'complaints-office'],
  acknowledge: ['intake', 'complaints-office'],
  assess: ['intake', 'complaints-office'],
  assign: ['intake', 'complaints-office'],
  reassign: ['complaints-office'],
  'request-information': ['handler', 'complaints-office'],
  'receive-information': ['handler', 'complaints-office'],
  'pause-clock': ['handler', 'complaints-office'],
  'resume-clock': ['handler', 'complaints-office'],
  'send-interim-notice': ['handler', 'complaints-office'],
  amend: ['handler', 'complaints-office'],
  'record-findings': ['handler', 'complaints-office'],
  decide: ['department-head', 'complaints-office'],
  'communicate-decision': ['department-head', 'complaints-office'],
  close: ['department-head', 'complaints-office'],
  withdraw: ['complaints-office'],
  reopen: ['complaints-office'],
  'record-satisfaction': ['intake', 'complaints-office'],
};

const DEPARTMENT_BOUND: ReadonlySet<Role> = new Set(['handler', 'department-head']);

export interface Refusal {
  /** `role`: no role of the actor gives the command; `department`: it is another department's case. */
  reason: 'role' | 'department';
  message: string;
}

/** Why the actor may not give this command to this complaint, or undefined when they may. */
export function refusal(actor: Actor, command: ComplaintCommandType, complaint: Complaint | undefined): Refusal | undefined {
  const granting = actor.roles.filter((role) => ROLES_OF[command].includes(role));
  if (granting.length === 0) return { reason: 'role', message: `${command} requires one of the roles: ${rolesFor(command).join(', ')}` };
  const unbound = granting.some((role) => !DEPARTMENT_BOUND.has(role));
  if (unbound) return undefined;
  if (complaint?.department && complaint.department === actor.department) return undefined;
  return { reason: 'department', message: `${command} is for the handling department (${complaint?.department ?? 'not yet assigned'}) only` };
}

export function rolesFor(command: ComplaintCommandType): Role[] {
  return ROLES.filter((role) => ROLES_OF[command].includes(role));
}

/** Complainant personal data is shown only to those who handle complaints (CCMS principle 10). */
export function maySeePersonalData(actor: Actor, complaint: Complaint): boolean {
  return actor.roles.some(
    (role) =>
      role === 'intake' ||
      role === 'complaints-office' ||
      (DEPARTMENT_BOUND.has(role) && complaint.department !== undefined && complaint.department === actor.department),
  );
}

export function mayRead(actor: Actor): boolean {
  return actor.roles.length > 0;
}
