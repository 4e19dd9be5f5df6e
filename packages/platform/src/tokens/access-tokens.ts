import { randomUUID } from 'node:crypto';
import { decodeProtectedHeader, errors, jwtVerify, SignJWT } from 'jose';
import { sha256 } from '../crypto/random.ts';
import { invalidToken } from '../http/errors.ts';
import type { AccessTokenClaims, TokenKind } from '../schemas/tokens.ts';
import { LruCache } from '../util/lru-cache.ts';
import type { ApiKeyDirectory } from './api-key-directory.ts';
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

/**
 * Issues and verifies the platform's access tokens (RFC 9068 JWTs). Verification is
 * cached by a hash of the token — never past its `exp`, dropped when its API key is
 * revoked — because an ES256 check costs ~100 µs and the planner sends many calls per token.
 */
export class AccessTokens {
  readonly #verified: LruCache<string, AccessTokenClaims>;

  constructor(
    private readonly keys: SigningKeys,
    private readonly apiKeys: ApiKeyDirectory,
    readonly issuer: string,
    readonly audience: string,
    private readonly now: () => number = Date.now,
    cacheSize = 50_000,
  ) {
    this.#verified = new LruCache(cacheSize, now);
  }

  async issue(input: IssueInput): Promise<{ token: string; claims: AccessTokenClaims }> {
    const { kid, privateKey } = await this.keys.current();
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
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: SIGNING_ALG, typ: 'at+jwt', kid })
      .sign(privateKey);
    return { token, claims };
  }

  /** Verifies a bearer token; throws an RFC 6750 `invalid_token` ApiError otherwise. */
  async verify(token: string): Promise<AccessTokenClaims> {
    if (token.length > MAX_TOKEN_LENGTH || token.split('.').length !== 3) {
      throw invalidToken('The access token is malformed.');
    }
    const cacheKey = sha256(token);
    const cached = this.#verified.get(cacheKey);
    if (cached) return cached;

    const claims = await this.#verifySignatureAndClaims(token);
    const apiKey = await this.apiKeys.get(claims.client_id);
    if (!apiKey || apiKey.revokedAt || apiKey.legalEntityId !== claims.le) {
      throw invalidToken('The access token was revoked.');
    }
    this.#verified.set(cacheKey, claims, claims.exp * 1000);
    return claims;
  }

  /** Drops cached verifications of tokens issued with an API key that was just revoked. */
  forgetClient(apiKeyId: string): void {
    this.#verified.deleteWhere((claims) => claims.client_id === apiKeyId);
  }

  async #verifySignatureAndClaims(token: string): Promise<AccessTokenClaims> {
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
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: [SIGNING_ALG],
        issuer: this.issuer,
        audience: this.audience,
        typ: 'at+jwt',
        currentDate: new Date(this.now()),
        requiredClaims: [
          'iss',
          'aud',
          'sub',
          'exp',
          'iat',
          'jti',
          'client_id',
          'scope',
          'kind',
          'le',
          'origins',
        ],
      });
      return payload as unknown as AccessTokenClaims;
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
  }
}
