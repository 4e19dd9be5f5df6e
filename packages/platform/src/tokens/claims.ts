import type { AccessTokenClaims, TokenKind } from '../schemas/tokens.ts';

export type { AccessTokenClaims, TokenKind };

/** Normalises a requested scope to `read` or `read write` (write implies read). */
export function normaliseScope(scope: string | undefined): 'read' | 'read write' {
  const parts = new Set((scope ?? 'read').split(' ').filter(Boolean));
  return parts.has('write') ? 'read write' : 'read';
}

export const hasScope = (claims: Pick<AccessTokenClaims, 'scope'>, needed: string): boolean =>
  claims.scope.split(' ').includes(needed);
