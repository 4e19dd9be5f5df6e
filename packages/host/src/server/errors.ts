/**
 * Every failure of the token client carries one of these codes; switch on it. Messages name
 * what went wrong and never contain the secret key, a client assertion or a token.
 */
export type TokenClientErrorCode =
  /** `createTokenClient` or a call got a missing or malformed option (thrown before any request). */
  | 'INVALID_OPTIONS'
  /** The platform could not be reached (DNS, connection refused, TLS…); see `cause`. */
  | 'NETWORK_ERROR'
  /** The platform did not answer within `timeout`. */
  | 'TIMEOUT'
  /** The platform refused the request: see `status`, and `platformError` (its `error` code). */
  | 'PLATFORM_ERROR'
  /** The platform answered 2xx, but not with a token response. */
  | 'INVALID_RESPONSE';

export interface TokenClientErrorDetails {
  cause?: unknown;
  /** The HTTP status of the platform's answer. */
  status?: number | undefined;
  /** The platform's `error` code (`invalid_client`, `invalid_request`, …), when it sent one. */
  platformError?: string | undefined;
  /** The platform's `error_description`, when it sent one. */
  description?: string | undefined;
}

export class TokenClientError extends Error {
  readonly code: TokenClientErrorCode;
  readonly status: number | undefined;
  readonly platformError: string | undefined;
  readonly description: string | undefined;

  constructor(code: TokenClientErrorCode, message: string, details: TokenClientErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'TokenClientError';
    this.code = code;
    this.status = details.status;
    this.platformError = details.platformError;
    this.description = details.description;
  }
}
