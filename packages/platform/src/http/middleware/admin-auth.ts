import { createMiddleware } from 'hono/factory';
import { clientGroup } from '../client-address.ts';
import type { AppEnv } from '../env.ts';
import { ApiError, invalidToken } from '../errors.ts';
import { underFailureLimits } from '../failure-limits.ts';
import { setResponseHeader } from '../response-headers.ts';
import { bearerTokenOf } from './bearer-auth.ts';

/**
 * The admin API's gate: `Authorization: Bearer <operator token>` (PLANNER_ADMIN_TOKEN).
 * Without a configured token the admin API does not exist on this instance: a 404 that says
 * so, rather than a login that can never succeed. Wrong tokens count per client address
 * (429 past the limit), so guessing is slow; the right token from an address that has not
 * guessed always passes.
 */
export const adminAuth = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    const { operator } = c.get('services');
    if (!operator) {
      throw new ApiError(
        404,
        'not_found',
        'The admin API is disabled on this instance: start the platform with PLANNER_ADMIN_TOKEN.',
      );
    }
    // No token at all is not a guess: only a wrong one counts.
    // An operator token is any 32+ non-space characters (OperatorToken), not only b64token ones.
    const token = bearerTokenOf(c.req.header('Authorization'), /^\S+$/);
    const valid = await underFailureLimits(
      [{ limiter: c.get('services').limiters.operatorFailures, key: clientGroup(c) }],
      async () => operator.matches(token) || undefined,
    );
    if (!valid) throw invalidToken('The admin API needs the operator token as a Bearer token.');
    await next();
    // Answers carry access keys and one-time secrets: never kept by a cache.
    setResponseHeader(c, 'Cache-Control', 'no-store');
  });
