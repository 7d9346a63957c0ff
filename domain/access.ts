import { COMMANDS, type ComplaintCommandType } from './complaint/commands.js';
import type { Complaint } from './complaint/complaint.js';

export const ROLES = ['intake', 'handler', 'department-head', 'complaints-office', 'manager', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  name: string;
  roles: Role[];
  department?: string;
}

const DEPARTMENT_BOUND: ReadonlySet<Role> = new Set(['handler', 'department-head']);

export interface Refusal {
  /** `role`: no role of the actor gives the command; `department`: it is another department's case. */
  reason: 'role' | 'department';
  message: string;
}

/**
 * Why the actor may not give this command to this complaint, or undefined when they may. A
 * contribution (joint handling) is a cooperating department's own: `forDepartment`, the department
 * the command names, must be the actor's.
 */
export function refusal(actor: Actor, command: ComplaintCommandType, complaint: Complaint | undefined, forDepartment?: string): Refusal | undefined {
  const granting = actor.roles.filter((role) => COMMANDS[command].roles.includes(role));
  if (granting.length === 0) return { reason: 'role', message: `${command} requires one of the roles: ${rolesFor(command).join(', ')}` };
  const unbound = granting.some((role) => !DEPARTMENT_BOUND.has(role));
  if (unbound) return undefined;
  if (command === 'record-contribution') {
    const cooperating = complaint !== undefined && actor.department !== undefined && complaint.cooperatingDepartments.includes(actor.department);
    if (cooperating && (forDepartment === undefined || forDepartment === actor.department)) return undefined;
    return { reason: 'department', message: `${command} is for a cooperating department (${complaint?.cooperatingDepartments.join(', ') || 'none'}), for its own findings only` };
  }
  if (complaint?.department && complaint.department === actor.department) return undefined;
  return { reason: 'department', message: `${command} is for the handling department (${complaint?.department ?? 'not yet assigned'}) only` };
}

export function rolesFor(command: ComplaintCommandType): Role[] {
  return ROLES.filter((role) => COMMANDS[command].roles.includes(role));
}

/** Complainant personal data is shown only to those who handle complaints (CCMS principle 10). */
export function maySeePersonalData(actor: Actor, complaint: Complaint): boolean {
  return actor.roles.some(
    (role) =>
      role === 'intake' ||
      role === 'complaints-office' ||
      (DEPARTMENT_BOUND.has(role) && actor.department !== undefined && (complaint.department === actor.department || complaint.cooperatingDepartments.includes(actor.department))),
  );
}

export function mayRead(actor: Actor): boolean {
  return actor.roles.length > 0;
}
