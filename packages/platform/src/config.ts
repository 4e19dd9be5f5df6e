import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadMasterKey } from './crypto/master-key.ts';
import { PlatformError } from './errors.ts';
import type { PlatformOptions } from './platform.ts';
import type { RateLimits } from './services.ts';
import type { KeyTimings } from './tokens/signing-keys.ts';
import type { RateLimit } from './util/rate-limiter.ts';

export interface ServerSettings {
  port: number;
  host: string;
  /** After SIGTERM, how long requests under way may take before they are cut, ms. */
  shutdownGraceMs: number;
  /**
   * After SIGTERM, how long to keep serving while `/readyz` already says 503, ms, so that a
   * balancer that checks every few seconds takes the instance out before it refuses connections.
   */
  drainDelayMs: number;
  /** A separate listener serving only `GET /metrics`, unauthenticated; undefined: none. */
  metrics?: { port: number; host: string } | undefined;
}

const int = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new PlatformError('invalid_argument', `${name} must be an integer.`);
  return n;
};

const positive = (name: string, value: string): number => {
  const n = int(name, value, 0);
  if (n < 1) throw new PlatformError('invalid_argument', `${name} must be at least 1.`);
  return n;
};

/** `PLANNER_TRUST_PROXY`: how many proxies append to X-Forwarded-For; `true` is one. */
function trustedProxies(value: string | undefined): number {
  if (value === undefined || value === '' || /^(false|no)$/i.test(value)) return 0;
  if (/^(true|yes)$/i.test(value)) return 1;
  const hops = int('PLANNER_TRUST_PROXY', value, 0);
  if (hops > 10) throw new PlatformError('invalid_argument', 'PLANNER_TRUST_PROXY is 0 to 10 proxies.');
  return hops;
}

/** A rate limit written `<limit>/<window seconds>`, e.g. `10/300`; unset, the default. */
function rateLimit(name: string, value: string | undefined): RateLimit | undefined {
  if (value === undefined || value === '') return undefined;
  const match = /^\s*(\d{1,9})\s*\/\s*(\d{1,9})\s*$/.exec(value);
  const rule = match && { limit: Number(match[1]), windowSeconds: Number(match[2]) };
  if (!rule || rule.limit < 1 || rule.windowSeconds < 1) {
    throw new PlatformError(
      'invalid_argument',
      `${name} is <attempts>/<seconds>, both at least 1 (e.g. 10/300).`,
    );
  }
  return rule;
}

const RATE_LIMIT_VARIABLES: Record<keyof RateLimits, string> = {
  tokenRequests: 'PLANNER_RATE_LIMIT_TOKEN_REQUESTS',
  authFailures: 'PLANNER_RATE_LIMIT_AUTH_FAILURES',
  consumerFailures: 'PLANNER_RATE_LIMIT_CONSUMER_FAILURES',
  operatorFailures: 'PLANNER_RATE_LIMIT_OPERATOR_FAILURES',
};

function rateLimitsFromEnv(env: NodeJS.ProcessEnv): Partial<RateLimits> {
  const limits: Partial<RateLimits> = {};
  for (const [rule, name] of Object.entries(RATE_LIMIT_VARIABLES) as [keyof RateLimits, string][]) {
    const value = rateLimit(name, env[name]);
    if (value) limits[rule] = value;
  }
  return limits;
}

/** The default embedded data folder, relative to where the platform is started. */
export const DEFAULT_DATA_DIR = '.data/platform';

/** Storage settings shared by the server and the CLI. */
export function storageFromEnv(env: NodeJS.ProcessEnv) {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    schema: env.PLANNER_DB_SCHEMA || undefined,
    dataDir: env.DATABASE_URL ? undefined : resolve(env.PLANNER_DATA_DIR || DEFAULT_DATA_DIR),
  };
}

/**
 * Reads the platform's settings from the environment (twelve-factor): PORT, HOST,
 * PLANNER_PUBLIC_URL, DATABASE_URL or PLANNER_DATA_DIR, PLANNER_MASTER_KEY(_FILE),
 * PLANNER_CORS_ORIGINS (comma-separated), PLANNER_MAX_TOKEN_LIFETIME, PLANNER_ADMIN_TOKEN(_FILE),
 * PLANNER_TRUST_PROXY, PLANNER_OAUTH_GRANT_LIFETIME, PLANNER_RATE_LIMIT_*, REDIS_URL and
 * PLANNER_REDIS_KEY_PREFIX (rate limits in Redis instead of the database),
 * PLANNER_REVOCATION_POLL_MS (the revocation epoch's poll, default 2000),
 * PLANNER_SHUTDOWN_GRACE_MS, PLANNER_DRAIN_DELAY_MS, PLANNER_METRICS_PORT and _HOST,
 * PLANNER_USAGE_FLUSH_MS, PLANNER_USAGE_BUFFER, PLANNER_DB_MAX_QUEUE and PLANNER_DB_MAX_WAIT_MS
 * (the database's admission queue), and the
 * signing-key timings (`signingKeyTimingsFromEnv`).
 */
