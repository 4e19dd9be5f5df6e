import { PlatformError } from '../errors.ts';

/**
 * Normalises an embed origin to `scheme://host[:port]`, the exact form a browser puts in
 * `MessageEvent.origin`, so comparisons in the planner are plain string equality.
 */
export function normaliseOrigin(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new PlatformError('invalid_argument', `Not an origin: ${JSON.stringify(input)}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new PlatformError('invalid_argument', 'An embed origin must be http: or https:.');
  }
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new PlatformError(
      'invalid_argument',
      `An origin has no path, query or credentials: ${url.origin}.`,
    );
  }
  return url.origin;
}
