import { Type, type ClassConstructor } from 'class-transformer';
import { randomUUID } from 'node:crypto';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsISO8601, IsNotEmpty, IsNumber, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { CHANNELS, COMPENSATION_FORMS, EXCLUSIONS, NOTICE_CHANNELS, OUTCOMES, PAUSE_REASONS, PRIORITIES, REOPEN_KINDS, SEVERITIES, SUBJECT_KINDS } from '../../domain/catalog.js';
import { PHONE, TEXT_LIMITS, type ComplaintCommand, type ComplaintCommandType } from '../../domain/complaint/commands.js';
import { LANGUAGES, type Language } from '../../domain/complaint/events.js';
import { BadRequest } from '../http/index.js';
import { IsInstant, IsSubjectId } from '../http/nest.js';

/** Each command over HTTP: its request body (class-validator, which also gives the OpenAPI schema) and its route's summary. */
const { id: ID, name: NAME, note: NOTE, text: TEXT } = TEXT_LIMITS;
const ISO = { strict: true, strictSeparator: true };

/** Every field may be missing: a complaint without a name or contact is received as unidentified. */
export class ComplainantBody {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(NAME) name?: string;
  @IsOptional() @IsString() @Matches(PHONE.pattern, { message: PHONE.rule }) phone?: string;
  @IsOptional() @IsEmail() @MaxLength(NAME) email?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(NOTE) address?: string;
  /** The language of the notices they get (default ko). */
  @IsOptional() @IsIn(LANGUAGES) language?: Language;
}

export class ConsentBody {
  @IsBoolean() sms!: boolean;
  @IsBoolean() email!: boolean;
  /** To be told the result by phone (default false). */
  @IsOptional() @IsBoolean() phone?: boolean;
}

/** The consents an amendment changes; those not given stay as they were. */
export class ConsentChangeBody {
  @IsOptional() @IsBoolean() sms?: boolean;
  @IsOptional() @IsBoolean() email?: boolean;
  @IsOptional() @IsBoolean() phone?: boolean;
}

export class RouteBody {
  @IsIn(['internal', 'external']) kind!: 'internal' | 'external';
  @ValidateIf((o: RouteBody) => o.kind === 'external') @IsString() @IsNotEmpty() @MaxLength(ID) body?: string;
  @ValidateIf((o: RouteBody) => o.kind === 'external') @IsString() @IsNotEmpty() @MaxLength(NAME) reference?: string;
  /** External only: the department whose matter it is (소관부서); none: a general matter, for the general department. */
  @ValidateIf((o: RouteBody) => o.kind === 'external' && o.department !== undefined) @IsString() @IsNotEmpty() @MaxLength(ID) department?: string;
}


export class SubjectBody {
  @IsString() @IsNotEmpty() @IsSubjectId() @MaxLength(ID) id!: string;
  @IsIn(SUBJECT_KINDS) kind!: (typeof SUBJECT_KINDS)[number];
}

export class SubjectFindingBody extends SubjectBody {
  @IsBoolean() substantiated!: boolean;
  /** For a substantiated subject: why, a code of the catalog's finding reasons (GET /catalog `findingReasons`). */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(ID) reason?: string;
}

export class ReceiveBody {
  @IsIn(CHANNELS) channel!: (typeof CHANNELS)[number];
  @IsObject() @ValidateNested() @Type(() => RouteBody) route!: RouteBody;
  @IsString() @IsNotEmpty() @MaxLength(ID) category!: string;
  @IsString() @IsNotEmpty() @MaxLength(TEXT) description!: string;
  @IsObject() @ValidateNested() @Type(() => ComplainantBody) complainant!: ComplainantBody;
  @IsObject() @ValidateNested() @Type(() => ConsentBody) consent!: ConsentBody;
  @IsOptional() @IsString() @MaxLength(NOTE) remedySought?: string;
  /** The names of the documents enclosed (the files stay outside the engine). */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(200, { each: true }) attachments?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => SubjectBody) subjects?: SubjectBody[];
  @IsOptional() @IsBoolean() vulnerable?: boolean;
  @IsOptional() @IsISO8601(ISO) @IsInstant() receivedAt?: string;
  /** Whistle-blowing, harassment: of the handling department only the assignee and the head see the details. */
  @IsOptional() @IsBoolean() confidential?: boolean;
}

