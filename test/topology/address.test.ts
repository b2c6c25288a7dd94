import { describe, expect, it } from 'vitest';
import { cidrContains, parseCidr } from '../../src/topology/address.js';

describe('CIDR containment (net.BlockList)', () => {
  it.each([
    ['10.20.0.0/16', '10.20.255.1', true],
    ['10.20.0.0/16', '10.21.0.1', false],
    ['10.20.30.40/24', '10.20.30.1', true],
    ['0.0.0.0/0', '192.168.1.1', true],
    ['2001:db8::/32', '2001:db8:ffff::1', true],
    ['2001:db8::/32', '2001:db9::1', false],
    ['fd00:1:2:3::/64', 'fd00:1:2:3:abcd::9', true],
    ['10.0.0.0/8', '2001:db8::1', undefined],
    ['10.0.0.0/8', 'not-an-ip', undefined],
    ['::/0', '::ffff:10.0.0.1', undefined],
  ])('%s holds %s: %s', (block, ip, expected) => {
    expect(cidrContains(parseCidr(block)!, ip)).toBe(expected);
  });
});
