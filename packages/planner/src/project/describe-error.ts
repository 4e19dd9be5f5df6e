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

/** One short sentence saying what went wrong, for people. */
export function describeError(error: unknown): string {
  switch (errorCode(error)) {
    case 'NETWORK_ERROR':
      return 'The server could not be reached.';
    case 'DEADLINE_EXCEEDED':
    case 'REFRESH_TIMEOUT':
      return 'The server took too long to answer.';
    case 'TOKEN_UNAVAILABLE':
    case 'TOKEN_REJECTED':
    case 'REFRESH_LIMITED':
      return 'Your session with the shop could not be renewed.';
    case 'LOGGED_OUT':
      return 'You were logged out on the shop.';
    case 'QUEUE_FULL':
      return 'Too many requests at once; please try again.';
    case 'CONFLICT':
      return 'This project was changed somewhere else.';
    case 'HTTP_ERROR': {
      const status = errorStatus(error);
      if (status === 404) return 'The project no longer exists.';
      if (status === 413) return 'The project is too large to save.';
      if (status === 403) return 'Your session is not allowed to do that.';
      if (status !== undefined && status >= 500) return 'The server had a problem; please try again.';
      break;
    }
  }
  const message = error instanceof Error ? error.message : '';
  return message || 'Something went wrong.';
}
