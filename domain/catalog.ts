/**
 * The configurable lists of the brief: categories with their handling department and deadline,
 * departments, channels, external bodies, exclusion reasons. Operators replace the default with
 * their own (see src/config) without code changes.
 */
import type { Role } from './access.js';
import type { CalendarSetting, Deadline } from './working-time/index.js';

export const CHANNELS = ['visit', 'mail', 'fax', 'web', 'call-centre'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The four reasons a submission is not a complaint (CCMS exclusions). */
export const EXCLUSIONS = ['private-law', 'court-or-investigation', 'unidentified', 'fraudulent'] as const;
export type Exclusion = (typeof EXCLUSIONS)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const PRIORITIES = ['urgent', 'normal'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Periods the SLA clock does not count (CCMS ch.4, deadline rule). */
export const PAUSE_REASONS = ['complainant-delay', 'document-supplement', 'inspection', 'outside-inquiry'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

export const OUTCOMES = ['upheld', 'partly-upheld', 'not-upheld'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const SUBJECT_KINDS = ['employee', 'unit', 'supplier'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

/**
 * How a notice reaches the complainant. SMS, e-mail and phone need the complainant's consent ("고객의
 * 동의가 있을 때 전화로 그 결과를 통지할 수 있음"); a notice on the homepage ("홈페이지, 전자우편으로 통지")
 * needs none; post and in person are staff's to deliver.
 */
export const NOTICE_CHANNELS = ['sms', 'email', 'post', 'phone', 'in-person', 'homepage'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];

export const REOPEN_KINDS = ['re-investigation', 'appeal'] as const;
export type ReopenKind = (typeof REOPEN_KINDS)[number];

export interface LocalisedName {
  ko: string;
  en: string;
}

/** A question of a survey, answered on a 1–5 scale. */
export interface SurveyQuestion {
  code: string;
  name: LocalisedName;
}

/** A code of the complainants' satisfaction survey (QPSI): one of the catalog's `satisfactionElements`. */
export type SatisfactionElement = string;

/** The survey's direct overall rating: the formula's W, which every survey must answer (satisfaction-index.ts). */
export const OVERALL = 'overall';

/**
 * 불만고객 만족도 (QPSI) 조사요소. The 004 seed counts "7개 요소" and names six: 불만접수 용이성, 중간경과 안내,
 * 업무처리 적극성, 고객응대 친절성, 불만처리 기일, 전반적 만족도. The seventh is our choice, said openly:
 * `explanation`, how clearly the result and its basis were explained (처리결과 설명의 충분성), since the
 * manual makes the basis of a decision part of its notice. Operators replace the list in the catalog.
 */
export const DEFAULT_SATISFACTION_ELEMENTS: SurveyQuestion[] = [
  { code: 'easeOfFiling', name: { ko: '불만접수 용이성', en: 'Ease of filing' } },
  { code: 'interimNotice', name: { ko: '중간경과 안내', en: 'Interim progress notice' } },
  { code: 'proactiveness', name: { ko: '업무처리 적극성', en: 'Proactive handling' } },
  { code: 'courtesy', name: { ko: '고객응대 친절성', en: 'Courtesy' } },
  { code: 'processingTime', name: { ko: '불만처리 기일', en: 'Processing time' } },
  { code: 'explanation', name: { ko: '처리결과 설명의 충분성', en: 'Explanation of the result' } },
  { code: OVERALL, name: { ko: '전반적 만족도', en: 'Overall satisfaction' } },
];

export function satisfactionElementsOf(catalog: Catalog): SurveyQuestion[] {
  return catalog.satisfactionElements ?? DEFAULT_SATISFACTION_ELEMENTS;
}

/**
 * 고객불만 처리담당자 만족도 (004 seed ch. 5 §2 (3)): the seed asks for the handling staff's job
 * satisfaction and names no questions; these defaults follow its aims (job satisfaction, the quality of
 * the relation with customers, morale) and the internal-customer dimensions of the 000 seed's ICSI.
 */
export const DEFAULT_STAFF_SURVEY_QUESTIONS: SurveyQuestion[] = [
  { code: 'workload', name: { ko: '업무량의 적정성', en: 'Workload is manageable' } },
  { code: 'support', name: { ko: '상사·조직의 지원', en: 'Support from managers and the organisation' } },
  { code: 'authority', name: { ko: '처리 권한과 재량', en: 'Authority to resolve complaints' } },
  { code: 'training', name: { ko: '교육·훈련 기회', en: 'Training opportunities' } },
  { code: 'recognition', name: { ko: '성과 인정과 보상', en: 'Recognition of good work' } },
  { code: 'customerRelation', name: { ko: '고객과의 관계의 질', en: 'Quality of the relation with customers' } },
  { code: OVERALL, name: { ko: '전반적 직무 만족도', en: 'Overall job satisfaction' } },
];

export function staffSurveyQuestionsOf(catalog: Catalog): SurveyQuestion[] {
  return catalog.staffSurveyQuestions ?? DEFAULT_STAFF_SURVEY_QUESTIONS;
}

/** The figures of a department's evaluation (만족업무평가), each scored on 0–100. */
export const EVALUATION_MEASURES = ['slaCompliance', 'satisfactionIndex', 'repeatOffenders', 'improvementsOnTime'] as const;
export type EvaluationMeasure = (typeof EVALUATION_MEASURES)[number];

/**
 * How departments are scored: a weight per measure (normalised over the measures a department has
 * figures for), the points a flagged repeat offender costs on the 0–100 repeat-offender score, and the
 * grades, each from a minimum score (the highest band a score reaches).
 */
export interface DepartmentEvaluationPolicy {
  weights: Record<EvaluationMeasure, number>;
  pointsPerRepeatOffender: number;
  grades: { grade: string; minScore: number }[];
}

/**
 * The 000 seed weighs its indices and grades departments for rewards (등급별 포상) without giving numbers;
 * these are ours: satisfaction and the deadline weigh most, as the seed's 고객만족도 달성점수 leads.
 */
export const DEFAULT_DEPARTMENT_EVALUATION: DepartmentEvaluationPolicy = {
  weights: { slaCompliance: 30, satisfactionIndex: 40, repeatOffenders: 15, improvementsOnTime: 15 },
  pointsPerRepeatOffender: 25,
  grades: [
    { grade: 'S', minScore: 90 },
    { grade: 'A', minScore: 80 },
    { grade: 'B', minScore: 70 },
    { grade: 'C', minScore: 60 },
    { grade: 'D', minScore: 0 },
  ],
};

export function departmentEvaluationOf(catalog: Catalog): DepartmentEvaluationPolicy {
  return catalog.departmentEvaluation ?? DEFAULT_DEPARTMENT_EVALUATION;
}

export interface Department {
  code: string;
  name: LocalisedName;
}

export interface Category {
  code: string;
  name: LocalisedName;
  /** The routing rule: where a complaint of this category goes unless someone decides otherwise. */
  defaultDepartment: string;
  /** Handling deadline in working days from receipt, counted as the calendar counts days (`wholeDaysFrom`); 3 when the category gives no deadline at all. */
  deadlineDays?: number;
  /** Or in working hours. */
  deadlineHours?: number;
  /** Or in calendar days, due at the same local time that many days after receipt (a source's "15 days to respond"). */
  deadlineCalendarDays?: number;
  /** A shorter deadline for cases assessed at a severity (urgent matters are handled first, CCMS principle 7). */
  severityDeadlineDays?: Partial<Record<Severity, number>>;
  /** Praise (칭찬), received like a complaint but never counted as one. */
  compliment?: boolean;
}

/** Why a subject was found at fault: "the same reason" of the repeat-offender rule (동일한 사유). */
export interface FindingReason {
  code: string;
  name: LocalisedName;
}

export interface ExternalBody {
  code: string;
  name: LocalisedName;
}

export interface Catalog {
  categories: Category[];
  departments: Department[];
  externalBodies: ExternalBody[];
  /** Where an external body's complaint about a general matter goes (대외민원 일반: 고객지원처); unset: the category's department. */
  generalDepartment?: string;
  /** The working calendar of the catalog's organisation: a ready one (korea, usa) with fields replaced; unset: Korea. CALENDAR_FILE overrides it. */
  calendar?: CalendarSetting;
  /** The reasons findings may give for a substantiated subject; unset: `DEFAULT_FINDING_REASONS`. */
  findingReasons?: FindingReason[];
  /** When and what a decision may grant the complainant (시정 및 보상); unset: `DEFAULT_COMPENSATION_POLICY`. */
  compensationPolicy?: CompensationPolicy;
  /** The complainants' survey (QPSI), `overall` among them; unset: `DEFAULT_SATISFACTION_ELEMENTS`. */
  satisfactionElements?: SurveyQuestion[];
  /** The handling staff's yearly survey, `overall` among them; unset: `DEFAULT_STAFF_SURVEY_QUESTIONS`. */
  staffSurveyQuestions?: SurveyQuestion[];
  /** Weights and grades of the departments' evaluation; unset: `DEFAULT_DEPARTMENT_EVALUATION`. */
  departmentEvaluation?: DepartmentEvaluationPolicy;
}

export const COMPENSATION_FORMS = ['goods', 'money'] as const;
export type CompensationForm = (typeof COMPENSATION_FORMS)[number];

/**
 * A case for compensation: a subject substantiated for one of its finding reasons. Each such case
 * gets `value` in `currency`, as `form` (the manual's "건당 10,000원 상당의 물품").
 */
export interface CompensationTrigger {
  code: string;
  name: LocalisedName;
  /** The finding reasons that make it: a subject substantiated for one of them. */
  reasons: string[];
  form: CompensationForm;
  value: number;
  currency: string;
}

export interface CompensationPolicy {
  triggers: CompensationTrigger[];
  /** Who may approve a compensation outside the policy (another form, currency or a higher value), with a reason. */
  exceptionApprovers: Role[];
}

/** The 004 seed, ch. 3 ⑤ 나 (시정 및 보상). */
export const DEFAULT_COMPENSATION_POLICY: CompensationPolicy = {
  triggers: [
    {
      // "공사의 업무처리 잘못으로 고객이 공사를 방문하시거나 불편을 겪으신 경우 10,000원 상당의 물품으로 보상한다"
      code: 'handling-error',
      name: { ko: '업무처리 잘못으로 인한 방문·불편', en: 'Handling error that made the complainant visit or suffer inconvenience' },
      reasons: ['procedure-error', 'delay', 'wrong-information'],
      form: 'goods',
      value: 10_000,
      currency: 'KRW',
    },
    {
      // "공사 직원의 서비스 불친절 내용을 신고 하시는 경우 잘못이 확인되면 건당 10,000원 상당의 물품으로 보상한다"
      code: 'discourtesy',
      name: { ko: '직원 불친절 (잘못 확인 시 건당)', en: 'Staff discourtesy, confirmed (per case)' },
      reasons: ['discourtesy'],
      form: 'goods',
      value: 10_000,
      currency: 'KRW',
    },
  ],
  exceptionApprovers: ['complaints-office'],
};

export function compensationPolicyOf(catalog: Catalog): CompensationPolicy {
  return catalog.compensationPolicy ?? DEFAULT_COMPENSATION_POLICY;
}

/** Findings recorded before reasons were kept: their substantiated subjects carry this reason (see the FindingsRecorded upcaster). */
export const UNRECORDED_REASON = 'unrecorded';

export const DEFAULT_FINDING_REASONS: FindingReason[] = [
  { code: 'discourtesy', name: { ko: '불친절', en: 'Discourtesy' } },
  { code: 'delay', name: { ko: '처리 지연', en: 'Delay' } },
  { code: 'wrong-information', name: { ko: '잘못된 안내', en: 'Wrong information' } },
  { code: 'procedure-error', name: { ko: '업무처리 잘못', en: 'Procedure error' } },
  { code: 'unfair-judgement', name: { ko: '불합리한 판정', en: 'Unfair judgement' } },
  { code: 'service-defect', name: { ko: '서비스 하자', en: 'Service defect' } },
];

export function findingReasonsOf(catalog: Catalog): FindingReason[] {
  return catalog.findingReasons ?? DEFAULT_FINDING_REASONS;
}

/**
 * The deadline of a category's case: in calendar days or working hours when the catalog says so,
 * else in working days, the shorter one for its severity once assessed if the catalog gives one.
 */
export function deadlineOf(category: Category | undefined, severity?: Severity): Deadline {
  if (category?.deadlineCalendarDays !== undefined) return { calendarDays: category.deadlineCalendarDays };
  if (category?.deadlineHours !== undefined) return { hours: category.deadlineHours };
  const days = category?.deadlineDays ?? 3;
  const shorter = severity === undefined ? undefined : category?.severityDeadlineDays?.[severity];
  return { days: shorter !== undefined && shorter < days ? shorter : days };
}

/** The source's lists (CCMS ch.1 and the routing table). */
export const DEFAULT_CATALOG: Catalog = {
  departments: [
    { code: 'customer-support', name: { ko: '고객지원처', en: 'Customer support office' } },
    { code: 'audit', name: { ko: '감사실', en: 'Audit office' } },
    { code: 'planning', name: { ko: '기획조정실', en: 'Planning office' } },
    { code: 'inspection', name: { ko: '검사지도처', en: 'Inspection office' } },
    { code: 'testing', name: { ko: '시험검사실', en: 'Testing office' } },
  ],
  categories: [
    { code: 'inquiry', name: { ko: '질의 (법령·기술)', en: 'Inquiry (laws, technical)' }, defaultDepartment: 'customer-support', deadlineDays: 3 },
    { code: 'suggestion', name: { ko: '개선 건의·불편', en: 'Improvement suggestion / inconvenience' }, defaultDepartment: 'customer-support', deadlineDays: 3 },
    { code: 'cyber-audit', name: { ko: '사이버 감사 (비리·회계부정)', en: 'Cyber audit (bribery, accounting fraud)' }, defaultDepartment: 'audit', deadlineDays: 3 },
    { code: 'budget-waste', name: { ko: '예산 낭비 신고', en: 'Budget waste report' }, defaultDepartment: 'planning', deadlineDays: 3 },
    { code: 'defective-facility', name: { ko: '시설·제품 결함 신고', en: 'Defective facility or product' }, defaultDepartment: 'inspection', deadlineDays: 3 },
    { code: 'poor-quality-lpg', name: { ko: '불량 LPG 신고', en: 'Poor-quality LPG' }, defaultDepartment: 'testing', deadlineDays: 3 },
    { code: 'inspection-objection', name: { ko: '검사 이의 신청', en: 'Inspection objection' }, defaultDepartment: 'inspection', deadlineDays: 3 },
    { code: 'compliment', name: { ko: '칭찬', en: 'Compliment' }, defaultDepartment: 'customer-support', deadlineDays: 3, compliment: true },
  ],
  externalBodies: [
    { code: 'ministry', name: { ko: '주무 부처', en: 'Supervising ministry' } },
    { code: 'audit-board', name: { ko: '감사원', en: 'Board of Audit and Inspection' } },
    { code: 'consumer-agency', name: { ko: '한국소비자원', en: 'Korea Consumer Agency' } },
    { code: 'anti-corruption-commission', name: { ko: '국민권익위원회', en: 'Anti-Corruption and Civil Rights Commission' } },
  ],
  generalDepartment: 'customer-support',
  findingReasons: DEFAULT_FINDING_REASONS,
  compensationPolicy: DEFAULT_COMPENSATION_POLICY,
  satisfactionElements: DEFAULT_SATISFACTION_ELEMENTS,
  staffSurveyQuestions: DEFAULT_STAFF_SURVEY_QUESTIONS,
  departmentEvaluation: DEFAULT_DEPARTMENT_EVALUATION,
};

export function findCategory(catalog: Catalog, code: string): Category | undefined {
  return catalog.categories.find((c) => c.code === code);
}

/** Why `code` is no category of the catalog, naming those it has; undefined for one it has. */
export function unknownCategoryRule(catalog: Catalog, code: string): string | undefined {
  return findCategory(catalog, code) ? undefined : `unknown category ${code}; known: ${catalog.categories.map((c) => c.code).join(', ')}`;
}

/** Not a complaint: a compliment ("칭찬하기") is reported apart. */
export function isCompliment(catalog: Catalog, category: string): boolean {
  return findCategory(catalog, category)?.compliment === true;
}

export function findDepartment(catalog: Catalog, code: string): Department | undefined {
  return catalog.departments.find((d) => d.code === code);
}