export class AcknowledgeBody {
  @IsOptional() @IsIn(NOTICE_CHANNELS) channel?: (typeof NOTICE_CHANNELS)[number];
}

/** Either an assessment (severity, safety issue) or a finding that it is not a complaint (exclusion, note). */
export class AssessBody {
  @ValidateIf((o: AssessBody) => o.exclusion === undefined) @IsIn(SEVERITIES) severity?: (typeof SEVERITIES)[number];
  @ValidateIf((o: AssessBody) => o.exclusion === undefined) @IsBoolean() safetyIssue?: boolean;
  @ValidateIf((o: AssessBody) => o.exclusion === undefined) @IsOptional() @IsIn(PRIORITIES) priority?: (typeof PRIORITIES)[number];
  @ValidateIf((o: AssessBody) => o.exclusion !== undefined || o.note !== undefined) @IsIn(EXCLUSIONS) exclusion?: (typeof EXCLUSIONS)[number];
  @ValidateIf((o: AssessBody) => o.exclusion !== undefined) @IsString() @IsNotEmpty() @MaxLength(NOTE) note?: string;
}

export class AssignBody {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(ID) department?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(ID) handler?: string;
  /** Joint handling: the departments besides the lead one that contribute findings of their own. */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(ID, { each: true }) cooperatingDepartments?: string[];
}

export class ReassignBody {
  @IsString() @IsNotEmpty() @MaxLength(ID) department!: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(ID) handler?: string;
  @IsOptional() @IsString() @MaxLength(NOTE) reason?: string;
  /** Joint handling: replaces the cooperating departments; left out, they stay as they are. */
  @IsOptional() @IsArray() @ArrayMaxSize(20) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(ID, { each: true }) cooperatingDepartments?: string[];
}

export class RequestInformationBody {
  /** The department asked; for a request to the complainant, the asking one (the handling department when left out). */
  @ValidateIf((o: RequestInformationBody) => o.addressee === undefined) @IsString() @IsNotEmpty() @MaxLength(ID) department?: string;
  /** `complainant`: asked of the complainant, who answers on the complaint portal. */
  @IsOptional() @IsIn(['complainant']) addressee?: 'complainant';
  @IsString() @IsNotEmpty() @MaxLength(NOTE) request!: string;
  /** When the materials are due; left out, the next working day (D+1). */
  @IsOptional() @IsISO8601(ISO) @IsInstant() dueAt?: string;
}

export class RecordContributionBody {
  /** The cooperating department whose findings these are. */
  @IsString() @IsNotEmpty() @MaxLength(ID) department!: string;
  @IsString() @IsNotEmpty() @MaxLength(TEXT) summary!: string;
  @IsOptional() @IsString() @MaxLength(NOTE) rootCause?: string;
}

export class ReceiveInformationBody {
  @IsString() @IsNotEmpty() @MaxLength(ID) requestId!: string;
  @IsString() @IsNotEmpty() @MaxLength(TEXT) summary!: string;
}

export class PauseClockBody {
  @IsIn(PAUSE_REASONS) reason!: (typeof PAUSE_REASONS)[number];
  @IsOptional() @IsString() @MaxLength(NOTE) note?: string;
}

export class ResumeClockBody {
  @IsOptional() @IsString() @MaxLength(NOTE) note?: string;
}

export class SendInterimNoticeBody {
  /** A channel the complainant consented to, the homepage, or post or in person with a note. */
  @IsIn(NOTICE_CHANNELS) channel!: (typeof NOTICE_CHANNELS)[number];
  @IsString() @IsNotEmpty() @MaxLength(NOTE) progress!: string;
  @IsString() @IsNotEmpty() @MaxLength(NOTE) delayReason!: string;
  @IsOptional() @IsISO8601(ISO) @IsInstant() expectedBy?: string;
  /** How a notice by post or in person was delivered. */
  @IsOptional() @IsString() @MaxLength(NOTE) note?: string;
}

export class AmendBody {
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(TEXT) description?: string;
  @IsOptional() @IsString() @MaxLength(NOTE) remedySought?: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ConsentChangeBody) consent?: ConsentChangeBody;
  @IsString() @IsNotEmpty() @MaxLength(NOTE) reason!: string;
}

