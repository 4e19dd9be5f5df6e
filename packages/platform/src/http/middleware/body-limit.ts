import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ApiError } from '../errors.ts';

/**
 * Bounds the request body at `maxBytes`, whatever its framing. A too-long `Content-Length`
 * is refused before anything is read (Node's parser never delivers more bytes than it
 * says); a body without one (chunked) goes through Hono's body limit, which counts the
 * bytes as they arrive and stops at the limit. Either way the body is never held past
 * `maxBytes`, and later readers (the route's parser, the idempotency middleware's clone)
 * see the bounded body, so one limit here covers every read.
 *
 * The length check is ours, not Hono's, because Hono's looks at `c.req.raw.body` first: on
 * @hono/node-server that turns the lightweight request into a full `Request` with an
 * AbortController and a web stream over the socket, on every request, GETs included, and
 * the route's `c.req.json()` then reads that stream instead of the socket (issue 13).
 * GET and HEAD carry no body a handler could read (node-server never passes one on).
 */
export const limitBody = (maxBytes: number, tooLarge: (maxBytes: number) => ApiError): MiddlewareHandler => {
  const counted = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge(maxBytes);
    },
  });
  return (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('Content-Length');
    if (length !== undefined && c.req.header('Transfer-Encoding') === undefined) {
      // What Hono's check does with it (parseInt: "12abc" is 12; Node refuses malformed ones).
      if (Number.parseInt(length || '0', 10) > maxBytes) throw tooLarge(maxBytes);
      return next();
    }
    return counted(c, next);
  };
};
