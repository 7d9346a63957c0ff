import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CATALOG, DEFAULT_SATISFACTION_ELEMENTS, satisfactionElementsOf, type Catalog } from '../../domain/catalog.js';
import { InvalidCommand } from '../../domain/errors.js';
import { decide, evolve, initialState } from '../../domain/complaint/decider.js';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { CaseHistory } from '../support/case-history.js';

const dir = mkdtempSync(join(tmpdir(), 'yearly-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const catalogFile = (changes: Partial<Catalog>) => {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify({ ...DEFAULT_CATALOG, ...changes }));
  return file;
};

describe('the surveys and the departments’ evaluation are configuration (CATALOG_FILE), checked at start', () => {
  it('by default the seed’s seven QPSI elements: the six it names and our seventh, the explanation of the result', () => {
    expect(DEFAULT_SATISFACTION_ELEMENTS.map((e) => e.name.ko)).toEqual(['불만접수 용이성', '중간경과 안내', '업무처리 적극성', '고객응대 친절성', '불만처리 기일', '처리결과 설명의 충분성', '전반적 만족도']);
  });

  it('an operator’s list replaces it, and the survey command answers that list only', () => {
    const elements = [{ code: 'speed', name: { ko: '신속성', en: 'Speed' } }, { code: 'overall', name: { ko: '전반적 만족도', en: 'Overall' } }];
    const { catalog } = loadConfig({ CATALOG_FILE: catalogFile({ satisfactionElements: elements }) });
    expect(satisfactionElementsOf(catalog)).toEqual(elements);
    const closed = CaseHistory.received('c-1').assign().findings().decide().communicate().close();
    const survey = (scores: Record<string, number>) => decide({ type: 'record-satisfaction', data: { scores }, now: '2026-03-20T10:00:00+09:00' }, closed.events.reduce(evolve, initialState()), catalog);
    expect(survey({ speed: 4, overall: 5 })).toEqual([{ type: 'SatisfactionRecorded', data: { scores: { speed: 4, overall: 5 } }, occurredAt: '2026-03-20T10:00:00+09:00' }]);
    expect(() => survey({ courtesy: 4, overall: 5 })).toThrow(new InvalidCommand('scores.courtesy', 'is not a survey element; elements: speed, overall'));
  });

  it.each([
    ['no overall rating', { satisfactionElements: [{ code: 'speed', name: { ko: '신속성', en: 'Speed' } }, { code: 'courtesy', name: { ko: '친절성', en: 'Courtesy' } }] }, '$.satisfactionElements: must have the "overall" rating among its codes'],
    ['one question only', { satisfactionElements: [{ code: 'overall', name: { ko: '전반적 만족도', en: 'Overall' } }] }, '$.satisfactionElements: minItems: must NOT have fewer than 2 items'],
    ['twice the same code', { staffSurveyQuestions: [{ code: 'overall', name: { ko: 'a', en: 'a' } }, { code: 'overall', name: { ko: 'b', en: 'b' } }] }, '$.staffSurveyQuestions: codes must be distinct: "overall" more than once'],
    ['a code with a dot', { satisfactionElements: [{ code: 'a.b', name: { ko: 'a', en: 'a' } }, { code: 'overall', name: { ko: 'b', en: 'b' } }] }, '$.satisfactionElements[0].code: pattern: must match pattern "^[A-Za-z][A-Za-z0-9-]*$"'],
    ['weights all zero', { departmentEvaluation: { weights: { slaCompliance: 0, satisfactionIndex: 0, repeatOffenders: 0, improvementsOnTime: 0 }, pointsPerRepeatOffender: 10, grades: [{ grade: 'A', minScore: 0 }] } }, '$.departmentEvaluation.weights: must not all be 0'],
    ['a weight missing', { departmentEvaluation: { weights: { slaCompliance: 1, satisfactionIndex: 1, repeatOffenders: 1 }, pointsPerRepeatOffender: 10, grades: [{ grade: 'A', minScore: 0 }] } }, '$.departmentEvaluation.weights.improvementsOnTime: required'],
    ['no grade for the lowest scores', { departmentEvaluation: { weights: { slaCompliance: 1, satisfactionIndex: 1, repeatOffenders: 1, improvementsOnTime: 1 }, pointsPerRepeatOffender: 10, grades: [{ grade: 'A', minScore: 50 }] } }, '$.departmentEvaluation.grades: needs a grade from a minScore of 0 or below, so that every score has a grade'],
  ] as [string, Partial<Catalog>, string][])('a catalog with %s is refused naming CATALOG_FILE, the file, the JSON path and the rule', (_what, changes, problem) => {
    const file = catalogFile(changes);
    expect(() => loadConfig({ CATALOG_FILE: file })).toThrow(ConfigError);
    expect(() => loadConfig({ CATALOG_FILE: file })).toThrow(`${file}: ${problem}`);
  });
});
