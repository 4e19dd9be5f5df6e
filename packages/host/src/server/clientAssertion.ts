import type { TokenKind } from '@planner/contract';
import { base64url, SignJWT } from 'jose';

/** RFC 7523 §2.2: how the request says it carries a JWT client assertion. */
export { CLIENT_ASSERTION_TYPE } from '@planner/contract';
/** Seconds an assertion is valid. The platform refuses more than 60; 30 allows for clock skew. */
export const ASSERTION_LIFETIME = 30;

/** The parameters of one token request, exactly as they are sent. */
export interface TokenParams {
  kind: TokenKind;
  user_id?: string | undefined;
  scope?: string | undefined;
  lifetime?: number | undefined;
}

/**
 * The `params_sha256` claim: base64url (unpadded) SHA-256 of the request's parameters, one per
 * line, an absent one as the empty string. It binds the assertion to this request, so an
 * intercepted assertion cannot be replayed to ask for something else (another user, write
 * scope, a longer lifetime).
 */
export async function paramsHash({ kind, user_id, scope, lifetime }: TokenParams): Promise<string> {
  const text = [kind, user_id ?? '', scope ?? '', lifetime === undefined ? '' : String(lifetime)].join('\n');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return base64url.encode(new Uint8Array(digest));
}

export interface AssertionInput {
  keyId: string;
  /** The secret key's UTF-8 bytes: the HMAC key. */
  key: Uint8Array;
  /** The exact token URL: the assertion is good for that endpoint only. */
  audience: string;
  params: TokenParams;
}

/**
 * An RFC 7523 `client_secret_jwt` assertion: HS256 over the secret key, issued by and about
 * the API key, for the token URL, short-lived and unique (`jti`), so the platform can refuse
 * a replay. The secret itself never travels.
 */
export async function signClientAssertion({ keyId, key, audience, params }: AssertionInput): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ params_sha256: await paramsHash(params) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(keyId)
    .setSubject(keyId)
    .setAudience(audience)
    .setJti(crypto.randomUUID())
    .setIssuedAt(now)
    .setExpirationTime(now + ASSERTION_LIFETIME)
    .sign(key);
}
