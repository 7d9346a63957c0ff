import { describe, expect, it } from '@jest/globals';
import { complainantIdentifiers } from './complainant-identity.js';

describe('recognising a complainant', () => {
  it('normalises the phone number and the e-mail address', () => {
    expect(complainantIdentifiers({ name: '김민수', phone: '+82 10-1234-5678', email: ' MinSu@Example.KR ' })).toEqual(['phone:01012345678', 'email:minsu@example.kr']);
    expect(complainantIdentifiers({ name: 'x', phone: '010.1234.5678' })).toEqual(['phone:01012345678']);
    expect(complainantIdentifiers({ name: 'x', phone: '+82 (0)10 1234 5678' })).toEqual(['phone:01012345678']);
  });

  it('falls back to name and address when there is neither phone nor e-mail', () => {
    expect(complainantIdentifiers({ name: ' 김  민수 ', address: '서울시  중구 1' })).toEqual(['name:김 민수|서울시 중구 1']);
  });

  it('rule 4 (issue 16): an unidentified complainant, known by nothing, is recognised as nobody, so anonymous complaints are no repeat complainant', () => {
    expect(complainantIdentifiers({})).toEqual([]);
    expect(complainantIdentifiers({ name: ' ' })).toEqual([]);
  });
});
