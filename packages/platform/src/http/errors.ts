import type { ApiErrorCode } from '@planner/contract';

export type { ApiErrorCode };

/**
 * An error that becomes an HTTP response: `{ error, error_description }` with `status`.
 * The description is for people and never contains a token or a secret.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    readonly description: string,
    readonly headers: Record<string, string> = {},
    options?: { cause?: unknown; unapplied?: boolean },
  ) {
    super(description, options);
    this.unapplied = options?.unapplied ?? false;
  }

  /**
   * Refused before the operation ran (the request failed validation): nothing was applied,
   * so an Idempotency-Key is not spent on it and the corrected request may reuse it.
   */
  readonly unapplied: boolean;
}

const bearer = (code: string, description: string) =>
  `Bearer realm="planner", error="${code}", error_description="${description.replace(/["\\]/g, '')}"`;

/** RFC 6750 §3.1: the token is missing, expired, revoked, malformed or not ours. */
export const invalidToken = (description: string) =>
  new ApiError(401, 'invalid_token', description, {
    'WWW-Authenticate': bearer('invalid_token', description),
  });

/** RFC 6750 §3.1: the token is valid but lacks the scope this request needs. */
export const insufficientScope = (scope: string, description: string) =>
  new ApiError(403, 'insufficient_scope', description, {
    'WWW-Authenticate': `${bearer('insufficient_scope', description)}, scope="${scope}"`,
  });

/**
 * RFC 6750 §3.1: no credentials at all (or another scheme): a bare challenge, with no error
 * code in it. The body keeps the stable code every refusal has.
 */
export const missingToken = (description: string) =>
  new ApiError(401, 'invalid_token', description, { 'WWW-Authenticate': 'Bearer realm="planner"' });

/** RFC 6750 §3.1: the Authorization header is malformed (not one b64token): 400. */
export const malformedAuthorization = (description: string) =>
  new ApiError(400, 'invalid_request', description, {
    'WWW-Authenticate': bearer('invalid_request', description),
  });

export const notFound = (what = 'Not found.') => new ApiError(404, 'not_found', what);
export const invalidRequest = (description: string) => new ApiError(400, 'invalid_request', description);
/** A request that failed validation before anything ran: see {@link ApiError.unapplied}. */
export const invalidInput = (description: string) =>
  new ApiError(400, 'invalid_request', description, {}, { unapplied: true });

/**
 * 503 `overloaded`: more work is waiting than this instance takes on (a bounded queue is
 * full, or a wait passed its deadline). Retry-After says when to come again.
 */
export const overloaded = (description: string, retryAfterSeconds = 1) =>
  new ApiError(503, 'overloaded', description, { 'Retry-After': String(retryAfterSeconds) });
