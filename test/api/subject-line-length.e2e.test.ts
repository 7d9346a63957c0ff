import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { complaintBody, staff, startTestApi, type TestApi } from '../support/api.js';

/** A subject line is short whatever the description: eight words at most, and 100 characters at most (one unbroken "word" wrecked the inbox). */
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const subjectOf = async (description: string): Promise<string> => {
  const filed = await api.call('POST', '/complaints', { as: staff.intake, body: complaintBody({ description }) });
  expect(filed.status).toBe(201);
  const answer = await api.call('GET', `/complaints/subjects?ids=${filed.body.id}`, { as: staff.office });
  expect(answer.status).toBe(200);
  return answer.body.subjects[0].subject as string;
};

describe('the length of a subject line', () => {
  it('cuts one long unbroken description at 100 characters, with an ellipsis', async () => {
    expect(await subjectOf('L'.repeat(10_000))).toBe(`${'L'.repeat(100)}…`);
  });

  it('cuts eight long words at 100 characters too, not after the eighth', async () => {
    const word = 'x'.repeat(30);
    expect(await subjectOf(Array(10).fill(word).join(' '))).toBe(`${[word, word, word].join(' ')} ${'x'.repeat(7)}…`);
  });

  it('counts characters, not UTF-16 units: a Korean or emoji line is not cut in half a character', async () => {
    expect(await subjectOf('가'.repeat(150))).toBe(`${'가'.repeat(100)}…`);
    expect(await subjectOf('😀'.repeat(150))).toBe(`${'😀'.repeat(100)}…`);
  });

  it('leaves a short line as it was: eight words, then " …"', async () => {
    expect(await subjectOf('The gas meter in the basement hisses every night since the inspection.')).toBe('The gas meter in the basement hisses every …');
    expect(await subjectOf('Short one.')).toBe('Short one.');
  });
});
