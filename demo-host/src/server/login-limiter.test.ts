import { describe, expect, it } from 'vitest';
import { addressKey, LoginLimiter } from './login-limiter.ts';

describe('the login limiter', () => {
  it('refuses an email from an address after its consecutive failures there; a success starts again', async () => {
    const limiter = new LoginLimiter({ failuresPerEmail: 3, failuresPerIp: 100 });
    for (let i = 0; i < 2; i++)
      expect(await limiter.admit('10.0.0.1', 'ada@example.com')).toEqual({ allowed: true });
    await limiter.succeeded('10.0.0.1', 'ada@example.com');
    for (let i = 0; i < 3; i++)
      expect((await limiter.admit('10.0.0.1', 'ada@example.com')).allowed).toBe(true);
    const refused = await limiter.admit('10.0.0.1', 'ada@example.com');
    expect(refused).toMatchObject({ allowed: false });
    expect(refused.allowed === false && refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(await limiter.admit('10.0.0.1', 'ben@example.com')).toEqual({ allowed: true });
    // Nobody locks a shopper out from the shopper's own address by failing on purpose.
    expect(await limiter.admit('10.0.0.2', 'ada@example.com')).toEqual({ allowed: true });
  });

  it('refuses an address after its failures, whichever emails it tries', async () => {
    const limiter = new LoginLimiter({ failuresPerEmail: 100, failuresPerIp: 3 });
    for (let i = 0; i < 3; i++)
      expect((await limiter.admit('10.0.0.1', `u${i}@example.com`)).allowed).toBe(true);
    expect((await limiter.admit('10.0.0.1', 'fresh@example.com')).allowed).toBe(false);
    expect((await limiter.admit('10.0.0.2', 'fresh@example.com')).allowed).toBe(true);
  });

  it('counts a parallel burst as it arrives', async () => {
    const limiter = new LoginLimiter({ failuresPerEmail: 5, failuresPerIp: 100 });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => limiter.admit('10.0.0.1', 'ada@example.com')),
    );
    expect(answers.filter((a) => a.allowed)).toHaveLength(5);
  });
});

describe('address buckets', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:0db8:0001:0002::1', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['2001:DB8:1:2::5%eth0', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    ['64:ff9b::192.0.2.1', '64:ff9b:0:0::/64'],
    ['unknown', 'unknown'],
  ])('%s → %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });
});
