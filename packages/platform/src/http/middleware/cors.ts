import type { MiddlewareHandler } from 'hono';
import { cors as honoCors } from 'hono/cors';
import { setResponseHeader } from '../response-headers.ts';

export interface CorsOptions {
  /** `*`, or the allowed origin for a request's `Origin` (null: not allowed). */
  origin: '*' | ((origin: string) => string | null);
  allowMethods: string[];
  allowHeaders?: string[];
  exposeHeaders?: string[];
  maxAge?: number;
}

/**
 * Hono's CORS, with the headers of an ordinary (not preflight) request set after the route
 * answered, on its response, in place. Hono's sets them on `c.res` before the route runs,
 * so the route's answer is then merged into that placeholder by copying it through its
 * body, and appends `Vary` with `c.header()` afterwards, a second copy: on
 * @hono/node-server each copy turns the written-at-once body into a web stream read
 * (issue 13). The same headers as Hono's, on every answer, errors included (they are set
 * after `next()`, which has turned any error below into a response by then). Preflights
 * are Hono's own.
 */
export function cors(options: CorsOptions): MiddlewareHandler {
  const preflight = honoCors(options);
  const allowOrigin = options.origin === '*' ? () => '*' : options.origin;
  const expose = options.exposeHeaders?.length ? options.exposeHeaders.join(',') : undefined;
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    await next();
    const allowed = allowOrigin(c.req.header('origin') || '');
    if (allowed) setResponseHeader(c, 'Access-Control-Allow-Origin', allowed);
    if (expose) setResponseHeader(c, 'Access-Control-Expose-Headers', expose);
    if (options.origin !== '*') setResponseHeader(c, 'Vary', 'Origin', true);
  };
}
