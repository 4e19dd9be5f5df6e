import { describe, expect, it } from 'vitest';
import { ApiClientError, ErrorCode, isApiClientError } from './errors.ts';

describe('ApiClientError', () => {
  it('carries a stable code, its name, the cause and HTTP details', () => {
    const cause = new TypeError('Failed to fetch');
    const error = new ApiClientError('HTTP_ERROR', 'Not found.', {
      cause,
      status: 404,
      platformError: 'not_found',
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ApiClientError');
    expect(error.code).toBe(ErrorCode.HTTP_ERROR);
    expect(error.cause).toBe(cause);
    expect(error.status).toBe(404);
    expect(error.platformError).toBe('not_found');
    expect(String(error)).toBe('ApiClientError: Not found.');
  });

  it('narrows on the code', () => {
    const error: unknown = new ApiClientError('CONFLICT', 'Changed elsewhere.');
    expect(isApiClientError(error)).toBe(true);
    expect(isApiClientError(error, 'CONFLICT')).toBe(true);
    expect(isApiClientError(error, 'QUEUE_FULL')).toBe(false);
    expect(isApiClientError(new Error('x'))).toBe(false);
  });
});
