import type { Context } from 'hono';
import { findConsumer, type OAuthConsumerCredential, secretMatches } from '../../oauth/consumers.ts';
import { clientGroup } from '../client-address.ts';
import type { AppEnv } from '../env.ts';
import { underFailureLimits } from '../failure-limits.ts';

/**
 * The consumer that `consumerKey` and `secret` authenticate, or undefined: an unknown key, a
 * wrong secret and a revoked consumer alike, so nothing can be probed. Failures count per
 * consumer and address and per address (429 past either limit); a right secret from an
 * address that has not failed always passes.
 */
export function verifyConsumer(
  c: Context<AppEnv>,
  consumerKey: string,
  secret: string,
): Promise<OAuthConsumerCredential | undefined> {
  const services = c.get('services');
  const group = clientGroup(c);
  return underFailureLimits(
    [
      { limiter: services.limiters.authFailures, key: group },
      // The key is the caller's to choose: bounded, so a long one costs no memory.
      { limiter: services.limiters.consumerFailures, key: `${consumerKey.slice(0, 100)} ${group}` },
    ],
    async () => {
      const consumer = await findConsumer(services.db, consumerKey);
      return consumer && !consumer.revokedAt && secretMatches(consumer, secret) ? consumer : undefined;
    },
  );
}
