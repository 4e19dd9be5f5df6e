import { KeyObject, randomUUID, sign } from 'node:crypto';
import { decodeProtectedHeader, errors, jwtVerify } from 'jose';
import { sha256 } from '../crypto/random.ts';
import { invalidToken } from '../http/errors.ts';
import type { AccessTokenClaims, BackendTokenClaims, TokenKind } from '../schemas/tokens.ts';
import { type Invalidations, RevocableCache } from '../util/revocable-cache.ts';
import type { ApiKeyDirectory } from './api-key-directory.ts';
import { revocationTag } from './revocation-events.ts';
import { SIGNING_ALG, type SigningKeys } from './signing-keys.ts';

export interface IssueInput {
  kind: TokenKind;
  legalEntityId: string;
  apiKeyId: string;
  /** Internal user id (user tokens). */
  userId?: string;
  /** The host's id for the user (user tokens). */
  externalUserId?: string;
  scope: string;
  lifetime: number;
  origins: string[];
}

const MAX_TOKEN_LENGTH = 8192;

/** Seed 000: a back-end's standard token is valid for 60 minutes from issue. */
export const STANDARD_TOKEN_LIFETIME = 3600;

export type VerifiedClaims = AccessTokenClaims | BackendTokenClaims;

/** How far ahead of ours an issuing instance's clock may be. */
const MAX_CLOCK_SKEW_S = 60;
/** Longer than any lifetime the platform issues (at most a configured day or so): a sanity bound. */
const MAX_LIFETIME_BOUND_S = 366 * 86_400;

/**
 * Each segment exactly as base64url writes it. A decoder ignores the unused low bits of the
 * last character, so without this one token has several spellings that all verify (found
 * by the forgery suite: the signature's last character changed, still accepted).
 */
const isCanonical = (token: string): boolean =>
  token
    .split('.')
    .every(
      (segment) =>
        /^[\w-]*$/.test(segment) && Buffer.from(segment, 'base64url').toString('base64url') === segment,
    );

const nodeKeys = new WeakMap<object, KeyObject>();
/** The signing key as a node:crypto KeyObject, made once per opened key. */
function nodeKey(key: CryptoKey | KeyObject | Uint8Array): KeyObject {
  if (key instanceof KeyObject) return key;
  if (key instanceof Uint8Array) throw new TypeError('An ES256 signing key is not raw bytes.');
  let found = nodeKeys.get(key);
  if (!found) {
    found = KeyObject.from(key);
    // jose checked this: node:crypto would sign "ES256" with any EC curve or an RSA key.
    if (found.asymmetricKeyType !== 'ec' || found.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new TypeError('The signing key is not an ECDSA P-256 key.');
    }
    nodeKeys.set(key, found);
  }
  return found;
}

/** Every verified token's tag: a signing key that stops being accepted kills them all. */
const SIGNING_KEY_DROPPED = 'signing_key:dropped';

/** What revokes a verified token: its API key or its back-end profile, and its signing key. */
const tagsOf = (claims: VerifiedClaims): string[] => [
  claims.kind === 'backend'
    ? revocationTag('backend_profile', claims.client_id)
    : revocationTag('api_key', claims.client_id),
  SIGNING_KEY_DROPPED,
];

/**
 * Issues and verifies the platform's access tokens (RFC 9068 JWTs). Verification is
 * cached by a hash of the token because an ES256 check costs ~100 µs and the planner sends
 * many calls per token: at most 60 s, never past its `exp`, dead the moment its API key is
 * revoked, and never written by a verification whose API-key read started before a
 * revocation (`RevocableCache`), so a slow read cannot resurrect a revoked token.
 */
export class AccessTokens {
  readonly #verified: RevocableCache<VerifiedClaims>;
  readonly #invalidations: Invalidations;
  private readonly now: () => number;
  /** Told of every verified-token cache lookup (the metrics' hits and misses). */
  onCacheLookup: (hit: boolean) => void = () => {};

  constructor(
    private readonly keys: SigningKeys,
    private readonly apiKeys: ApiKeyDirectory,
    readonly issuer: string,
    readonly audience: string,
    invalidations: Invalidations,
    cacheSize = 50_000,
  ) {
    this.now = invalidations.now;
    this.#invalidations = invalidations;
    this.#verified = new RevocableCache(invalidations, cacheSize);
  }

  async issue(input: IssueInput): Promise<{ token: string; claims: AccessTokenClaims }> {
    const iat = Math.floor(this.now() / 1000);
    const claims: AccessTokenClaims = {
      iss: this.issuer,
      aud: this.audience,
      sub: input.userId ?? input.legalEntityId,
      client_id: input.apiKeyId,
      iat,
      exp: iat + input.lifetime,
      jti: randomUUID(),
      scope: input.scope,
      kind: input.kind,
      le: input.legalEntityId,
      ...(input.externalUserId ? { uid: input.externalUserId } : {}),
      origins: input.origins,
    };
    const token = await this.#sign({ ...claims });
    return { token, claims };
  }