export function configFromEnv(env: NodeJS.ProcessEnv): { options: PlatformOptions; server: ServerSettings } {
  const port = int('PORT', env.PORT, 4000);
  const host = env.HOST || '127.0.0.1';
  return {
    server: {
      port,
      host,
      shutdownGraceMs: int('PLANNER_SHUTDOWN_GRACE_MS', env.PLANNER_SHUTDOWN_GRACE_MS, 10_000),
      drainDelayMs: int('PLANNER_DRAIN_DELAY_MS', env.PLANNER_DRAIN_DELAY_MS, 0),
      metrics:
        env.PLANNER_METRICS_PORT === undefined || env.PLANNER_METRICS_PORT === ''
          ? undefined
          : {
              port: int('PLANNER_METRICS_PORT', env.PLANNER_METRICS_PORT, 0),
              host: env.PLANNER_METRICS_HOST || '127.0.0.1',
            },
    },
    options: {
      ...storageFromEnv(env),
      master: loadMasterKey(env),
      publicUrl: env.PLANNER_PUBLIC_URL || `http://${host}:${port}`,
      corsOrigins: (env.PLANNER_CORS_ORIGINS ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      maxTokenLifetime: int('PLANNER_MAX_TOKEN_LIFETIME', env.PLANNER_MAX_TOKEN_LIFETIME, 86_400),
      adminToken: adminTokenFromEnv(env),
      trustedProxies: trustedProxies(env.PLANNER_TRUST_PROXY),
      rateLimits: rateLimitsFromEnv(env),
      redisUrl: env.REDIS_URL || undefined,
      redisKeyPrefix: env.PLANNER_REDIS_KEY_PREFIX || undefined,
      ...(env.PLANNER_REVOCATION_POLL_MS
        ? { revocationPollMs: int('PLANNER_REVOCATION_POLL_MS', env.PLANNER_REVOCATION_POLL_MS, 0) }
        : {}),
      ...(env.PLANNER_OAUTH_GRANT_LIFETIME
        ? { oauthGrantLifetime: positive('PLANNER_OAUTH_GRANT_LIFETIME', env.PLANNER_OAUTH_GRANT_LIFETIME) }
        : {}),
      signingKeys: signingKeyTimingsFromEnv(env),
      dbAdmission: {
        ...(env.PLANNER_DB_MAX_QUEUE
          ? { maxQueue: int('PLANNER_DB_MAX_QUEUE', env.PLANNER_DB_MAX_QUEUE, 0) }
          : {}),
        ...(env.PLANNER_DB_MAX_WAIT_MS
          ? { maxWaitMs: positive('PLANNER_DB_MAX_WAIT_MS', env.PLANNER_DB_MAX_WAIT_MS) }
          : {}),
      },
      usage: {
        ...(env.PLANNER_USAGE_FLUSH_MS
          ? { flushIntervalMs: positive('PLANNER_USAGE_FLUSH_MS', env.PLANNER_USAGE_FLUSH_MS) }
          : {}),
        ...(env.PLANNER_USAGE_BUFFER
          ? { maxBuffered: positive('PLANNER_USAGE_BUFFER', env.PLANNER_USAGE_BUFFER) }
          : {}),
      },
    },
  };
}

/** The admin API's operator token: PLANNER_ADMIN_TOKEN, or the file PLANNER_ADMIN_TOKEN_FILE names. */
function adminTokenFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const text = env.PLANNER_ADMIN_TOKEN
    ? env.PLANNER_ADMIN_TOKEN
    : env.PLANNER_ADMIN_TOKEN_FILE
      ? readFileSync(env.PLANNER_ADMIN_TOKEN_FILE, 'utf8')
      : undefined;
  return text?.trim() || undefined;
}

/**
 * Signing-key timings, seconds: PLANNER_JWKS_MAX_AGE, PLANNER_KEY_ACTIVATION_DELAY,
 * PLANNER_RETIRED_KEY_WINDOW. The CLI reads the same, since a rotation stores its times.
 */
export function signingKeyTimingsFromEnv(env: NodeJS.ProcessEnv): Partial<KeyTimings> {
  const timings: Partial<KeyTimings> = {};
  const read = (name: string, field: 'jwksMaxAge' | 'activationDelay' | 'retiredWindow') => {
    if (env[name] !== undefined && env[name] !== '') timings[field] = int(name, env[name], 0);
  };
  read('PLANNER_JWKS_MAX_AGE', 'jwksMaxAge');
  read('PLANNER_KEY_ACTIVATION_DELAY', 'activationDelay');
  read('PLANNER_RETIRED_KEY_WINDOW', 'retiredWindow');
  return timings;
}
