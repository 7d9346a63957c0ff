import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { EVALUATION_COMMAND_TYPES, type EvaluationCommandType } from '../../domain/evaluation/commands.js';
import { ACTION_KINDS, INDICATOR_CODES, RATINGS } from '../../domain/evaluation/indicators.js';
import { INSPECTION_ITEM_CODES } from '../../domain/evaluation/inspection.js';
import { IsDay, IsInstant } from '../http/nest.js';

/** Each command over HTTP: its request body (class-validator, which also gives the OpenAPI schema) and its summary. */
const ID = 100;
const NAME = 200;
const TEXT = 10_000;
const ISO = { strict: true, strictSeparator: true };
export const QUARTER = /^\d{4}-Q[1-4]$/;

export class EvaluationDraftBody {
  /** The quarter evaluated; by default the one before the present quarter. */
  @IsOptional() @IsString() @Matches(QUARTER, { message: '$property must be a quarter such as 2026-Q3' }) quarter?: string;
}

export class EvaluationRefreshEvidenceBody {
  /** Why the evidence is gathered again (e.g. late events for the quarter). */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(TEXT) note?: string;
}

export class EvaluationJudgementBody {
  @IsIn(INDICATOR_CODES) indicator!: (typeof INDICATOR_CODES)[number];
  @IsIn(RATINGS) rating!: (typeof RATINGS)[number];
  /** What the judgement rests on: interviews, documents, the evidence. */
  @IsString() @IsNotEmpty() @MaxLength(TEXT) notes!: string;
  /** Documents named by reference (a document number, a file name). */
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(NAME, { each: true }) attachments?: string[];
}

export class EvaluationAddActionBody {
  @IsIn(ACTION_KINDS) kind!: (typeof ACTION_KINDS)[number];
  @IsString() @IsNotEmpty() @MaxLength(TEXT) text!: string;
  @IsString() @IsNotEmpty() @MaxLength(NAME) owner!: string;
  @IsString() @IsDay() dueOn!: string;
}

export class EvaluationUpdateActionBody {
  @IsString() @IsNotEmpty() @MaxLength(ID) actionId!: string;
  @IsString() @IsNotEmpty() @MaxLength(TEXT) note!: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(NAME) owner?: string;
  @IsOptional() @IsString() @IsDay() dueOn?: string;
}

export class EvaluationCompleteActionBody {
  @IsString() @IsNotEmpty() @MaxLength(ID) actionId!: string;
  @IsString() @IsNotEmpty() @MaxLength(TEXT) note!: string;
}

export class EvaluationSignBody {
  /** A note with the signature (e.g. the meeting it was approved at); the signer is the caller. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(TEXT) note?: string;
}

export class EvaluationAddendumBody {
  @IsString() @IsNotEmpty() @MaxLength(TEXT) text!: string;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(NAME, { each: true }) attachments?: string[];
}

export const EVALUATION_COMMAND_ROUTES: { readonly [T in EvaluationCommandType]: { body: new () => object; summary: string } } = {
  draft: { body: EvaluationDraftBody, summary: 'Draft the evaluation of a quarter, its evidence gathered from the read models (complaints office)' },
  'refresh-evidence': { body: EvaluationRefreshEvidenceBody, summary: 'Gather the evidence of a draft again (complaints office)' },
  'record-judgement': { body: EvaluationJudgementBody, summary: 'Judge one of the twelve indicators 가–타 (complaints office)' },
  'add-action': { body: EvaluationAddActionBody, summary: 'Add a decision or action: process improvement, service proposal or resource need (complaints office)' },
  'update-action': { body: EvaluationUpdateActionBody, summary: 'Follow up an action: a note, a new owner or due date (complaints office, manager; also after signing)' },
  'complete-action': { body: EvaluationCompleteActionBody, summary: 'Complete an action (complaints office, manager; also after signing)' },
  sign: { body: EvaluationSignBody, summary: 'Sign the evaluation once every indicator is judged: it is sealed (manager)' },
  'add-addendum': { body: EvaluationAddendumBody, summary: 'Add an addendum to a signed evaluation (complaints office, manager)' },
};

export function isEvaluationCommandType(value: string): value is EvaluationCommandType {
  return (EVALUATION_COMMAND_TYPES as readonly string[]).includes(value);
}

export class InspectionFindingBody {
  @IsIn(INSPECTION_ITEM_CODES) item!: (typeof INSPECTION_ITEM_CODES)[number];
  @IsIn(RATINGS) rating!: (typeof RATINGS)[number];
  @IsString() @IsNotEmpty() @MaxLength(TEXT) finding!: string;
}

export class InspectionSampleBody {
  /** How many cases to pick at random from the complaints received in the period (compliments are not sampled). */
  @IsInt() @Min(1) @Max(500) size!: number;
  /** The generator's seed: the same seed and period give the same cases. A random one when left out. */
  @IsOptional() @IsInt() @Min(0) @Max(4_294_967_295) seed?: number;
}

export class InspectionBody {
  /** The period inspected: cases received from `from` (inclusive) to `to` (exclusive; by default now). */
  @IsISO8601(ISO) @IsInstant() from!: string;
  @IsOptional() @IsISO8601(ISO) @IsInstant() to?: string;
  /** Findings on the items 가–라 inspected, each item once. */
  @IsArray() @ArrayMaxSize(4) @ValidateNested({ each: true }) @Type(() => InspectionFindingBody) findings!: InspectionFindingBody[];
  @IsOptional() @IsObject() @ValidateNested() @Type(() => InspectionSampleBody) sample?: InspectionSampleBody;
}
