import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { AppEnv } from './env.ts';

/**
 * The caller's address, for rate limits. Behind a trusted reverse proxy (`trustProxy`), the
 * last `X-Forwarded-For` entry: the one the proxy itself added, which the caller cannot
 * forge. Without a socket (`app.request()` in tests) there is no address to tell.
 */
export function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
