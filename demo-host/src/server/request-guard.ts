import type { Context, MiddlewareHandler } from 'hono';

/**
 * Every state-changing request (any method but GET, HEAD, OPTIONS) must come from the shop's
 * own page: an `Origin` header naming the shop's public origin exactly, and a JSON body.
 *
 * Why both: a cross-site page can make a browser POST to the shop with the shopper's cookies
 * (a form, or `fetch` with `mode: 'no-cors'`), but only with a "simple" content type, so
 * requiring `application/json` alone already forces a CORS preflight the shop never answers.
 * The Origin check is the second lock: browsers send `Origin` on every POST, same-origin or
 * not, so a state-changing request without one did not come from a browser page of this shop
 * and is refused (403) as well. (Login CSRF, logging a shopper into the attacker's account so
 * their designs land there, is the attack both stop.)
 *
 * The Origin is checked first: a foreign page learns nothing more than 403 whatever it sends.
 */
export const SHOP_REQUEST_ERRORS = {
  origin: 'origin_not_allowed',
  contentType: 'unsupported_media_type',
} as const;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sameOriginJson(shopOrigin: string): MiddlewareHandler {
  const expected = new URL(shopOrigin).origin;
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    if (c.req.header('Origin') !== expected) {
      return refuse(c, 403, SHOP_REQUEST_ERRORS.origin, 'This request must come from the shop’s own page.');
    }
    if (mediaType(c.req.header('Content-Type')) !== 'application/json') {
      return refuse(c, 415, SHOP_REQUEST_ERRORS.contentType, 'Send the request body as application/json.');
    }
    return next();
  };
}

/** `application/json; charset=utf-8` → `application/json`. */
function mediaType(header: string | undefined): string | undefined {
  return header?.split(';', 1)[0]?.trim().toLowerCase();
}

function refuse(c: Context, status: 403 | 415, error: string, description: string): Response {
  c.header('Cache-Control', 'no-store');
  return c.json({ error, error_description: description }, status);
}
