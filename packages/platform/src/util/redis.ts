import { Redis } from 'ioredis';
import { describePgError } from '../db/pg-listener.ts';
import type { Logger } from './log.ts';

/**
 * An ioredis client for the shared rate limits (`REDIS_URL`). Connected before the platform
 * starts, so that a wrong URL fails start-up instead of quietly leaving every instance on
 * its own limits; later outages are logged once each and reconnected by ioredis, and the
 * limits fall back to memory meanwhile (`RateLimitStore`).
 */
export async function openRedis(url: string, log: Logger): Promise<Redis> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
  let up = false;
  // Without an 'error' listener ioredis prints every failed reconnect; the URL is never logged.
  client.on('error', (error) => {
    if (!up) return;
    up = false;
    log.warn('redis.lost', { error: describePgError(error), limits: 'per instance until it is back' });
  });
  client.on('ready', () => {
    if (up) return;
    up = true;
    log.info('redis.ready', {});
  });
  await client.connect();
  return client;
}