  /**
   * A back-end profile's standard token (seed 000): 60 minutes, the services as its scope.
   * Nothing is stored, so nothing can deactivate it: it simply expires.
   */
  async issueBackend(input: {
    profileId: string;
    legalEntityId: string;
    services: readonly string[];
    /** The access key's version (`akv`), so that rotating the key ends the token. */
    keyVersion: number;
  }): Promise<{ token: string; claims: BackendTokenClaims }> {
    const iat = Math.floor(this.now() / 1000);
    const claims: BackendTokenClaims = {
      iss: this.issuer,
      aud: this.audience,
      sub: input.profileId,
      client_id: input.profileId,
      iat,
      exp: iat + STANDARD_TOKEN_LIFETIME,
      jti: randomUUID(),
      scope: input.services.join(' '),
      kind: 'backend',
      le: input.legalEntityId,
      akv: input.keyVersion,
    };
    return { token: await this.#sign({ ...claims }), claims };
  }

  /**
   * A compact JWS exactly as jose's `SignJWT` writes it (the same header and claim JSON),
   * signed by node:crypto in the calling thread: through WebCrypto the job dispatch cost more
   * CPU than the ECDSA signature itself (issue 13's profile). Verification stays jose's.
   */
  async #sign(claims: Record<string, unknown>): Promise<string> {
    const { kid, privateKey } = await this.keys.current();
    const head = Buffer.from(JSON.stringify({ alg: SIGNING_ALG, typ: 'at+jwt', kid })).toString('base64url');
    const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
    const signature = sign('sha256', Buffer.from(`${head}.${body}`), {
      key: nodeKey(privateKey),
      dsaEncoding: 'ieee-p1363',
    });
    return `${head}.${body}.${signature.toString('base64url')}`;
  }

  /** Verifies a bearer token; throws an RFC 6750 `invalid_token` ApiError otherwise. */
  async verify(token: string): Promise<VerifiedClaims> {
    if (token.length > MAX_TOKEN_LENGTH || token.split('.').length !== 3 || !isCanonical(token)) {
      throw invalidToken('The access token is malformed.');
    }
    // A signing key whose window just ended empties the cache before this lookup.
    this.keys.checkWindows();
    const cacheKey = sha256(token);
    const cached = this.#verified.get(cacheKey);
    this.onCacheLookup(cached !== undefined);
    if (cached) return cached;

    // Taken before anything the answer depends on is read: a revocation announced while
    // the API key is being read makes the write below a no-op.
    const ticket = this.#verified.ticket();
    const claims = await this.#verifySignatureAndClaims(token);
    if (claims.kind !== 'backend') {
      const apiKey = await this.apiKeys.get(claims.client_id);
      if (!apiKey || apiKey.revokedAt || apiKey.legalEntityId !== claims.le) {
        throw invalidToken('The access token was revoked.');
      }
    }
    this.#verified.set(ticket, cacheKey, claims, { tags: tagsOf(claims), notAfter: claims.exp * 1000 });
    return claims;
  }

  /** Drops every cached verification: a signing key stopped being accepted. */
  forgetVerified(): void {
    this.#invalidations.invalidate(SIGNING_KEY_DROPPED);
  }

  async #verifySignatureAndClaims(token: string): Promise<VerifiedClaims> {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      throw invalidToken('The access token is malformed.');
    }
    // Only our algorithm: refuses `alg: none` and HS256-signed-with-the-public-key forgeries
    // before any key is even looked up.
    if (header.alg !== SIGNING_ALG) throw invalidToken('The access token is not signed by this platform.');
    if (typeof header.kid !== 'string') throw invalidToken('The access token has no key id.');
    const key = await this.keys.publicKey(header.kid);
    if (!key) throw invalidToken('The access token is signed with an unknown key.');
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, key, {
        algorithms: [SIGNING_ALG],
        issuer: this.issuer,
        audience: this.audience,
        typ: 'at+jwt',
        currentDate: new Date(this.now()),
        requiredClaims: ['iss', 'aud', 'sub', 'exp', 'iat', 'jti', 'client_id', 'scope', 'kind', 'le'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired) throw invalidToken('The access token expired.');
      if (error instanceof errors.JWTClaimValidationFailed) {
        const reason =
          error.claim === 'aud'
            ? 'The access token is not meant for this API.'
            : error.claim === 'iss'
              ? 'The access token was not issued by this platform.'
              : 'The access token is invalid.';
        throw invalidToken(reason);
      }
      throw invalidToken('The access token signature is invalid.');
    }
    // jose checks exp and nbf but not these (found by the forgery suite, with tokens signed by
    // our own key): an iat from the future, or an exp past any date (`/v1/me` answered 500
    // on exp 1e308), is no token this platform issued.
    const nowS = this.now() / 1000;
    const { iat, exp } = payload;
    if (
      typeof iat !== 'number' ||
      typeof exp !== 'number' ||
      iat > nowS + MAX_CLOCK_SKEW_S ||
      !Number.isSafeInteger(exp) ||
      exp - iat > MAX_LIFETIME_BOUND_S
    ) {
      throw invalidToken('The access token is invalid.');
    }
    // Each kind has its own claims: the planner's tokens name their embed origins, a
    // back-end's standard token is issued to a profile.
    if (payload.kind === 'backend') {
      // A standard token is the profile's own: client_id and sub name it both (a token that
      // names another client was not issued here; found by the forgery suite).
      if (
        typeof payload.client_id !== 'string' ||
        !payload.client_id.startsWith('bp_') ||
        payload.client_id !== payload.sub
      ) {
        throw invalidToken('The access token is invalid.');
      }
      return payload as unknown as BackendTokenClaims;
    }
    if ((payload.kind === 'legal_entity' || payload.kind === 'user') && Array.isArray(payload.origins)) {
      return payload as unknown as AccessTokenClaims;
    }
    throw invalidToken('The access token is invalid.');
  }
}
