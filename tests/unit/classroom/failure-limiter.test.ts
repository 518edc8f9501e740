// The join rate limit: counted per address (IPv6 per /64 network), forgiven as failures leave the window.
import { expect, it } from 'vitest';
import { addressKey, FailureLimiter } from '../../../src-main/classroom/failure-limiter.ts';

it('locks an address out after its failures, for as long as the oldest stays in the window, and no other address', () => {
  let now = 1_000_000;
  const limiter = new FailureLimiter({ perAddress: 3, windowMs: 60_000, now: () => now });
  for (let i = 0; i < 3; i++) {
    expect(limiter.retryAfter('10.0.0.5')).toBe(0);
    limiter.fail('10.0.0.5');
    now += 10_000;
  }
  expect(limiter.retryAfter('10.0.0.5')).toBe(30);
  expect(limiter.retryAfter('::ffff:10.0.0.5')).toBe(30);
  expect(limiter.retryAfter('10.0.0.6')).toBe(0);
  now += 30_000;
  expect(limiter.retryAfter('10.0.0.5')).toBe(0);
});

it('counts IPv6 addresses by their /64 network, so one machine cannot dodge it by changing its interface id', () => {
  expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2:bbbb::2'));
  expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
  expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
  expect(addressKey('2001:0db8:0000:0000:0000::2')).toBe('2001:db8:0:0::/64');
  expect(addressKey('::1')).toBe('0:0:0:0::/64');
  expect(addressKey('::ffff:192.168.1.20')).toBe('192.168.1.20');
});
