/** The shapes the console reads from the API (see /openapi.json and src/complaints). */
import type { ComplaintSummary } from '../../projections/complaint-list';

export interface LocalisedName {
  ko: string;
  en: string;
}

export interface Catalog {
  categories: { code: string; name: LocalisedName; defaultDepartment: string; deadlineDays: number }[];
  departments: { code: string; name: LocalisedName }[];
  channels: string[];
  routes: { internal: boolean; externalBodies: { code: string; name: LocalisedName }[]; generalDepartment?: string | null };
  /** Why a substantiated subject was at fault ("the same reason" of the repeat-offender rule). */
  findingReasons?: { code: string; name: LocalisedName }[];
  /** What a decision may grant (시정 및 보상). */
  compensationPolicy?: { triggers: { code: string; name: LocalisedName; reasons: string[]; form: string; value: number; currency: string }[]; exceptionApprovers: string[] };
  roles: string[];
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface ComplaintView {
  id: string;
  /** The human reference (`2026-000123`), where the store gave one. */
  reference?: string;
  state: string;
  revision: number;
  category: string;
  channel: string;
  description: string;
  department?: string;
  handler?: string;
  receivedAt: string;
  /** Where not shown: `{ name: '[redacted]' }` or `{ name: '[erased]' }`, as every text of personal data reads the marker. */
  complainant: Record<string, Json>;
  confidential?: boolean;
  /** `summary`: what was received (personal data: the marker where not shown). */
  informationRequests: { requestId: string; department: string; request: string; dueAt?: string; requestedAt: string; receivedAt?: string; summary?: string }[];
  findings?: { subjects: { id: string; kind: string; substantiated: boolean }[] };
  /** Employees referred to CS training; hidden ("[redacted]") from those who may not see them. */
  trainingReferrals?: { subjectId: string; programme: string; referredAt: string; completedAt?: string }[];
  cooperatingDepartments?: string[];
  allowedCommands: string[];
  yourCommands: string[];
  [key: string]: unknown;
}

export interface EventView {
  revision: number;
  type: string;
  occurredAt: string;
  recordedAt: string;
  actorId: string;
  actorRole: string;
  data: Record<string, Json>;
}

/** A row of GET /complaints: the API's own type, so the two cannot drift apart (a type only: nothing of it is bundled). */
export type { ComplaintSummary };

/** A row of GET /complaints: the summary, and whether materials it asked of another department are overdue now. */
export type ComplaintListItem = ComplaintSummary & { informationOverdue: boolean };

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
