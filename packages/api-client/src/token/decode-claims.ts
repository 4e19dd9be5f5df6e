import type { AccessTokenClaims, TokenKind } from '@planner/platform/schemas';

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
  return isClaims(payload) ? payload : undefined;
}

const KINDS: readonly TokenKind[] = ['legal_entity', 'user'];

function isClaims(p: Record<string, unknown>): p is Record<string, unknown> & AccessTokenClaims {
  const strings = ['iss', 'aud', 'sub', 'client_id', 'jti', 'scope', 'le'] as const;
  return (
    strings.every((key) => typeof p[key] === 'string') &&
    isTime(p.iat) &&
    isTime(p.exp) &&
    (p.exp as number) > (p.iat as number) &&
    KINDS.includes(p.kind as TokenKind) &&
    (p.uid === undefined || typeof p.uid === 'string') &&
    Array.isArray(p.origins) &&
    p.origins.every((origin) => typeof origin === 'string')
  );
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

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
