import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { oauthError } from './errors.ts';

/**
 * The OAuth endpoints take POST only (RFC 6749 §3.2, RFC 7009 §2.1, RFC 7662 §2.1). Any other
 * method gets a 405 that an OAuth client can read: `invalid_request`, not a bare 404.
 */
export function postOnly(app: OpenAPIHono<AppEnv>, path: string): void {
  app.on(['GET', 'PUT', 'PATCH', 'DELETE'], path, () => {
    throw oauthError(
      405,
      'invalid_request',
      `${path} takes POST with an application/x-www-form-urlencoded body.`,
      {
        Allow: 'POST',
      },
    );
  });
}
