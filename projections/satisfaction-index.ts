/**
 * The customer-satisfaction index of the handbook (source 000): item weight = (share of respondents
 * naming the item as important + 100 / number of items) / 2; a dimension index is the weighted sum
 * of its item scores; the overall index is half the weighted dimension index, half the direct
 * overall rating. Scores are on 0–100.
 *
 * Our survey has one dimension, the handling process, whose items are the catalog's survey elements
 * but `overall`, the direct overall rating. Until an importance survey exists the weights are equal
 * (every item named by 100 / n % of respondents); operators set the shares from their own survey.
 * Weights are normalised to sum to 1, so shares that do not sum to 100 (respondents may name several
 * items) still give an index on 0–100. An item nobody was asked (a survey stored before the item was
 * in the list) is left out and the others' weights normalised again: not asked is not zero.
 */
import { OVERALL, type SatisfactionElement } from '../domain/catalog.js';

/** The items of the dimension: every element but the direct overall rating. */
export const itemsOf = (elements: readonly SatisfactionElement[]): SatisfactionElement[] => elements.filter((e) => e !== OVERALL);

/** Percentage (0–100) of respondents naming each item as important. */
export type ImportanceShares = Readonly<Record<SatisfactionElement, number>>;

/** What is wrong with operator-given importance shares for these items; empty when they are valid. */
export function validateImportanceShares(value: unknown, items: readonly SatisfactionElement[]): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return ['must be an object of item → percentage'];
  const problems: string[] = [];
  for (const key of Object.keys(value)) if (!items.includes(key)) problems.push(`${key} is not an item; items: ${items.join(', ')}`);
  for (const item of items) {
    const share = (value as Record<string, unknown>)[item];
    if (typeof share !== 'number' || !(share >= 0 && share <= 100)) problems.push(`${item} must be a percentage from 0 to 100`);
  }
  return problems;
}

/** Each item's weight, summing to 1. Without importance data every item weighs the same. */
export function itemWeights(items: readonly SatisfactionElement[], importance?: ImportanceShares | null): Record<SatisfactionElement, number> {
  const n = items.length;
  const raw = items.map((item) => ((importance?.[item] ?? 100 / n) + 100 / n) / 2);
  const total = raw.reduce((a, b) => a + b, 0);
  return Object.fromEntries(items.map((item, i) => [item, (raw[i] as number) / total]));
}

/** A mean score on the survey's 1–5 scale, on 0–100 (1 → 0, 3 → 50, 5 → 100). */
export function toHundred(meanOneToFive: number): number {
  return ((meanOneToFive - 1) / 4) * 100;
}

/**
 * The overall index from element scores on 0–100: null without an overall rating or without any item
 * scored. Items without a score (not asked) are left out, the others' weights normalised again.
 */
export function satisfactionIndex(scores: Readonly<Record<SatisfactionElement, number | null | undefined>>, weights: Readonly<Record<SatisfactionElement, number>>): number | null {
  const overall = scores[OVERALL];
  const scored = Object.keys(weights).filter((item) => typeof scores[item] === 'number');
  if (typeof overall !== 'number' || scored.length === 0) return null;
  const weight = scored.reduce((sum, item) => sum + (weights[item] as number), 0);
  const dimension = scored.reduce((sum, item) => sum + ((weights[item] as number) / weight) * (scores[item] as number), 0);
  return (dimension + overall) / 2;
}
