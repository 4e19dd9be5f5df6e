import { type ReasonCode, reasonText } from '../text/reason-text.ts';

/**
 * Reads an api-client error by its `code` (and `status`) without importing the class: the
 * UI stays decoupled from the client, and fakes in tests only need the same shape.
 */
export function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

export function errorStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' ? status : undefined;
}

export function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

/** Why a request failed, as a code the UI words (see `text/reason-text.ts`). */
export function reasonOf(error: unknown): ReasonCode {
  switch (errorCode(error)) {
    case 'NETWORK_ERROR':
      return 'NETWORK';
    case 'DEADLINE_EXCEEDED':
    case 'REFRESH_TIMEOUT':
      return 'TIMEOUT';
    case 'TOKEN_UNAVAILABLE':
    case 'TOKEN_REJECTED':
    case 'REFRESH_LIMITED':
      return 'SESSION_NOT_RENEWED';
    case 'LOGGED_OUT':
      return 'LOGGED_OUT';
    case 'QUEUE_FULL':
      return 'BUSY';
    case 'CONFLICT':
      return 'CHANGED_ELSEWHERE';
    case 'HTTP_ERROR': {
      const status = errorStatus(error);
      if (status === 404) return 'NOT_FOUND';
      if (status === 413) return 'TOO_LARGE';
      if (status === 403) return 'FORBIDDEN';
      if (status !== undefined && status >= 500) return 'SERVER';
      break;
    }
  }
  return 'UNKNOWN';
}

/** One short sentence saying what went wrong, for people. */
export function describeError(error: unknown): string {
  return reasonText(reasonOf(error));
}
