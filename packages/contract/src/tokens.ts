/** The planner's tokens from `POST /v1/tokens`: one for the legal entity, one for a logged-in user. */
export const TOKEN_KINDS = ['legal_entity', 'user'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

/**
 * Who a request can speak for: the planner's tokens, a back-end profile's tokens (`backend`)
 * and an OAuth consumer's (`oauth`).
 */
export const PRINCIPAL_KINDS = ['legal_entity', 'user', 'backend', 'oauth'] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

/** RFC 7523 §2.2: how a token request says it carries a JWT client assertion. */
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** `POST /v1/tokens` body. The client assertion authenticates the caller (RFC 7523). */
export interface TokenRequest {
  kind: TokenKind;
  /** Required for user tokens, refused otherwise. */
  user_id?: string;
  /** Defaults to `read`. */
  scope?: string;
  /** Seconds; defaults to the legal entity's default, bounded by the maximum. */
  lifetime?: number;
  client_assertion_type: typeof CLIENT_ASSERTION_TYPE;
  client_assertion: string;
}

export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
}

/** Claims of the platform's access tokens (RFC 9068 plus ours). */
export interface AccessTokenClaims {
  iss: string;
  aud: string;
  sub: string;
  client_id: string;
  iat: number;
  exp: number;
  jti: string;
  scope: string;
  /** Which kind of token this is. */
  kind: TokenKind;
  /** The legal entity the token acts for. */
  le: string;
  /** The host's own id for the user (user tokens only). */
  uid?: string;
  /** Embed origins registered for the legal entity: where the planner may accept it from. */
  origins: string[];
}

/**
 * Claims of a back-end profile's standard token (seed 000): the same RFC 9068 JWT, kind
 * `backend`, issued to the profile (`sub` = `client_id` = the profile id) with the
 * subscription's services as its scope. It lives 60 minutes and cannot be deactivated.
 */
export interface BackendTokenClaims {
  iss: string;
  aud: string;
  sub: string;
  client_id: string;
  iat: number;
  exp: number;
  jti: string;
  /** The back-end services it may call, e.g. `reporting messagebox`. */
  scope: string;
  kind: 'backend';
  le: string;
  /** The version of the profile's access key it was asked for with: it dies with that key. */
  akv?: number;
}

export const isTokenKind = (v: unknown): v is TokenKind => (TOKEN_KINDS as readonly unknown[]).includes(v);

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0;

const CLAIM_STRINGS = ['iss', 'aud', 'sub', 'client_id', 'jti', 'scope', 'le'] as const;

/**
 * True when `p` has the shape of {@link AccessTokenClaims} (and `exp` after `iat`). A shape
 * check only: it proves nothing about who signed the token.
 */
export function isAccessTokenClaims(p: unknown): p is AccessTokenClaims {
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return false;
  const c = p as Record<string, unknown>;
  return (
    CLAIM_STRINGS.every((key) => typeof c[key] === 'string') &&
    isTime(c.iat) &&
    isTime(c.exp) &&
    c.exp > c.iat &&
    isTokenKind(c.kind) &&
    (c.uid === undefined || typeof c.uid === 'string') &&
    Array.isArray(c.origins) &&
    c.origins.every((origin) => typeof origin === 'string')
  );
}