export class RequestSupplementBody {
  /** A channel the complainant consented to, the homepage, or post or in person with a note. */
  @IsIn(NOTICE_CHANNELS) channel!: (typeof NOTICE_CHANNELS)[number];
  @IsString() @IsNotEmpty() @MaxLength(NOTE) request!: string;
  /** How a request by post or in person was delivered. */
  @IsOptional() @IsString() @MaxLength(NOTE) note?: string;
}

export class RecordFindingsBody {
  @IsString() @IsNotEmpty() @MaxLength(TEXT) summary!: string;
  @IsOptional() @IsString() @MaxLength(NOTE) rootCause?: string;
  @IsArray() @ArrayMaxSize(50) @ValidateNested({ each: true }) @Type(() => SubjectFindingBody) subjects!: SubjectFindingBody[];
}

export class CompensationExceptionBody {
  @IsString() @IsNotEmpty() @MaxLength(NOTE) reason!: string;
}

export class CompensationBody {
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(1) @Max(1_000_000_000) amount!: number;
  @IsString() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as KRW' }) currency!: string;
  @IsOptional() @IsString() @MaxLength(NOTE) description?: string;
  /** The compensation policy's trigger (GET /catalog `compensationPolicy`); left out, the one the findings substantiate. */
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(ID) trigger?: string;
  /** Left out: the trigger's form. */
  @IsOptional() @IsIn(COMPENSATION_FORMS) form?: (typeof COMPENSATION_FORMS)[number];
  /** Outside the policy (another form or currency, a higher value): why; only the policy's approvers (the complaints office) give it. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CompensationExceptionBody) exception?: CompensationExceptionBody;
}

export class ProvideCompensationBody {
  @IsIn(COMPENSATION_FORMS) form!: (typeof COMPENSATION_FORMS)[number];
  /** What was handed over. */
  @IsString() @IsNotEmpty() @MaxLength(NOTE) description!: string;
  @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(1) @Max(1_000_000_000) amount!: number;
  @IsString() @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as KRW' }) currency!: string;
  /** Who handed it over. */
  @IsString() @IsNotEmpty() @MaxLength(NAME) providedBy!: string;
  /** When it was handed over; left out, now. */
  @IsOptional() @IsISO8601(ISO) @IsInstant() providedAt?: string;
}

export class DecideBody {
  @IsIn(OUTCOMES) outcome!: (typeof OUTCOMES)[number];
  @IsString() @IsNotEmpty() @MaxLength(TEXT) basis!: string;
  @IsOptional() @IsString() @MaxLength(NOTE) remedy?: string;
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CompensationBody) compensation?: CompensationBody;
}

export class CommunicateDecisionBody {
  @IsIn(NOTICE_CHANNELS) channel!: (typeof NOTICE_CHANNELS)[number];
  @IsString() @IsNotEmpty() @MaxLength(TEXT) basis!: string;
  @IsString() @IsNotEmpty() @MaxLength(NOTE) appeal!: string;
}

export class CloseBody {
  @IsOptional() @IsIn(['resolved', 'complainant-unreachable']) reason?: 'resolved' | 'complainant-unreachable';
  @IsOptional() @IsString() @MaxLength(NOTE) note?: string;
}

export class ReasonBody {
  @IsString() @IsNotEmpty() @MaxLength(NOTE) reason!: string;
}

export class ReopenBody extends ReasonBody {
  @IsOptional() @IsIn(REOPEN_KINDS) kind?: (typeof REOPEN_KINDS)[number];
}

export class RecordSatisfactionBody {
  /** Element → score (1–5): the catalog's survey elements (`GET /catalog` `satisfactionElements`), `overall` required; checked by the decider. */
  @IsObject() scores!: Record<string, number>;
  @IsOptional() @IsString() @MaxLength(NOTE) comment?: string;
}

export class ReferToTrainingBody {
  /** An employee the findings substantiate. */
  @IsString() @IsNotEmpty() @IsSubjectId() @MaxLength(ID) subjectId!: string;
  /** The CS training asked of the department that runs it. */
  @IsString() @IsNotEmpty() @MaxLength(NAME) programme!: string;
  @IsOptional() @IsString() @MaxLength(NOTE) note?: string;
}

export class RecordTrainingCompletedBody {
  @IsString() @IsNotEmpty() @IsSubjectId() @MaxLength(ID) subjectId!: string;
  /** When the training was completed; left out, now. */
  @IsOptional() @IsISO8601(ISO) @IsInstant() completedAt?: string;
  @IsOptional() @IsString() @MaxLength(NOTE) note?: string;
}

