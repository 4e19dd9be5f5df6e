/** Stable codes of errors raised inside the platform (not HTTP errors: see http/errors.ts). */
export type PlatformErrorCode =
  | 'invalid_master_key'
  | 'missing_master_key'
  | 'sealed_value_corrupt'
  | 'not_found'
  | 'invalid_argument'
  | 'conflict'
  | 'subscription_required'
  | 'catalog_invalid'
  | 'data_dir_damaged';

export class PlatformError extends Error {
  override readonly name = 'PlatformError';
  constructor(
    readonly code: PlatformErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
