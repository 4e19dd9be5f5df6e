import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { addressGroup, clientAddress } from './client-address.ts';
import type { AppEnv } from './env.ts';

describe('addressGroup', () => {
  it('groups IPv6 addresses by /64', () => {
    const a = addressGroup('2001:db8:1:2::1');
    expect(a).toBe('2001:db8:1:2::/64');
    expect(addressGroup('2001:0db8:0001:0002:ffff:ffff:ffff:fffe')).toBe(a);
    expect(addressGroup('2001:db8:1:3::1')).not.toBe(a);
  });

  it('keeps IPv4 addresses whole, IPv4-mapped ones included', () => {
    expect(addressGroup('192.0.2.7')).toBe('192.0.2.7');
    expect(addressGroup('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(addressGroup('192.0.2.8')).not.toBe(addressGroup('192.0.2.7'));
  });
});

describe('clientAddress', () => {
  // No socket under app.request(): the fallback is 'unknown'.
  const app = (hops: number) => new Hono<AppEnv>().get('/', (c) => c.text(clientAddress(c, hops)));
  const seen = async (hops: number, forwardedFor?: string) =>
    (
      await app(hops).request('/', {
        headers: forwardedFor === undefined ? {} : { 'X-Forwarded-For': forwardedFor },
      })
    ).text();

  it('ignores X-Forwarded-For without trusted proxies', async () => {
    expect(await seen(0, '192.0.2.1')).toBe('unknown');
  });

  it('takes the entry the outermost trusted proxy added, never one the caller wrote', async () => {
    expect(await seen(1, '203.0.113.9, 192.0.2.1')).toBe('192.0.2.1');
    expect(await seen(2, '203.0.113.9, 192.0.2.1, 10.0.0.2')).toBe('192.0.2.1');
    expect(await seen(1, '2001:db8::1')).toBe('2001:db8::1');
  });

  it('falls back to the socket when the header does not have the hops it should', async () => {
    expect(await seen(2, '192.0.2.1')).toBe('unknown');
    expect(await seen(1, 'not-an-address')).toBe('unknown');
    expect(await seen(1)).toBe('unknown');
  });
});
