import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ApiError } from '../errors.ts';

/**
 * Bounds the request body at `maxBytes`, whatever its framing. Hono's body limit refuses a
 * too-long `Content-Length` before reading anything and counts the bytes of a chunked body
 * as they arrive, stopping at the limit; either way the body is never held past `maxBytes`.
 * Later readers (the route's parser, the idempotency middleware's clone) see the bounded
 * copy, so one limit here covers every read.
 */
export const limitBody = (maxBytes: number, tooLarge: (maxBytes: number) => ApiError): MiddlewareHandler =>
  bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge(maxBytes);
    },
  });
