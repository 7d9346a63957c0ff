import type { Actor } from '../../../domain/access.js';
import { DEFAULT_CATALOG, DEFAULT_COMPENSATION_POLICY, DEFAULT_FINDING_REASONS, EXCLUSIONS, PAUSE_REASONS, satisfactionElementsOf, type Catalog, type Channel, type NoticeChannel, type Outcome, type Severity } from '../../../domain/catalog.js';
import type { ComplaintCommand } from '../../../domain/complaint/commands.js';
import { complaintOf, decide, evolve, initialState, type ComplaintState } from '../../../domain/complaint/decider.js';
import type { Complaint } from '../../../domain/complaint/complaint.js';
import type { Complainant, ComplaintEvent, Consent, Route, Subject, SubjectFinding } from '../../../domain/complaint/events.js';
import { seededRandom, type Random } from './random.js';

const FINDING_REASONS = DEFAULT_FINDING_REASONS.map((r) => r.code);

/**
 * Realistic complaint histories for tests and benchmarks, the same for the same seed. Each case is
 * the commands staff give, who gives them, and the events the decider produces for them: every
 * command is decided by `decide` on the case so far, and its events folded in with `evolve`, so a
 * history is one the command path could have written. A command the decider refuses is a bug here,
 * and throws. Cases are drawn one at a time, each from its own random stream, so a million never sit
 * in memory and any slice can be drawn alone (`generateCase`), e.g. by parallel writers.
 */
export interface WorkloadOptions {
  seed: number;
  complaints: number;
  /** Receipts spread evenly over [from, to); histories stop at `to`, leaving the late cases open. ISO instants. */
  from: string;
  to: string;
  catalog?: Catalog;
  /** Complaint ids are `<idPrefix>-<index>` (default `gen<seed>`). */
  idPrefix?: string;
  rates?: Partial<WorkloadRates>;
  /** Handlers per department, who are also the employees complained about (default 20). */
  employeesPerDepartment?: number;
}

/** How often each turn of a case happens, as a probability. */
export interface WorkloadRates {
  acknowledged: number;
  assessed: number;
  /** Of assessed cases: not a complaint (CCMS exclusions). */
  rejectedAtAssessment: number;
  vulnerable: number;
  /** Forwarded by an external body. */
  external: number;
  /** An employee is named as the cause. */
  employeeSubject: number;
  /** Assigned to another department than the category's default. */
  routedElsewhere: number;
  reassigned: number;
  informationRequested: number;
  paused: number;
  interimNotice: number;
  amended: number;
  withdrawn: number;
  /** The result cannot be communicated: closed as complainant-unreachable. */
  unreachable: number;
  /** Of upheld cases whose employee was found at fault. */
  compensated: number;
  reopened: number;
  appealed: number;
  surveyed: number;
}

export const DEFAULT_RATES: Readonly<WorkloadRates> = Object.freeze({
  acknowledged: 0.9,
  assessed: 0.95,
  rejectedAtAssessment: 0.04,
  vulnerable: 0.03,
  external: 0.08,
  employeeSubject: 0.3,
  routedElsewhere: 0.1,
  reassigned: 0.06,
  informationRequested: 0.15,
  paused: 0.12,
  interimNotice: 0.1,
  amended: 0.03,
  withdrawn: 0.03,
  unreachable: 0.02,
  compensated: 0.3,
  reopened: 0.04,
  appealed: 0.02,
  surveyed: 0.3,
});

/** One command: who gave it, and the events the decider produces for it. */
export interface GeneratedStep {
  actor: Actor;
  command: ComplaintCommand;
  events: ComplaintEvent[];
}

export interface GeneratedCase {
  index: number;
  complaintId: string;
  steps: GeneratedStep[];
}

export function* generateWorkload(options: WorkloadOptions): Generator<GeneratedCase, void, undefined> {
  const plan = planOf(options);
  for (let index = 0; index < options.complaints; index++) yield caseOf(plan, index);
}

