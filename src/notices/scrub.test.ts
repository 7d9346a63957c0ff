import { describe, expect, it } from '@jest/globals';
import { scrubbedError } from './scrub.js';

describe('a recorded failure', () => {
  it("names none of the complainant's personal data, even where the server quoted it back", () => {
    const error = Object.assign(new Error("Can't send mail - all recipients were rejected: 550 5.1.1 <minsu@example.kr>: 김민수 unknown"), { code: 'EENVELOPE', responseCode: 550 });
    const text = scrubbedError(error, ['김민수', 'minsu@example.kr', '010-1234-5678']);
    expect(text).toBe("EENVELOPE 550: Can't send mail - all recipients were rejected: 550 5.1.1 <[redacted]>: [redacted] unknown");
  });

  it('hides anything shaped like an address, a phone number or URL credentials', () => {
    expect(scrubbedError(new Error('to someone@else.org failed'), [])).toBe('to [address] failed');
    expect(scrubbedError(new Error('number +82 10-9876-5432 unreachable'), [])).toBe('number [number] unreachable');
    expect(scrubbedError(new Error('POST https://user:secret@gw.example/send'), [])).toBe('POST https://[credentials]@gw.example/send');
  });

  it('keeps codes and short numbers, and is cut short', () => {
    expect(scrubbedError(new Error('the SMS gateway answered 503'), [])).toBe('the SMS gateway answered 503');
    expect(scrubbedError(new Error('x'.repeat(1_000)), []).length).toBe(300);
  });
});
