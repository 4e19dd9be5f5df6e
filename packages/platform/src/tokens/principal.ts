import type { AccessTokenClaims, BackendTokenClaims, PrincipalKind } from '@planner/contract';

/**
 * Who a request speaks for, whatever the bearer token was:
 * - `legal_entity`, `user`: the planner's JWTs from `POST /v1/tokens`;
 * - `backend`: a back-end profile's standard token (a JWT) or static token (opaque);
 * - `oauth`: an OAuth consumer's access token (opaque), acting as the consumer's user.
 */
export { PRINCIPAL_KINDS, type PrincipalKind } from '@planner/contract';

/** Which credential was presented. */
export type CredentialKind = 'access_token' | 'standard_token' | 'static_token' | 'oauth_token';

export interface Principal {
  kind: PrincipalKind;
  credential: CredentialKind;
  /** The legal entity it acts for. */
  le: string;
  /** User tokens and OAuth: the internal user id; legal entity: its id; back-end: the profile id. */
  sub: string;
  /** The host's id for the user (user and OAuth tokens). */
  uid?: string;
  /** The API key, back-end profile or consumer key the token was issued to. */
  clientId: string;
  /** `read` / `read write`, or for back-ends the services it may call. */
  scope: string;
  /** Epoch seconds; null for a static token, which never expires. */
  exp: number | null;
  /** A non-secret id of the token, for logs (jti, or the stored token's id). */
  tokenId: string;
}

export function principalFromJwt(claims: AccessTokenClaims | BackendTokenClaims): Principal {
  const base = {
    le: claims.le,
    sub: claims.sub,
    clientId: claims.client_id,
    scope: claims.scope,
    exp: claims.exp,
    tokenId: claims.jti,
  };
  if (claims.kind === 'backend') return { ...base, kind: 'backend', credential: 'standard_token' };
  return {
    ...base,
    kind: claims.kind,
    credential: 'access_token',
    ...(claims.uid === undefined ? {} : { uid: claims.uid }),
  };
}

export const principalHasScope = (principal: Pick<Principal, 'scope'>, needed: string): boolean =>
  principal.scope.split(' ').includes(needed);