/** The `index`-th case of the workload, drawn alone. */
export function generateCase(options: WorkloadOptions, index: number): GeneratedCase {
  return caseOf(planOf(options), index);
}

export function eventsOf(generated: GeneratedCase): ComplaintEvent[] {
  return generated.steps.flatMap((step) => step.events);
}

const CHANNEL_WEIGHTS: readonly (readonly [Channel, number])[] = [
  ['web', 45],
  ['call-centre', 30],
  ['visit', 10],
  ['mail', 10],
  ['fax', 5],
];
const OUTCOME_WEIGHTS: readonly (readonly [Outcome, number])[] = [
  ['upheld', 45],
  ['partly-upheld', 20],
  ['not-upheld', 35],
];
const SEVERITY_WEIGHTS: readonly (readonly [Severity, number])[] = [
  ['low', 40],
  ['medium', 35],
  ['high', 18],
  ['critical', 7],
];
const SURNAMES = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임', '한', '오', '서', '신', '권'];
const GIVEN_NAMES = ['민수', '서연', '지훈', '하은', '도윤', '수빈', '현우', '지민', '예준', '서윤', '준호', '유진'];
const MATTERS = [
  '검사 일정이 통보 없이 변경되었습니다',
  '담당 직원이 불친절하게 응대했습니다',
  '시설 점검 후에도 같은 문제가 반복됩니다',
  '민원 처리 결과를 받지 못했습니다',
  '수수료가 잘못 부과되었습니다',
  '현장 점검이 약속 시간보다 늦었습니다',
];

interface Plan {
  seed: number;
  from: number;
  span: number;
  complaints: number;
  end: number;
  catalog: Catalog;
  idPrefix: string;
  rates: WorkloadRates;
  employees: number;
  /** Earlier categories are more common. */
  categories: (readonly [Catalog['categories'][number], number])[];
}

function planOf(options: WorkloadOptions): Plan {
  const from = Date.parse(options.from);
  const end = Date.parse(options.to);
  if (!(end > from)) throw new RangeError(`the workload's period is empty: ${options.from} to ${options.to}`);
  if (!(Number.isInteger(options.complaints) && options.complaints >= 0)) throw new RangeError(`complaints must be a whole number, got ${options.complaints}`);
  const employees = options.employeesPerDepartment ?? 20;
  if (!(Number.isInteger(employees) && employees >= 1)) throw new RangeError(`employeesPerDepartment must be a whole number from 1, got ${employees}`);
  const catalog = options.catalog ?? DEFAULT_CATALOG;
  if (catalog.categories.length === 0) throw new RangeError('the catalog has no categories');
  return {
    seed: options.seed,
    from,
    span: end - from,
    complaints: options.complaints,
    end,
    catalog,
    idPrefix: options.idPrefix ?? `gen${options.seed}`,
    rates: { ...DEFAULT_RATES, ...options.rates },
    employees,
    categories: catalog.categories.map((category, i) => [category, 1 / (i + 1)] as const),
  };
}

