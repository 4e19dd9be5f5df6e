import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import type { Queryable } from '../db/database.ts';

/** At most `limit` attempts in a window of `windowSeconds`. */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfter: number };

/**
 * Where the counts live (rate-limiter-flexible's stores):
 * - `memory`: this process only (unit tests);
 * - `sql`: the platform's database, table `rate_limits` (migration 007), so that every
 *   instance on one PostgreSQL counts against the same limit;
 * - `redis`: a Redis server (`REDIS_URL`), ioredis client, keys under `prefix`.
 * A shared store that fails falls back to memory in this process (the library's insurance
 * limiter): limits stay per instance for the while, rather than every request failing.
 */
export type RateLimitStore =
  | { kind: 'memory' }
  | { kind: 'sql'; db: Queryable }
  | { kind: 'redis'; client: RedisLike; prefix: string };

/** What RateLimiterRedis needs of an ioredis client (typed loosely by the library too). */
export interface RedisLike {
  defineCommand: (...args: never[]) => unknown;
  multi: (...args: never[]) => unknown;
}

/**
 * A rate limit per key under one name (rate-limiter-flexible's fixed windows: a key's window
 * starts at its first attempt).
 *
 * Counting is atomic in the store (memory: at the moment of the call; SQL: one upsert;
 * Redis: one Lua script), so a parallel burst of N attempts, on one instance or across
 * several, gets exactly `limit` through.
 */
export class RateLimiter {
  readonly #limiter: RateLimiterAbstract;

  constructor(
    readonly rule: RateLimit,
    name = 'limit',
    store: RateLimitStore = { kind: 'memory' },
  ) {
    const base = { points: rule.limit, duration: rule.windowSeconds, keyPrefix: name };
    const insurance = () => new RateLimiterMemory(base);
    switch (store.kind) {
      case 'memory':
        this.#limiter = new RateLimiterMemory(base);
        break;
      case 'sql':
        this.#limiter = new RateLimiterPostgres({
          ...base,
          storeClient: sqlClient(store.db),
          // Our adapter answers like a pg Pool: no connection to check out or release.
          storeType: 'pool',
          tableName: 'rate_limits',
          tableCreated: true,
          // The platform's sweep deletes expired rows, once for all four limits.
          clearExpiredByTimeout: false,
          insuranceLimiter: insurance(),
        });
        break;
      case 'redis':
        this.#limiter = new RateLimiterRedis({
          ...base,
          keyPrefix: `${store.prefix}${name}`,
          storeClient: store.client,
          // Down or reconnecting: the insurance limiter at once, not a queued command.
          rejectIfRedisNotReady: true,
          insuranceLimiter: insurance(),
        });
        break;
    }
  }

  /** Counts an attempt; refused once the key has had `limit` in its window. */
  take(key: string): Promise<RateDecision> {
    return this.#limiter.consume(key).then(
      () => ({ ok: true }),
      (refusal: unknown) => {
        // rate-limiter-flexible rejects with its result when over the limit, and with an
        // Error only when its store (and the insurance limiter) failed.
        if (refusal instanceof RateLimiterRes) return blocked(refusal);
        throw refusal;
      },
    );
  }

  /** Whether the key is at its limit, without counting an attempt. */
  peek(key: string): Promise<RateDecision> {
    return this.#limiter
      .get(key)
      .then((state) =>
        state && state.msBeforeNext > 0 && state.consumedPoints >= this.rule.limit
          ? blocked(state)
          : { ok: true },
      );
  }
}

/**
 * The platform's database as RateLimiterPostgres's client: it sends `{ text, values, name }`
 * and reads `rows` and `rowCount`. Works on PGlite as on PostgreSQL (the statement names
 * of prepared statements are dropped: the pool's connections are not ours to prepare on).
 */
function sqlClient(db: Queryable) {
  return {
    async query(q: { text: string; values?: unknown[] }) {
      const rows = await db.query(q.text, q.values ?? []);
      return { rows, rowCount: rows.length };
    },
  };
}

const blocked = (state: RateLimiterRes): RateDecision => ({
  ok: false,
  retryAfter: Math.max(1, Math.ceil(state.msBeforeNext / 1000)),
});
