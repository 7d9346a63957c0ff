import { describe, expect, it } from '@jest/globals';
import { itemWeights, satisfactionIndex, toHundred, validateImportanceShares } from './satisfaction-index.js';

/** The five process items the 004 seed names (its sixth, 전반적 만족도, is the direct overall rating). */
const ITEMS = ['easeOfFiling', 'interimNotice', 'proactiveness', 'courtesy', 'processingTime'];

describe('the satisfaction index of the handbook', () => {
  it('without importance data every item weighs the same: 1/5 each', () => {
    expect(itemWeights(ITEMS)).toEqual({ easeOfFiling: 0.2, interimNotice: 0.2, proactiveness: 0.2, courtesy: 0.2, processingTime: 0.2 });
  });

  it('an item weight is (share naming it important + 100/n) / 2', () => {
    // Given 60 % name ease of filing, 20 % the interim notice, 10 % proactiveness and courtesy each, nobody the processing time
    const weights = itemWeights(ITEMS, { easeOfFiling: 60, interimNotice: 20, proactiveness: 10, courtesy: 10, processingTime: 0 });
    // Then (60+20)/2 = 40 %, (20+20)/2 = 20 %, 15 %, 15 %, (0+20)/2 = 10 %
    expect(weights.easeOfFiling).toBeCloseTo(0.4, 12);
    expect(weights.interimNotice).toBeCloseTo(0.2, 12);
    expect(weights.proactiveness).toBeCloseTo(0.15, 12);
    expect(weights.courtesy).toBeCloseTo(0.15, 12);
    expect(weights.processingTime).toBeCloseTo(0.1, 12);
  });

  it('shares that do not sum to 100 (several items named) are normalised', () => {
    const weights = itemWeights(ITEMS, { easeOfFiling: 80, interimNotice: 80, proactiveness: 80, courtesy: 80, processingTime: 80 });
    expect(Object.values(weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(weights.courtesy).toBeCloseTo(0.2, 12);
  });

  it('scores on 1–5 map to 0–100', () => {
    expect([1, 3, 4, 5].map(toHundred)).toEqual([0, 50, 75, 100]);
  });

  it('the index is half the weighted process dimension and half the direct overall rating', () => {
    const scores = { easeOfFiling: 100, interimNotice: 50, proactiveness: 75, courtesy: 100, processingTime: 25, overall: 60 };
    // Equal weights: dimension = (100 + 50 + 75 + 100 + 25) / 5 = 70; index = (70 + 60) / 2 = 65
    expect(satisfactionIndex(scores, itemWeights(ITEMS))).toBe(65);
  });

  it('an item not asked (a survey stored before it was in the list) is left out, not counted as zero', () => {
    const weights = itemWeights([...ITEMS, 'explanation']);
    const scores = { easeOfFiling: 100, interimNotice: 50, proactiveness: 75, courtesy: 100, processingTime: 25, overall: 60 };
    // The five asked share the weight again: (100 + 50 + 75 + 100 + 25) / 5 = 70; (70 + 60) / 2 = 65, as without the sixth item
    expect(satisfactionIndex(scores, weights)).toBeCloseTo(65, 12);
    expect(satisfactionIndex({ ...scores, explanation: 0 }, weights)).toBeCloseTo(((350 + 0) / 6 + 60) / 2, 12);
  });

  it('without responses there is no index', () => {
    expect(satisfactionIndex({ easeOfFiling: null, interimNotice: null, proactiveness: null, courtesy: null, processingTime: null, overall: null }, itemWeights(ITEMS))).toBeNull();
  });

  it('operator importance shares name every item with a percentage, and nothing else', () => {
    expect(validateImportanceShares({ easeOfFiling: 60, interimNotice: 20, proactiveness: 10, courtesy: 10, processingTime: 0 }, ITEMS)).toEqual([]);
    expect(validateImportanceShares({ easeOfFiling: 160, interimNotice: 20, proactiveness: 10, courtesy: 10, overall: 5 }, ITEMS)).toEqual([
      'overall is not an item; items: easeOfFiling, interimNotice, proactiveness, courtesy, processingTime',
      'easeOfFiling must be a percentage from 0 to 100',
      'processingTime must be a percentage from 0 to 100',
    ]);
    expect(validateImportanceShares([1, 2], ITEMS)).toEqual(['must be an object of item → percentage']);
  });
});
