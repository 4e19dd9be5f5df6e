import {
  type AccessTokenClaims,
  canWrite,
  normaliseScope,
  hasScope as scopeHas,
  type TokenKind,
} from '@planner/contract';

export type { AccessTokenClaims, TokenKind };
export { canWrite, normaliseScope };

export const hasScope = (claims: Pick<AccessTokenClaims, 'scope'>, needed: string): boolean =>
  scopeHas(claims.scope, needed);
