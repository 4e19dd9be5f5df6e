/**
 * Every failure the api-client reports is an `ApiClientError` with a stable `code` from a
 * closed union: the code is the contract, the message is for people. Messages never contain
 * a token. The one exception is cancellation: an aborted call rejects with the signal's
 * reason (a `DOMException` named `AbortError` by default), exactly as `fetch` does.
 */

/** Mirrors the codes as values for JavaScript callers and `switch` statements. */
export const ErrorCode = {
  /** The host did not answer `TokenExpired` in time; every held call fails with this. */
  REFRESH_TIMEOUT: 'REFRESH_TIMEOUT',
  /** Too many refreshes in a short time (a host handing out bad tokens); the breaker is open. */
  REFRESH_LIMITED: 'REFRESH_LIMITED',
  /** The host said it could not get a token (`Error { code: 'token_unavailable' }`). */
  TOKEN_UNAVAILABLE: 'TOKEN_UNAVAILABLE',
  /** The platform refused the call again after it was replayed with a fresh token. */
  TOKEN_REJECTED: 'TOKEN_REJECTED',
  /** Too many calls pending; this one was refused at once. */
  QUEUE_FULL: 'QUEUE_FULL',
  /** The host logged the user out while the call was pending. */
  LOGGED_OUT: 'LOGGED_OUT',
  /** The call's deadline (waiting plus sending) passed. */
  DEADLINE_EXCEEDED: 'DEADLINE_EXCEEDED',
  /** The body cannot be sent twice (a stream), so the call is refused before it is sent. */
  BODY_NOT_REPLAYABLE: 'BODY_NOT_REPLAYABLE',
  /** `fetch` itself failed (offline, DNS, CORS). */
  NETWORK_ERROR: 'NETWORK_ERROR',
  /** The platform answered with an error status; see `status` and `platformError`. */
  HTTP_ERROR: 'HTTP_ERROR',
  /** 412: the project changed since it was read (its ETag no longer matches). */
  CONFLICT: 'CONFLICT',
  /** The platform's answer was not what the route promises (not JSON, no ETag). */
  INVALID_RESPONSE: 'INVALID_RESPONSE',
  /** The client was destroyed while the call was pending. */
  DESTROYED: 'DESTROYED',
} as const;

export type ApiClientErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ApiClientErrorOptions {
  cause?: unknown;
  /** HTTP status, for `HTTP_ERROR` and `CONFLICT`. */
  status?: number;
  /** The platform's machine-readable `error` code from the error body, when there was one. */
  platformError?: string;
}

export class ApiClientError extends Error {
  override readonly name = 'ApiClientError';
  readonly code: ApiClientErrorCode;
  readonly status: number | undefined;
  readonly platformError: string | undefined;

  constructor(code: ApiClientErrorCode, message: string, options: ApiClientErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.status = options.status;
    this.platformError = options.platformError;
  }
}

/** Type guard that also narrows on the code: `isApiClientError(e, 'CONFLICT')`. */
export function isApiClientError(error: unknown, code?: ApiClientErrorCode): error is ApiClientError {
  return error instanceof ApiClientError && (code === undefined || error.code === code);
}
