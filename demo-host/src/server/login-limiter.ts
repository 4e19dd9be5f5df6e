import { isIPv6 } from 'node:net';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * How many wrong passwords the shop's login tolerates, per client address and per email.
 *
 * What happens when:
 * 1. A login arrives: one point is taken from both buckets at once, before the password is
 *    checked. `RateLimiterMemory` counts synchronously, so a parallel burst is counted as it
 *    arrives, not after the slow hash comparisons have finished.
 * 2. A bucket is empty: the login is refused (429, `Retry-After`) without checking the
 *    password, for known and unknown emails alike, and the bucket stays blocked `blockSeconds`.
 * 3. The password was right: the address gets its point back and the email's count of
 *    consecutive failures starts again, so only failures count.
 *
 * The email bucket is per email *and* address: a stranger failing on purpose locks that email
 * out from the stranger's own address only, never the shopper's (the platform's rule for its
 * consumers too). A guesser spreading over many addresses is held by the address bucket of
 * each. Behind a proxy, give the shop the client's address (`clientIp`), or every shopper
 * shares one bucket.
 */
export interface LoginLimits {
  failuresPerEmail: number;
  failuresPerIp: number;
  windowSeconds: number;
  blockSeconds: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimits = {
  failuresPerEmail: 5,
  failuresPerIp: 30,
  windowSeconds: 15 * 60,
  blockSeconds: 15 * 60,
};

export type Admission = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class LoginLimiter {
  readonly #byIp: RateLimiterMemory;
  readonly #byEmail: RateLimiterMemory;

  constructor(limits: Partial<LoginLimits> = {}) {
    const l = { ...DEFAULT_LOGIN_LIMITS, ...limits };
    const common = { duration: l.windowSeconds, blockDuration: l.blockSeconds };
    this.#byIp = new RateLimiterMemory({ ...common, points: l.failuresPerIp, keyPrefix: 'ip' });
    this.#byEmail = new RateLimiterMemory({ ...common, points: l.failuresPerEmail, keyPrefix: 'email' });
  }

  async admit(ip: string, email: string): Promise<Admission> {
    const results = await Promise.allSettled([
      this.#byIp.consume(addressKey(ip)),
      this.#byEmail.consume(emailKey(ip, email)),
    ]);
    const refusals = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (refusals.length === 0) return { allowed: true };
    let waitMs = 0;
    for (const reason of refusals) {
      // The memory store rejects with a RateLimiterRes when a bucket is empty, never otherwise.
      if (!(reason instanceof RateLimiterRes)) throw reason;
      waitMs = Math.max(waitMs, reason.msBeforeNext);
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  async succeeded(ip: string, email: string): Promise<void> {
    await Promise.all([this.#byIp.reward(addressKey(ip)), this.#byEmail.delete(emailKey(ip, email))]);
  }
}

const emailKey = (ip: string, email: string) => `${addressKey(ip)}|${email}`;

/**
 * The bucket of a client address: IPv4 as is, IPv6 by its /64, since one subscriber usually
 * holds a whole /64 and could otherwise take a fresh bucket for every attempt.
 */
export function addressKey(address: string): string {
  const bare = address.split('%', 1)[0] ?? address;
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(bare);
  if (mapped?.[1]) return mapped[1];
  if (!isIPv6(bare)) return bare;
  const [head = '', tail] = bare.toLowerCase().split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const front = groups(head);
  // An embedded IPv4 address only ever sits in the last 32 bits: it counts as two groups.
  const back = groups(tail).flatMap((g) => (g.includes('.') ? ['0', '0'] : [g]));
  const full =
    tail === undefined ? front : [...front, ...Array(8 - front.length - back.length).fill('0'), ...back];
  return `${full
    .slice(0, 4)
    .map((g) => Number.parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}