type Data<T extends ComplaintCommandType> = Extract<ComplaintCommand, { type: T }>['data'];

interface CommandRoute<T extends ComplaintCommandType> {
  body: ClassConstructor<object>;
  summary: string;
  /** Turns a checked body into the command's data; most bodies are the data as they are. */
  toData?: (body: never, complaintId: string) => Data<T>;
}

/** Every command of the machine, as `POST /complaints/{id}/{command}` (receive is `POST /complaints`). */
export const COMMAND_ROUTES: { [T in ComplaintCommandType]: CommandRoute<T> } = {
  receive: {
    body: ReceiveBody,
    summary: 'Receive a complaint from any channel',
    toData: (body: Omit<Data<'receive'>, 'complaintId'>, complaintId) => ({ ...body, consent: { ...body.consent, phone: body.consent.phone ?? false }, complaintId }),
  },
  acknowledge: { body: AcknowledgeBody, summary: 'Acknowledge receipt (only with consent; otherwise the reason is recorded)' },
  assess: {
    body: AssessBody,
    summary: 'Initial assessment: severity and safety, or not a complaint with an exclusion reason',
    toData: (body: { severity?: string; exclusion?: string }) => {
      if (body.exclusion !== undefined && body.severity !== undefined) {
        throw new BadRequest([{ field: 'exclusion', rule: 'cannot be given with severity: a complaint is either assessed or excluded' }]);
      }
      return body as Data<'assess'>;
    },
  },
  assign: { body: AssignBody, summary: "Assign the handling department (the category's default when none is named)" },
  reassign: { body: ReassignBody, summary: 'Move the case to another department or handler (a department head: another handler within the department)' },
  'request-information': {
    body: RequestInformationBody,
    summary: 'Ask another department (or the complainant) for materials, due on the date asked or the next working day',
    toData: (body: Omit<Data<'request-information'>, 'requestId'>) => ({ ...body, requestId: randomUUID() }),
  },
  'receive-information': { body: ReceiveInformationBody, summary: 'Record the materials another department sent' },
  'pause-clock': { body: PauseClockBody, summary: 'Stop the SLA clock for a period the rules do not count' },
  'resume-clock': { body: ResumeClockBody, summary: 'Restart the SLA clock' },
  'send-interim-notice': { body: SendInterimNoticeBody, summary: 'Tell the complainant the progress and why it takes longer' },
  amend: { body: AmendBody, summary: 'The complainant changes the content (before a decision) or their consent to notices (until the result is told)' },
  'request-supplement': { body: RequestSupplementBody, summary: 'Ask the complainant to supplement or correct the complaint; the clock pauses until they answer (amend)' },
  'record-findings': { body: RecordFindingsBody, summary: 'Record the facts, root cause and each implicated subject' },
  'record-contribution': { body: RecordContributionBody, summary: 'A cooperating department records its own findings (joint handling), before the lead department decides' },
  decide: { body: DecideBody, summary: 'Decide acceptance on the facts and the law' },
  'communicate-decision': { body: CommunicateDecisionBody, summary: 'Tell the complainant the result, its basis and how to appeal' },
  close: { body: CloseBody, summary: 'Close the case after the decision was communicated, or as complainant-unreachable (unidentified, or a supplement request that did not reach them; note says why for one handed over) after the handling deadline' },
  withdraw: { body: ReasonBody, summary: 'The complainant withdraws the complaint' },
  reopen: { body: ReopenBody, summary: 'Send a case in progress or done back for re-investigation (or a decided one for appeal)' },
  'record-satisfaction': { body: RecordSatisfactionBody, summary: 'Record the satisfaction survey (1–5 per element)' },
  'mark-confidential': {
    body: ReasonBody,
    summary: "Mark the case confidential: of the handling department only the assignee and the head see the complaint's details",
  },
  'provide-compensation': { body: ProvideCompensationBody, summary: 'Record the hand-over of the compensation the decision granted: what, when, by whom' },
  'refer-to-training': { body: ReferToTrainingBody, summary: 'Refer an employee who caused the complaint (substantiated in the findings) to CS training' },
  'record-training-completed': { body: RecordTrainingCompletedBody, summary: 'Record that the employee referred to CS training completed it' },
};

export function isCommandType(value: string): value is ComplaintCommandType {
  return Object.hasOwn(COMMAND_ROUTES, value);
}
