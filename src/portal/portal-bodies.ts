import { Type } from 'class-transformer';
import { ArrayMaxSize, Equals, IsArray, IsBoolean, IsEmail, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { unknownCategoryRule, type Catalog } from '../../domain/catalog.js';
import { PHONE } from '../../domain/complaint/commands.js';
import { LANGUAGES, type Language } from '../../domain/complaint/events.js';
import { formatReference, parseReference, REFERENCE_PATTERN } from '../../domain/complaint/reference.js';
import { BadRequest, type FieldError } from '../http/index.js';
import { parseBody } from '../http/nest.js';

/** What a reference to a case must be, as the answer to one that is not says. */
const REFERENCE_RULE = 'must be a case reference: the year, a dash and the case number from 000001, e.g. 2026-000123';

/** Shorter than the staff API's: what a person types into a web form. */
const NAME = 200;
const TEXT = 5_000;
const ANSWER = 5_000;
const REASON = 1_000;

export class PortalConsentBody {
  /** Without it the complaint cannot be handled on the portal (the page says so); the other channels are optional. */
  @Equals(true, { message: 'personalData must be true: the complaint is handled with the data given' }) personalData!: true;
  @IsBoolean() email!: boolean;
  @IsBoolean() sms!: boolean;
}

/** A complaint filed on the portal: by a person about themselves, on the homepage channel. */
export class PortalComplaintBody {
  @IsString() @IsNotEmpty() @MaxLength(100) category!: string;
  @IsString() @IsNotEmpty() @MaxLength(TEXT) description!: string;
  @IsString() @Matches(/\S/, { message: 'name must not be blank' }) @MaxLength(NAME) name!: string;
  @IsOptional() @IsEmail() @MaxLength(NAME) email?: string;
  // "+++" or spaces are no number, and would leave the case unidentified without a word.
  @IsOptional() @IsString() @Matches(PHONE.pattern, { message: PHONE.rule }) phone?: string;
  /** The names of the documents the complainant encloses, names only (they bring or send the files). */
  @IsOptional() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @IsNotEmpty({ each: true }) @MaxLength(200, { each: true }) attachments?: string[];
  @IsObject() @ValidateNested() @Type(() => PortalConsentBody) consent!: PortalConsentBody;
  /** The page's language: the consents' wording kept, and the notices' language. */
  @IsIn(LANGUAGES) language!: Language;
}

/**
 * What a portal filing lacking both an e-mail address and a phone number is told, on both fields. The
 * manual has the receiver secure a contact for the notices (004 seed, ch. 4 ②: "'접수사실, 진행상황,
 * 처리결과'의 통지를 위해 올바른 주소, 전화번호 … 및 E-Mail을 확보"): on the web the form is the receiver,
 * and a filing without one could never be told anything and would be excluded as unidentified (③).
 * Staff's intake (POST /complaints) still receives a complaint without a name or contact: receipt is
 * never refused or withheld ("접수를 보류하거나 거부할 수 없음").
 */
export const CONTACT_RULE = 'give an e-mail address or a phone number, or both: without one you cannot be told what becomes of the complaint';

/**
 * The filing's body, with the contact rule and the catalog's categories judged with every other rule,
 * so one answer names every field to fix.
 */
export function parsePortalComplaint(body: unknown, catalog: Catalog): PortalComplaintBody {
  const given = (field: string) => (body as Record<string, unknown>)[field];
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return parseBody(PortalComplaintBody, body);
  const noContact: FieldError[] = [given('email'), given('phone')].some((v) => v !== undefined && v !== '') ? [] : [{ field: 'email', rule: CONTACT_RULE }, { field: 'phone', rule: CONTACT_RULE }];
  const category = given('category');
  const unknownCategory = typeof category === 'string' && category !== '' ? unknownCategoryRule(catalog, category) : undefined;
  const found: FieldError[] = [...(unknownCategory ? [{ field: 'category', rule: unknownCategory }] : []), ...noContact];
  let filed: PortalComplaintBody;
  try {
    filed = parseBody(PortalComplaintBody, body);
  } catch (error) {
    if (!(error instanceof BadRequest) || found.length === 0) throw error;
    const judged = new Set(found.map((e) => e.field));
    throw new BadRequest([...error.errors.filter((e) => !judged.has(e.field)), ...found]);
  }
  if (found.length > 0) throw new BadRequest(found);
  return filed;
}

export class PortalAnswerBody {
  @IsString() @IsNotEmpty() @MaxLength(100) requestId!: string;
  @IsString() @IsNotEmpty() @MaxLength(ANSWER) answer!: string;
}

export class PortalReasonBody {
  @IsString() @Matches(/\S/, { message: 'reason must not be blank' }) @MaxLength(REASON) reason!: string;
}

export class PortalAmendBody {
  @IsString() @IsNotEmpty() @MaxLength(TEXT) description!: string;
  @IsString() @IsNotEmpty() @MaxLength(REASON) reason!: string;
}

/** Staff send the complainant a new follow-up link (the ones before it stop working). */
export class NewFollowUpLinkBody {
  /** The case: its id or its reference (2026-000123). */
  @IsString() @Matches(/^[A-Za-z0-9-]{1,64}$/, { message: 'complaint must be a complaint id or its reference (2026-000123)' }) complaint!: string;
  /** Where it goes: a channel the complainant consented to, to the contact on record. */
  @IsIn(['sms', 'email']) channel!: 'sms' | 'email';
}

/** Asks for a one-time code: the reference and the e-mail address given when filing. */
export class PortalCodeRequestBody {
  @IsString({ message: `reference ${REFERENCE_RULE}` }) @Matches(/^\d{4}-\d{6,}$/, { message: `reference ${REFERENCE_RULE}` }) @MaxLength(20) reference!: string;
  @IsEmail() @MaxLength(NAME) email!: string;
}

export class PortalCodeBody {
  @IsString({ message: `reference ${REFERENCE_RULE}` }) @Matches(/^\d{4}-\d{6,}$/, { message: `reference ${REFERENCE_RULE}` }) @MaxLength(20) reference!: string;
  @IsString({ message: 'code must be the six digits sent' }) @Matches(/^\d{6}$/, { message: 'code must be the six digits sent' }) code!: string;
}

/**
 * A reference as its case has it: `2026-0000001` and `2026-000001` name one case, so they get one code
 * and one count of tries. 400 naming `reference` for what names no case (`2026-000000`, `0999-000001`).
 */
export function canonicalReference(text: string): string {
  const year = Number(REFERENCE_PATTERN.exec(text)?.[1]);
  const parsed = parseReference(text);
  // No case was received before the year 1000 (and formatReference writes such a year short).
  if (!(year >= 1000) || parsed === undefined) throw new BadRequest([{ field: 'reference', rule: REFERENCE_RULE }]);
  return formatReference(year, parsed.number);
}
