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

  it('issue 19: placeholders an import declares identify nobody, so two strangers imported as "(imported: no name)" are never one repeat complainant', () => {
    const declared = { placeholders: ['(imported: no name)', '(imported: no address)'] };
    expect(complainantIdentifiers({ name: '(imported: no name)', address: '(imported: no address)' }, declared)).toEqual([]);
    expect(complainantIdentifiers({ name: ' (Imported:  no name) ', address: '(imported: no address)' }, declared)).toEqual([]);
    // A real address still identifies when the name is a placeholder.
    expect(complainantIdentifiers({ name: '(imported: no name)', address: '186 25 Street, Brooklyn' }, declared)).toEqual(['name:|186 25 street, brooklyn']);
  });

  it('issue 19: an address the mapping says is not the complainant’s own (a state and ZIP code) identifies nobody; a phone or e-mail still does', () => {
    const stateAndZip = { placeholders: ['(imported: no name)'], fields: ['address'] as const };
    expect(complainantIdentifiers({ name: '(imported: no name)', address: 'CA, 90001' }, stateAndZip)).toEqual([]);
    expect(complainantIdentifiers({ name: '(imported: no name)', address: 'CA, 90001', email: 'a@b.us' }, stateAndZip)).toEqual(['email:a@b.us']);
  });
});
