import { type AccessTokenClaims, isAccessTokenClaims } from '@planner/contract';

/**
 * Decodes (does not verify) the payload of one of the platform's access tokens. The planner
 * cannot check signatures (the platform does, on every call); it reads the claims only to
 * know when the token expires and which embed origins may hand it over. Anything that is
 * not a well-formed token of ours yields `undefined`, never an exception.
 */
export function decodeClaims(token: string): AccessTokenClaims | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const header = decodeSegment(parts[0]!);
  const payload = decodeSegment(parts[1]!);
  if (!isRecord(header) || !isRecord(payload)) return undefined;
  // RFC 9068 access tokens say so in `typ`; refusing other JWTs (ID tokens, client
  // assertions) keeps a confused host from handing us the wrong kind of credential.
  if (header.typ !== undefined && !/^(application\/)?at\+jwt$/i.test(String(header.typ))) return undefined;
  return isAccessTokenClaims(payload) ? payload : undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function decodeSegment(segment: string): unknown {
  try {
    const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}
