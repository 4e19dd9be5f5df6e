/** Stable `error` codes of the platform's HTTP error bodies. The code is the contract, not the text. */
export const API_ERROR_CODES = [
  // RFC 6750 (protected resources)
  'invalid_token',
  'insufficient_scope',
  // RFC 6749 §5.2 (token endpoint)
  'invalid_request',
  'invalid_client',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'invalid_scope',
  // RFC 7009 §2.2.1 (revocation)
  'unsupported_token_type',
  // Ours
  'not_found',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'precondition_failed',
  'precondition_required',
  'idempotency_key_reused',
  'idempotency_key_invalid',
  'rate_limited',
  // 503 with Retry-After: the platform is past what it can hold at once (a queue is full or
  // its wait passed its deadline); nothing was done, the same request may come again later.
  'overloaded',
  // 499: the client went away while its request waited; nobody reads it (logs and metrics do)
  'client_gone',
  'conflict',
  'subscription_required',
  'catalog_invalid',
  'server_error',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Every error body: a stable machine-readable code plus a sentence for people. */
export interface ErrorBody {
  error: string;
  error_description: string;
}

/** True for a code of {@link API_ERROR_CODES}; anything else (another server, a proxy) is not ours. */
export const isApiErrorCode = (v: unknown): v is ApiErrorCode =>
  typeof v === 'string' && (API_ERROR_CODES as readonly string[]).includes(v);
