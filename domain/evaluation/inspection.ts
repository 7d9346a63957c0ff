import { InvalidCommand } from '../errors.js';
import { RATINGS, type Rating } from './indicators.js';

/** The four items of an ad-hoc evaluation of the programme (004 seed, ch. 5 §3 (2) 2) 가–라, 수시 평가). */
export const INSPECTION_ITEMS = [
  { code: '가', ko: '고객불만 처리 절차의 적합성 및 효율성', en: 'Fitness and efficiency of the complaint-handling procedure' },
  { code: '나', ko: 'CCMS에 대한 수시 점검 절차의 적절성 및 효율성', en: 'Fitness and efficiency of the ad-hoc inspection procedure' },
  { code: '다', ko: '임직원의 CCMS 위반행위에 대해 신속하고 효과적인 제재조치를 강구하여 실행하는지 여부', en: 'Prompt and effective sanctions on violations by staff' },
  { code: '라', ko: '고객불만을 접수한 후 처리진행 단계별로 상황을 불만고객에게 알리는 등 적절한 의사소통을 하였는지 여부', en: 'Stage-by-stage communication with the complainant' },
] as const;
export type InspectionItem = (typeof INSPECTION_ITEMS)[number]['code'];
export const INSPECTION_ITEM_CODES = INSPECTION_ITEMS.map((i) => i.code) as readonly InspectionItem[];

export interface InspectionFinding {
  item: InspectionItem;
  rating: Rating;
  finding: string;
}

/** A random sample of the period's cases, picked by the engine: the same seed and population give the same sample. */
export interface CaseSample {
  seed: number;
  size: number;
  /** How many cases the period had to pick from. */
  population: number;
  complaintIds: string[];
}

export interface InspectionRecorded {
  type: 'InspectionRecorded';
  data: { inspectionId: string; recordedBy: string; period: { from: string; to: string }; findings: InspectionFinding[]; sample?: CaseSample };
  occurredAt: string;
}
export type InspectionEvent = InspectionRecorded;

export interface Inspection {
  inspectionId: string;
  recordedAt: string;
  recordedBy: string;
  period: { from: string; to: string };
  findings: InspectionFinding[];
  sample?: CaseSample;
}

export function evolveInspection(inspection: Inspection | undefined, event: InspectionEvent): Inspection | undefined {
  if (inspection) return inspection;
  const { inspectionId, recordedBy, period, findings, sample } = event.data;
  return { inspectionId, recordedAt: event.occurredAt, recordedBy, period, findings, ...(sample ? { sample } : {}) };
}

/** Checks an inspection to record: a period that ends after it starts, and findings on one or more of the four items, each item once. */
export function decideInspection(data: InspectionRecorded['data'], now: string): InspectionEvent[] {
  if (!(Date.parse(data.period.from) < Date.parse(data.period.to))) {
    // `to` left out is now: a `from` not before it is the one at fault.
    if (data.period.to === now) throw new InvalidCommand('from', 'must be before now, where the period ends when to is left out');
    throw new InvalidCommand('to', 'must be after from');
  }
  if (data.findings.length === 0) throw new InvalidCommand('findings', `must hold a finding on at least one of the items ${INSPECTION_ITEM_CODES.join(', ')}`);
  data.findings.forEach((f, i) => {
    if (!INSPECTION_ITEM_CODES.includes(f.item)) throw new InvalidCommand(`findings[${i}].item`, `must be one of ${INSPECTION_ITEM_CODES.join(', ')}`);
    if (data.findings.findIndex((other) => other.item === f.item) !== i) throw new InvalidCommand(`findings[${i}].item`, `item ${f.item} has a finding already`);
  });
  data.findings.forEach((f, i) => {
    if (!RATINGS.includes(f.rating)) throw new InvalidCommand(`findings[${i}].rating`, `must be one of ${RATINGS.join(', ')}`);
    if (f.finding.trim() === '') throw new InvalidCommand(`findings[${i}].finding`, 'must not be empty');
  });
  return [{ type: 'InspectionRecorded', data, occurredAt: now }];
}

/**
 * Picks `size` of the population (ids in a fixed order, e.g. sorted) with a seeded generator
 * (mulberry32 and a partial Fisher–Yates shuffle): reproducible from the seed alone.
 */
export function sampleCases(population: readonly string[], size: number, seed: number): string[] {
  const ids = [...population];
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const n = Math.min(size, ids.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(next() * (ids.length - i));
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
  }
  return ids.slice(0, n);
}
