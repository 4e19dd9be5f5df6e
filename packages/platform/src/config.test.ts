import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config.ts';
import { generateMasterKey } from './crypto/master-key.ts';
import { PlatformError } from './errors.ts';

const options = (env: Record<string, string>) =>
  configFromEnv({ PLANNER_MASTER_KEY: generateMasterKey(), ...env }).options;

const refusal = (env: Record<string, string>): string | undefined => {
  try {
    options(env);
    return undefined;
  } catch (error) {
    return error instanceof PlatformError ? error.code : 'not a PlatformError';
  }
};

describe('configFromEnv: proxies, rate limits, OAuth grant lifetime', () => {
  it('defaults to no trusted proxy and the built-in limits', () => {
    const o = options({});
    expect(o.trustedProxies).toBe(0);
    expect(o.rateLimits).toEqual({});
    expect(o.oauthGrantLifetime).toBeUndefined();
  });

  it('reads the trusted proxy hop count; true is one proxy', () => {
    expect(options({ PLANNER_TRUST_PROXY: 'true' }).trustedProxies).toBe(1);
    expect(options({ PLANNER_TRUST_PROXY: '2' }).trustedProxies).toBe(2);
    expect(options({ PLANNER_TRUST_PROXY: 'false' }).trustedProxies).toBe(0);
    expect(refusal({ PLANNER_TRUST_PROXY: 'some' })).toBe('invalid_argument');
    expect(refusal({ PLANNER_TRUST_PROXY: '99' })).toBe('invalid_argument');
  });

  it('reads each rate limit as <attempts>/<seconds>', () => {
    const o = options({
      PLANNER_RATE_LIMIT_TOKEN_REQUESTS: '60/30',
      PLANNER_RATE_LIMIT_AUTH_FAILURES: '20/600',
      PLANNER_RATE_LIMIT_CONSUMER_FAILURES: '5/900',
      PLANNER_RATE_LIMIT_OPERATOR_FAILURES: '3/3600',
    });
    expect(o.rateLimits).toEqual({
      tokenRequests: { limit: 60, windowSeconds: 30 },
      authFailures: { limit: 20, windowSeconds: 600 },
      consumerFailures: { limit: 5, windowSeconds: 900 },
      operatorFailures: { limit: 3, windowSeconds: 3600 },
    });
    expect(refusal({ PLANNER_RATE_LIMIT_AUTH_FAILURES: '20' })).toBe('invalid_argument');
    expect(refusal({ PLANNER_RATE_LIMIT_AUTH_FAILURES: '0/60' })).toBe('invalid_argument');
  });

  it('reads the OAuth grant lifetime in seconds', () => {
    expect(options({ PLANNER_OAUTH_GRANT_LIFETIME: '86400' }).oauthGrantLifetime).toBe(86_400);
    expect(refusal({ PLANNER_OAUTH_GRANT_LIFETIME: '0' })).toBe('invalid_argument');
    expect(refusal({ PLANNER_OAUTH_GRANT_LIFETIME: 'long' })).toBe('invalid_argument');
  });

  it('reads the shared-state settings: Redis for the rate limits, the revocation poll', () => {
    const o = options({
      REDIS_URL: 'redis://127.0.0.1:6379/2',
      PLANNER_REDIS_KEY_PREFIX: 'shop-a:',
      PLANNER_REVOCATION_POLL_MS: '5000',
    });
    expect(o).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379/2',
      redisKeyPrefix: 'shop-a:',
      revocationPollMs: 5000,
    });
    expect(options({}).redisUrl).toBeUndefined();
    expect(options({}).revocationPollMs).toBeUndefined();
    expect(options({ PLANNER_REVOCATION_POLL_MS: '0' }).revocationPollMs).toBe(0);
    expect(refusal({ PLANNER_REVOCATION_POLL_MS: 'often' })).toBe('invalid_argument');
  });
});