function caseOf(plan: Plan, index: number): GeneratedCase {
  const r = seededRandom(plan.seed, index + 1);
  const { rates, catalog } = plan;
  const complaintId = `${plan.idPrefix}-${index}`;
  const category = r.weighted(plan.categories);
  const channel = r.weighted(CHANNEL_WEIGHTS);
  const departments = catalog.departments.map((d) => d.code);
  const otherDepartment = (than: string): string | undefined => {
    const others = departments.filter((d) => d !== than);
    return others.length > 0 ? r.pick(others) : undefined;
  };
  const employee = (department: string, k: number): string => `${department}-emp-${k + 1}`;

  // Receipt: evenly over the period; staffed channels in working hours, the web and the post at any hour.
  const arrival = plan.from + ((index + r.next()) * plan.span) / Math.max(plan.complaints, 1);
  const staffed = channel === 'visit' || channel === 'call-centre' || channel === 'fax' || channel === 'mail';
  const snapped = staffed ? inWorkingHours(arrival) : arrival;
  const h = new History(snapped < plan.end ? snapped : arrival, plan.end, catalog);

  const complainant = complainantOf(r, index);
  const consent: Consent = { sms: !!complainant.phone && r.chance(0.7), email: !!complainant.email && r.chance(0.8), phone: false };
  const bodies = catalog.externalBodies;
  const route: Route =
    bodies.length > 0 && r.chance(rates.external)
      ? { kind: 'external', body: r.pick(bodies).code, reference: `EXT-${plan.seed}-${index}` }
      : { kind: 'internal' };
  const subjects: Subject[] = [];
  if (r.chance(rates.employeeSubject)) {
    const first = r.skewed(plan.employees);
    subjects.push({ id: employee(category.defaultDepartment, first), kind: 'employee' });
    // A second, other employee: the findings may name each subject only once.
    if (r.chance(0.1) && plan.employees > 1) subjects.push({ id: employee(category.defaultDepartment, (first + 1 + r.int(0, plan.employees - 2)) % plan.employees), kind: 'employee' });
  }
  const vulnerable = r.chance(rates.vulnerable);
  const description = `${r.pick(MATTERS)} (${category.name.ko}, #${index})`;
  const remedySought = r.chance(0.3) ? '재발 방지와 사과를 요청합니다' : undefined;
  // Post is stamped on arrival, before it is registered.
  const receivedAt = channel === 'mail' ? iso(h.now - r.int(10, 1440) * MINUTE) : undefined;

  const intake = actor(`intake-${r.int(1, 5)}`, 'intake');
  const office = actor(`office-${r.int(1, 3)}`, 'complaints-office');
  h.step(intake, {
    type: 'receive',
    now: h.at(),
    data: optional({ complaintId, channel, route, category: category.code, description, complainant, consent, subjects, vulnerable }, { remedySought, receivedAt }),
  });

  if (r.chance(rates.acknowledged)) {
    h.later(r, 2, 90);
    // The decider picks the channel the complainant consented to, or withholds the acknowledgement.
    h.step(intake, { type: 'acknowledge', now: h.at(), data: {} });
  }

  if (r.chance(rates.assessed)) {
    h.later(r, 20, 240);
    if (r.chance(rates.rejectedAtAssessment)) {
      const exclusion = r.pick(EXCLUSIONS);
      h.step(intake, { type: 'assess', now: h.at(), data: { exclusion, note: `제외 사유 확인: ${exclusion}` } });
      return h.done(index, complaintId);
    }
    const severity = r.weighted(SEVERITY_WEIGHTS);
    const safetyIssue = r.chance(0.1);
    h.step(intake, { type: 'assess', now: h.at(), data: { severity, safetyIssue } });
  }

  // Routing: the category's default department, sometimes another; named, since an external body's complaint
  // left to the decider would go to the general department.
  h.later(r, 30, 480);
  const elsewhere = r.chance(rates.routedElsewhere) ? otherDepartment(category.defaultDepartment) : undefined;
  let department = elsewhere ?? category.defaultDepartment;
  let handler = employee(department, r.int(0, plan.employees - 1));
  h.step(intake, { type: 'assign', now: h.at(), data: { department, handler } });
  const staff = () => actor(handler, 'handler', department);
  const head = () => actor(`${department}-head`, 'department-head', department);

  if (r.chance(rates.reassigned)) {
    const to = otherDepartment(department);
    if (to) {
      h.later(r, 60, 960);
      department = to;
      handler = employee(department, r.int(0, plan.employees - 1));
      h.step(office, { type: 'reassign', now: h.at(), data: { department, handler, reason: '소관 부서 재지정' } });
    }
  }

  /** One investigation → decision → notice → closing; false when the complaint was withdrawn. */
  const handle = (round: number): boolean => {
    if (round === 1 && r.chance(rates.interimNotice)) {
      h.later(r, 60, 480);
      const channel = consent.email ? 'email' : consent.sms ? 'sms' : 'homepage';
      h.step(staff(), { type: 'send-interim-notice', now: h.at(), data: { channel, progress: '현장 확인 중입니다', delayReason: '관계 부서 자료 확인이 필요합니다' } });
    }
    if (r.chance(rates.informationRequested)) {
      const from = otherDepartment(department);
      if (from) {
        h.later(r, 30, 480);
        // One request a round, so its id is new to the case.
        const requestId = `r${round}`;
        h.step(staff(), { type: 'request-information', now: h.at(), data: { requestId, department: from, request: '관련 점검 기록을 요청합니다' } });
        if (r.chance(0.9)) {
          h.later(r, 120, 1440);
          h.step(staff(), { type: 'receive-information', now: h.at(), data: { requestId, summary: '점검 기록 회신' } });
        }
      }
    }
    // The clock runs at the start of a round: the previous round's decision (or withdrawal) ended any pause.
    if (r.chance(rates.paused)) {
      h.later(r, 30, 480);
      h.step(staff(), { type: 'pause-clock', now: h.at(), data: { reason: r.pick(PAUSE_REASONS) } });
      if (r.chance(0.7)) {
        h.later(r, 24 * 60, 5 * 24 * 60);
        h.step(staff(), { type: 'resume-clock', now: h.at(), data: {} });
      }
    }
    if (round === 1 && r.chance(rates.amended)) {
      h.later(r, 60, 480);
      h.step(staff(), { type: 'amend', now: h.at(), data: { reason: '민원인 요청으로 내용 변경', description: `${description} (내용 보완)` } });
    }
    // A pause still running is ended by the decider, with the withdrawal or the decision.
    if (r.chance(rates.withdrawn)) {
      h.later(r, 60, 1440);
      h.step(office, { type: 'withdraw', now: h.at(), data: { reason: '민원인 취하' } });
      return false;
    }

    h.later(r, 120, 3 * 24 * 60);
    // The reason comes from the subject's place, not the generator, so the same seed gives the same workload as before reasons were kept.
    const found: SubjectFinding[] = subjects.map((s, i) => (r.chance(0.4) ? { ...s, substantiated: true, reason: FINDING_REASONS[i % FINDING_REASONS.length]! } : { ...s, substantiated: false }));
    const rootCause = r.chance(0.5) ? '절차 미준수' : undefined;
    h.step(staff(), { type: 'record-findings', now: h.at(), data: optional({ summary: '현장 조사 결과를 기록합니다', subjects: found }, { rootCause }) });

    h.later(r, 60, 24 * 60);
    const outcome = r.weighted(OUTCOME_WEIGHTS);
    // The policy's first trigger a substantiated subject makes (004 seed, ch. 3 ⑤ 나); chance drawn as before, so a seed gives the same workload.
    const trigger = DEFAULT_COMPENSATION_POLICY.triggers.find((t) => found.some((s) => s.substantiated && t.reasons.includes(s.reason ?? '')));
    const compensation =
      outcome === 'upheld' && found.some((s) => s.substantiated) && r.chance(rates.compensated) && trigger
        ? { amount: trigger.value, currency: trigger.currency, trigger: trigger.code, description: `${trigger.name.ko}에 따른 보상품` }
        : undefined;
    const basis = '관계 법령 및 현장 조사 결과';
    const unreachable = r.chance(rates.unreachable);
    if (unreachable) {
      // Deemed withdrawn: a supplement request (which pauses the clock) does not reach the complainant, and the
      // case closes once its deadline has passed. By post or on the homepage, so that staff say why in the closing note.
      if (h.paused()) h.step(staff(), { type: 'resume-clock', now: h.at(), data: {} });
      const by = complainant.address ? 'post' : 'homepage';
      h.step(staff(), { type: 'request-supplement', now: h.at(), data: { channel: by, request: '계량기 번호를 알려 주십시오', note: by === 'post' ? '등기 우편 발송' : '홈페이지 게시' } });
      h.wait((category.deadlineDays ?? 3) * 2 * DAY + 7 * DAY);
      h.later(r, 10, 240);
      h.step(head(), { type: 'close', now: h.at(), data: { reason: 'complainant-unreachable', note: by === 'post' ? '등기 우편 반송: 수취인 불명' : '연락처 불명, 회신 없음' } });
      return true;
    }
    h.step(head(), { type: 'decide', now: h.at(), data: optional({ outcome, basis }, { remedy: outcome === 'not-upheld' ? undefined : '시정 조치', compensation }) });
    h.later(r, 10, 240);
    const notice = { channel: resultNotice(complainant, consent, channel), basis, appeal: '결과 통지를 받은 날부터 90일 이내에 이의 신청할 수 있습니다' };
    h.step(head(), { type: 'communicate-decision', now: h.at(), data: notice });
    h.later(r, 10, 240);
    h.step(head(), { type: 'close', now: h.at(), data: {} });
    return true;
  };

  if (!handle(1)) return h.done(index, complaintId);
  const reopen = r.chance(rates.reopened) ? 're-investigation' : r.chance(rates.appealed) ? 'appeal' : undefined;
  if (reopen) {
    h.later(r, 24 * 60, 14 * 24 * 60);
    h.step(office, { type: 'reopen', now: h.at(), data: { kind: reopen, reason: reopen === 'appeal' ? '민원인 이의 신청' : '처리 부실로 재조사 요청' } });
    if (!handle(2)) return h.done(index, complaintId);
  }
  if (r.chance(rates.surveyed)) {
    h.later(r, 24 * 60, 7 * 24 * 60);
    const base = h.outcome() === 'not-upheld' ? 2 : 4;
    const scores = Object.fromEntries(satisfactionElementsOf(catalog).map((e) => [e.code, Math.max(1, Math.min(5, base + r.int(-1, 1)))]));
    // Surveys follow completed handling: not a case deemed withdrawn (the scores are drawn all the same, so a seed gives the same workload).
    if (h.closedAs() === 'resolved') h.step(intake, { type: 'record-satisfaction', now: h.at(), data: { scores } });
  }
  return h.done(index, complaintId);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Korean time has no daylight saving: a fixed offset keeps the generator fast and exact. */
const KST = 9 * HOUR;

/** Snapshots are immutable: one start serves every case (making one costs more than folding an event). */
const INITIAL_STATE = initialState();

/**
 * The case being written: its clock, the decider's state of it, and its steps until the period
 * ends. Each command is decided on the state so far and its events folded in, as the command path does.
 */
class History {
  readonly steps: GeneratedStep[] = [];
  private state: ComplaintState = INITIAL_STATE;
  private formatted: { now: number; iso: string } | undefined;
  constructor(
    public now: number,
    private readonly end: number,
    private readonly catalog: Catalog,
  ) {}

  at(): string {
    if (this.formatted?.now !== this.now) this.formatted = { now: this.now, iso: iso(this.now) };
    return this.formatted.iso;
  }

  /** Moves the clock on by a fixed span, then into the next working hours. */
  wait(millis: number): void {
    this.now = inWorkingHours(this.now + millis);
  }

  /** Moves the clock on by a random span, then into the next working hours. */
  later(r: Random, minMinutes: number, maxMinutes: number): void {
    this.now = inWorkingHours(this.now + r.int(minMinutes, maxMinutes) * MINUTE + r.int(0, 59) * 1000);
  }

  /**
   * Decides a command and records it, unless the period is over: a history past `to` is cut there,
   * the case left open (the clock only moves on, so every later step is cut too and none is decided).
   */
  step(actor: Actor, command: ComplaintCommand): void {
    if (this.now >= this.end) return;
    const events = decide(command, this.state, this.catalog);
    for (const event of events) this.state = evolve(this.state, event);
    this.steps.push({ actor, command, events });
  }

  /** The SLA clock is paused. */
  paused(): boolean {
    return complaintOf(this.state)?.pause !== undefined;
  }

  /** How the case was closed, if it is. */
  closedAs(): NonNullable<Complaint['closure']>['as'] | undefined {
    return complaintOf(this.state)?.closure?.as;
  }

  /** The outcome of the latest decision recorded. */
  outcome(): Outcome | undefined {
    return complaintOf(this.state)?.decision?.outcome;
  }

  done(index: number, complaintId: string): GeneratedCase {
    return { index, complaintId, steps: this.steps };
  }
}

/** Weekdays 09:00–18:00 Korean time: a moment outside moves to the next opening (holidays ignored: "-ish"). */
function inWorkingHours(ms: number): number {
  const local = ms + KST;
  let day = Math.floor(local / DAY);
  let time = local - day * DAY;
  if (time < 9 * HOUR) time = 9 * HOUR + (time % (30 * MINUTE));
  else if (time >= 18 * HOUR) {
    day++;
    time = 9 * HOUR + (time % (30 * MINUTE));
  }
  // Day 0 (1970-01-01) was a Thursday: (day + 4) % 7 is 0 on Sundays, 6 on Saturdays.
  while ((day + 4) % 7 === 0 || (day + 4) % 7 === 6) day++;
  return day * DAY + time - KST;
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));

