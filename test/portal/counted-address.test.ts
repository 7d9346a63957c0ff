/** Which client a request's address is counted as by the portal's limits (src/portal/rate-limit.ts). */
import { describe, expect, it } from '@jest/globals';
import { countedAddress } from '../../src/portal/rate-limit.js';

describe('an IPv6 client is counted by its /64, which it rotates addresses within at will', () => {
  it('every address of one /64 is one client, however it is written (compressed, in full, upper case, with a zone)', () => {
    const one = ['2001:db8:1:2::1', '2001:db8:1:2:a:b:c:d', '2001:0DB8:0001:0002:ffff:ffff:ffff:ffff', '2001:db8:1:2:0:0:0:0', '2001:db8:1:2::1%eth0'];
    expect(new Set(one.map(countedAddress))).toEqual(new Set(['2001:db8:1:2::/64']));
  });

  it('addresses of different /64s are different clients, even in one /48', () => {
    expect(countedAddress('2001:db8:1:2::1')).not.toBe(countedAddress('2001:db8:1:3::1'));
    expect(countedAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(countedAddress('::1')).toBe('0:0:0:0::/64');
    expect(countedAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('an IPv4 client seen through an IPv4-mapped IPv6 address is counted as its IPv4 address, as when it came over IPv4', () => {
    expect(countedAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(countedAddress('::FFFF:192.0.2.1')).toBe('192.0.2.1');
    expect(countedAddress('::ffff:c000:201')).toBe('192.0.2.1');
    expect(countedAddress('0:0:0:0:0:ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(countedAddress('::ffff:192.0.2.2')).not.toBe(countedAddress('::ffff:192.0.2.1'));
  });

  it('an IPv4 address is its own client; anything that is no address is counted as given', () => {
    expect(countedAddress('203.0.113.7')).toBe('203.0.113.7');
    expect(countedAddress('203.0.113.8')).not.toBe(countedAddress('203.0.113.7'));
    expect(countedAddress('unknown')).toBe('unknown');
    // Another embedded IPv4 form is not a mapped IPv4 client: it stays in its /64.
    expect(countedAddress('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });
});
