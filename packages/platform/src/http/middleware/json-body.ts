import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../errors.ts';
import { limitBody } from './body-limit.ts';

/**
 * `413 payload_too_large`. The unread rest of the body makes the connection unusable: say
 * so, so the client reads this answer instead of failing on a reset socket.
 */
export const payloadTooLarge = (maxBytes: number) =>
  new ApiError(413, 'payload_too_large', `The request body exceeds ${maxBytes} bytes.`, {
    Connection: 'close',
  });

/**
 * Write bodies are JSON and bounded: anything else is refused before parsing, so a wrong
 * content type is a clear 415 rather than a silently empty body.
 */
export const jsonBody = (maxBytes: number) => {
  const limit = limitBody(maxBytes, payloadTooLarge);
  return createMiddleware<AppEnv>(async (c, next) => {
    const type = c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();
    if (type !== 'application/json') {
      throw new ApiError(415, 'unsupported_media_type', 'The request body must be application/json.');
    }
    return limit(c, next);
  });
};