/** The instant in Korean time, e.g. 2025-03-04T10:15:00+09:00 (whole seconds). Hand-rolled: Date's formatting dominated the generator's time. */
function iso(ms: number): string {
  const seconds = Math.floor((ms + KST) / 1000);
  const days = Math.floor(seconds / 86400);
  const time = seconds - days * 86400;
  // Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hh = Math.floor(time / 3600);
  const mm = Math.floor((time % 3600) / 60);
  return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}T${TWO_DIGITS[hh]}:${TWO_DIGITS[mm]}:${TWO_DIGITS[time % 60]}+09:00`;
}

function complainantOf(r: Random, index: number): Complainant {
  const phone = r.chance(0.85) ? `010-${String(r.int(0, 9999)).padStart(4, '0')}-${String(r.int(0, 9999)).padStart(4, '0')}` : undefined;
  const email = r.chance(0.5) ? `citizen${index}@example.kr` : undefined;
  const address = r.chance(0.3) || (!phone && !email) ? `서울특별시 중구 세종대로 ${r.int(1, 200)}` : undefined;
  return optional({ name: `${r.pick(SURNAMES)}${r.pick(GIVEN_NAMES)}` }, { phone, email, address });
}

/** E-mail, then SMS, where consented and reachable (as the decider chooses for an acknowledgement). */
function preferredNotice(complainant: Complainant, consent: Consent): NoticeChannel | undefined {
  if (consent.email && complainant.email) return 'email';
  if (consent.sms && complainant.phone) return 'sms';
  return undefined;
}

function resultNotice(complainant: Complainant, consent: Consent, channel: Channel): NoticeChannel {
  const preferred = preferredNotice(complainant, consent);
  if (preferred) return preferred;
  if (channel === 'visit') return 'in-person';
  if (complainant.address) return 'post';
  return complainant.phone && consent.phone ? 'phone' : 'homepage';
}

function actor(id: string, role: Actor['roles'][number], department?: string): Actor {
  return department ? { id, name: id, roles: [role], department } : { id, name: id, roles: [role] };
}

/** Leaves out undefined fields, as the decider does, so a history equals its replay from JSON. */
function optional<T extends object, O extends object>(base: T, extra: O): T & Partial<O> {
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) out[key] = value;
  return out as T & Partial<O>;
}
