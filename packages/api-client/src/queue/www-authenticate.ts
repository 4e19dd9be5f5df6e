/**
 * Tells a refused token apart from other 401s. RFC 6750 §3.1: an expired or invalid token is
 * answered `401` with `WWW-Authenticate: Bearer error="invalid_token"`; a 401 without that
 * code (a malformed request, a missing header) is not something a new token would fix.
 *
 * Cross-origin, `WWW-Authenticate` is readable only when the platform lists it in
 * `Access-Control-Expose-Headers`. When the header is absent we fall back to the error body,
 * `{ "error": "invalid_token" }`, which every platform error carries.
 */
export async function isInvalidTokenResponse(response: Response): Promise<boolean> {
  if (response.status !== 401) return false;
  const header = response.headers.get('WWW-Authenticate');
  if (header !== null) return bearerError(header) === 'invalid_token';
  try {
    const body: unknown = await response.clone().json();
    return (
      typeof body === 'object' && body !== null && (body as { error?: unknown }).error === 'invalid_token'
    );
  } catch {
    return false;
  }
}

// RFC 9110 §11.6.1: challenges are `scheme [token68 | #auth-param]`, comma-separated, and
// auth-param values are tokens or quoted strings.
const TCHAR = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const ITEM = new RegExp(`(${TCHAR})(?:\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|(${TCHAR})))?`, 'g');

/** The `error` auth-param of the `Bearer` challenge in a `WWW-Authenticate` value. */
export function bearerError(header: string): string | undefined {
  let scheme: string | undefined;
  for (const [, name, quoted, bare] of header.matchAll(ITEM)) {
    if (quoted === undefined && bare === undefined) {
      // A name without a value starts a new challenge.
      scheme = name!.toLowerCase();
    } else if (scheme === 'bearer' && name!.toLowerCase() === 'error') {
      return quoted !== undefined ? quoted.replace(/\\(.)/g, '$1') : bare;
    }
  }
  return undefined;
}
