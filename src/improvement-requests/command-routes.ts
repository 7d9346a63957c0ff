import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { SUBJECT_KINDS } from '../../domain/catalog.js';
import { COMMITTEE_DECISIONS, IMPROVEMENT_COMMAND_TYPES, type ImprovementCommandType } from '../../domain/improvement/commands.js';
import { IsDay, IsSubjectId } from '../http/nest.js';

/** Each command over HTTP: its request body (class-validator, which also gives the OpenAPI schema) and its route's summary. */
const ID = 100;
const NAME = 200;
const TEXT = 10_000;

export class ImprovementFlaggedSubjectBody {
  @IsString() @IsNotEmpty() @IsSubjectId() @MaxLength(ID) id!: string;
  @IsIn(SUBJECT_KINDS) kind!: (typeof SUBJECT_KINDS)[number];
  /** The finding reason it was flagged for: one of the catalog's `findingReasons`. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(ID) reason?: string;
}

export class ImprovementFileBody {
  /** The department whose head must act on it. */
  @IsString() @IsNotEmpty() @MaxLength(ID) department!: string;
  /** The complaints it follows from: ids or references (`2026-000123`), stored as ids. */
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @Matches(/^[A-Za-z0-9-]{1,64}$/, { each: true, message: 'each complaint must be a complaint id or its reference' }) complaints?: string[];
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(ID) category?: string;
  /** A subject the repeat-offender rule flags (for `reason`, if given) in the request's year or the year before. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ImprovementFlaggedSubjectBody) subject?: ImprovementFlaggedSubjectBody;
  /** What should change. */
  @IsString() @IsNotEmpty() @MaxLength(TEXT) change!: string;
  /** Why. */
  @IsString() @IsNotEmpty() @MaxLength(TEXT) reason!: string;
}

export class ImprovementPlanBody {
  @IsString() @IsNotEmpty() @MaxLength(TEXT) plan!: string;
  /** When the change should be in place, on or before the due date. */
  @IsOptional() @IsString() @IsDay() expectedOn?: string;
}

export class ImprovementImplementBody {
  @IsString() @IsNotEmpty() @MaxLength(TEXT) summary!: string;
}

export class ImprovementReportResultBody {
  @IsString() @IsNotEmpty() @MaxLength(TEXT) result!: string;
}

export class ImprovementVerifyBody {
  @IsOptional() @IsString() @MaxLength(TEXT) note?: string;
}

export class ImprovementDeclineBody {
  /** The written reason (사유를 서면으로). */
  @IsString() @IsNotEmpty() @MaxLength(TEXT) reason!: string;
}

export class ImprovementRequestExtensionBody {
  /** The written reason for needing longer. */
  @IsString() @IsNotEmpty() @MaxLength(TEXT) reason!: string;
  /** The new date: after the current due date, at most three months after it; a date that is no working day moves to the next working day. */
  @IsString() @IsDay() dueOn!: string;
}

export class ImprovementCommitteeDecisionBody {
  @IsIn(COMMITTEE_DECISIONS) decision!: (typeof COMMITTEE_DECISIONS)[number];
  /** Who decided: the committee's meeting, or management to whom it was reported. */
  @IsString() @IsNotEmpty() @MaxLength(NAME) decidedBy!: string;
  /** The new due date (uphold, change); a date that is no working day moves to the next working day. */
  @IsOptional() @IsString() @IsDay() dueOn?: string;
  /** The changed request (change). */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(TEXT) change?: string;
  @IsOptional() @IsString() @MaxLength(TEXT) note?: string;
}

export const IMPROVEMENT_COMMAND_ROUTES: { readonly [T in ImprovementCommandType]: { body: new () => object; summary: string } } = {
  file: { body: ImprovementFileBody, summary: 'File an improvement request to a department (complaints office)' },
  plan: { body: ImprovementPlanBody, summary: 'The department plans the change (its head)' },
  implement: { body: ImprovementImplementBody, summary: 'The department has made the change (its head)' },
  'report-result': { body: ImprovementReportResultBody, summary: 'The department reports the result (its head)' },
  verify: { body: ImprovementVerifyBody, summary: 'The complaints office verifies the result' },
  decline: { body: ImprovementDeclineBody, summary: 'The department declines, with a written reason (its head)' },
  'request-extension': { body: ImprovementRequestExtensionBody, summary: 'The department needs longer: a written reason and a new date (its head)' },
  'record-committee-decision': { body: ImprovementCommitteeDecisionBody, summary: "The CS operating committee's decision on a declined or overdue request, and who decided (complaints office)" },
};

export function isImprovementCommandType(value: string): value is ImprovementCommandType {
  return (IMPROVEMENT_COMMAND_TYPES as readonly string[]).includes(value);
}
