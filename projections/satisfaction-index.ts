/**
 * The customer-satisfaction index of the handbook (source 000): item weight = (share of respondents
 * naming the item as important + 100 / number of items) / 2; a dimension index is the weighted sum
 * of its item scores; the overall index is half the weighted dimension index, half the direct
 * overall rating. Scores are on 0–100.
 *
 * Our survey has one dimension, the handling process, whose items are the five process elements the
 * manual names; `overall` is the direct overall rating. Until an importance survey exists the
 * weights are equal (every item named by 100 / n % of respondents); operators set the shares from
 * their own survey. Weights are normalised to sum to 1, so shares that do not sum to 100 (respondents
 * may name several items) still give an index on 0–100.
 */
import { SATISFACTION_ELEMENTS, type SatisfactionElement } from '../domain/catalog.js';

export type SatisfactionItem = Exclude<SatisfactionElement, 'overall'>;
export const SATISFACTION_ITEMS = SATISFACTION_ELEMENTS.filter((e): e is SatisfactionItem => e !== 'overall');

/** Percentage (0–100) of respondents naming each item as important. */
export type ImportanceShares = Readonly<Record<SatisfactionItem, number>>;

/** What is wrong with operator-given importance shares; empty when they are valid. */
export function validateImportanceShares(value: unknown): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return ['must be an object of item → percentage'];
  const problems: string[] = [];
  const known = SATISFACTION_ITEMS as readonly string[];
  for (const key of Object.keys(value)) if (!known.includes(key)) problems.push(`${key} is not an item; items: ${known.join(', ')}`);
  for (const item of SATISFACTION_ITEMS) {
    const share = (value as Record<string, unknown>)[item];
    if (typeof share !== 'number' || !(share >= 0 && share <= 100)) problems.push(`${item} must be a percentage from 0 to 100`);
  }
  return problems;
}

/** Each item's weight, summing to 1. Without importance data every item weighs the same. */
export function itemWeights(importance?: ImportanceShares | null): Record<SatisfactionItem, number> {
  const n = SATISFACTION_ITEMS.length;
  const raw = SATISFACTION_ITEMS.map((item) => ((importance ? importance[item] : 100 / n) + 100 / n) / 2);
  const total = raw.reduce((a, b) => a + b, 0);
  return Object.fromEntries(SATISFACTION_ITEMS.map((item, i) => [item, (raw[i] as number) / total])) as Record<SatisfactionItem, number>;
}

/** A mean score on the survey's 1–5 scale, on 0–100 (1 → 0, 3 → 50, 5 → 100). */
export function toHundred(meanOneToFive: number): number {
  return ((meanOneToFive - 1) / 4) * 100;
}

/** The overall index from element scores on 0–100; null when any score is missing (no responses). */
export function satisfactionIndex(scores: Readonly<Record<SatisfactionElement, number | null>>, weights: Readonly<Record<SatisfactionItem, number>>): number | null {
  if (SATISFACTION_ELEMENTS.some((e) => scores[e] === null)) return null;
  const dimension = SATISFACTION_ITEMS.reduce((sum, item) => sum + weights[item] * (scores[item] as number), 0);
  return (dimension + (scores.overall as number)) / 2;
}
