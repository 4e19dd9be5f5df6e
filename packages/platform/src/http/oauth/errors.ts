import { ApiError, type ApiErrorCode } from '../errors.ts';

/** RFC 6749 §5.1: token answers, errors included, are never cached. */
export const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' } as const;

/** An RFC 6749 §5.2 error answer (`{ error, error_description }`, no-store). */
export const oauthError = (
  status: 400 | 401 | 405 | 413,
  code: ApiErrorCode,
  description: string,
  headers: Record<string, string> = {},
) => new ApiError(status, code, description, { ...NO_STORE, ...headers });

/**
 * `invalid_client`: 401, and when the client tried HTTP Basic, the challenge it must get
 * back (RFC 6749 §5.2).
 */
export const invalidClient = (description: string, basic = true) =>
  oauthError(
    401,
    'invalid_client',
    description,
    basic ? { 'WWW-Authenticate': 'Basic realm="planner"' } : {},
  );

export const tooManyRequests = (retryAfter: number) =>
  new ApiError(429, 'rate_limited', `Too many attempts: try again in ${retryAfter} s.`, {
    ...NO_STORE,
    'Retry-After': String(retryAfter),
  });

/**
 * A form body past the limit: 413, with RFC 6749 §5.2's `invalid_request` (an OAuth client
 * understands only the registered codes). The connection is closed: its unread rest is junk.
 */
export const oauthBodyTooLarge = (maxBytes: number) =>
  oauthError(413, 'invalid_request', `The request body exceeds ${maxBytes} bytes.`, { Connection: 'close' });
