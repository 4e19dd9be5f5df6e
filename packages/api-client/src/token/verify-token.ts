import { isAccessTokenClaims } from '@planner/contract';
import { compactVerify, createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

/**
 * Proves a token genuine before the planner trusts anything it says (issue 9): its `origins`
 * claim decides which page the bridge pins, and its `sub` and `le` whose draft is shown. A
 * page can write any claims into a JWT-shaped string; only the platform's signature makes
 * them true.
 *
 * 1. The signature must check out against the platform's published key set (JWKS), with the
 *    platform's one algorithm (ES256: refuses `alg: none` and HMAC-with-the-public-key).
 * 2. The claims must be the platform's: the contract's shape (`isAccessTokenClaims`), `iss`
 *    its public URL, `aud` its web services, `typ: at+jwt` (RFC 9068), valid now. Expiry allows the same clock skew the token
 *    store assumes (the visitor's clock may be minutes off; the store judges time itself).
 * 3. The key set is fetched once and cached (`cacheMaxAgeMs`, the JWKS's own `max-age`); a
 *    token signed with a key id not in the cache triggers one refetch (the platform rotated
 *    its key), and at most one per `cooldownMs`, so forged tokens with made-up key ids cannot
 *    make the planner hammer the platform. The fetching is ours (`remoteKeySet`), the key
 *    choice jose's (`createLocalJWKSet`): jose's `createRemoteJWKSet` does the same but is
 *    ≈ 0.6 kB more of the planner's first paint (runtime sniffing, options validation).
 *
 * Verification answers, never throws: a page's garbage must not become the planner's error.
 */
export type Verification =
  | 'genuine'
  /** The signature or a claim is wrong: someone made this token up or altered it. */
  | 'forged'
  /** The key set could not be fetched (network, platform down): try again with the next token. */
  | 'keys_unavailable';

export type VerifyToken = (token: string) => Promise<Verification>;

export interface TokenVerifierOptions {
  /** The platform's public URL, which its tokens name as `iss`. */
  issuer: string;
  /** The tokens' `aud`; `${issuer}/v1` by default, as the platform issues them. */
  audience?: string;
  /**
   * The platform's key set: its URL (`${issuer}/.well-known/jwks.json` by default), or the
   * set itself (tests, or a planner built with its keys).
   */
  keys?: string | JSONWebKeySet;
  /** The largest client clock error allowed on `exp`. Default 5 minutes, as the token store's. */
  maxClockSkewMs?: number;
  /** Least time between two key-set fetches for an unknown key id. Default 30 s. */
  cooldownMs?: number;
  /** How long a fetched key set is used before it is fetched again. Default 5 minutes. */
  cacheMaxAgeMs?: number;
  /** The wall clock, in ms (tests). */
  now?: () => number;
}

/** The platform's signing algorithm (`SIGNING_ALG` in the platform's signing keys). */
const ALGORITHM = 'ES256';

export function createTokenVerifier(options: TokenVerifierOptions): VerifyToken {
  const issuer = options.issuer.replace(/\/+$/, '');
  const audience = options.audience ?? `${issuer}/v1`;
  const source = options.keys ?? `${issuer}/.well-known/jwks.json`;
  const keys =
    typeof source === 'string'
      ? remoteKeySet(new URL(source).href, options.cooldownMs ?? 30_000, options.cacheMaxAgeMs ?? 300_000)
      : createLocalJWKSet(source);
  const tolerance = Math.round((options.maxClockSkewMs ?? 5 * 60_000) / 1000);
  const now = options.now ?? Date.now;

  return async (token) => {
    let verified: Awaited<ReturnType<typeof compactVerify>>;
    try {
      verified = await compactVerify(token, keys, { algorithms: [ALGORITHM] });
    } catch (error) {
      return isKeySetFailure(error) ? 'keys_unavailable' : 'forged';
    }
    return genuineClaims(
      verified.protectedHeader,
      verified.payload,
      issuer,
      audience,
      now() / 1000,
      tolerance,
    )
      ? 'genuine'
      : 'forged';
  };
}

/**
 * The signed token is one of the platform's access tokens, for us, and not expired. jose's
 * `jwtVerify` checks the same, generically (≈ 1 kB of the first paint); the claims' shape is
 * the contract's own check, which the token store uses too.
 */
function genuineClaims(
  header: { typ?: string; b64?: boolean },
  payload: Uint8Array,
  issuer: string,
  audience: string,
  nowSeconds: number,
  tolerance: number,
): boolean {
  // RFC 9068 §2.1; and a JWT's payload is always base64url-encoded (RFC 7797 §7).
  if (!/^(application\/)?at\+jwt$/i.test(header.typ ?? '') || header.b64 === false) return false;
  let claims: unknown;
  try {
    claims = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return false;
  }
  if (!isAccessTokenClaims(claims)) return false;
  const { nbf } = claims as { nbf?: unknown };
  return (
    claims.iss === issuer &&
    claims.aud === audience &&
    claims.exp > nowSeconds - tolerance &&
    (nbf === undefined || (typeof nbf === 'number' && nbf <= nowSeconds + tolerance))
  );
}

/** The key set could not be fetched or read; never leaves this module (verification answers). */
class KeySetUnavailableError extends Error {
  override readonly name = 'KeySetUnavailableError';
  readonly code = 'KEYS_UNAVAILABLE';
}

/** How long one key-set fetch may take, as jose's `createRemoteJWKSet` allows. */
const FETCH_TIMEOUT_MS = 5_000;

/**
 * The platform's key set at `url`: fetched on first use and again once older than
 * `cacheMaxAgeMs`, or when a token names a key id it lacks and the last fetch is at least
 * `cooldownMs` old. Concurrent verifications share one fetch.
 */
function remoteKeySet(url: string, cooldownMs: number, cacheMaxAgeMs: number): JWTVerifyGetKey {
  let local: JWTVerifyGetKey | undefined;
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let pending: Promise<void> | undefined;
  const age = () => Date.now() - fetchedAt;
  const reload = () =>
    (pending ??= fetchKeySet(url)
      .then((jwks) => {
        // Throws `JWKSInvalid` for an answer that is not a key set.
        local = createLocalJWKSet(jwks);
        fetchedAt = Date.now();
      })
      .finally(() => {
        pending = undefined;
      }));
  return async (header, token) => {
    if (!local || age() >= cacheMaxAgeMs) await reload();
    try {
      return await local!(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || age() < cooldownMs) throw error;
      await reload();
      return local!(header, token);
    }
  };
}

async function fetchKeySet(url: string): Promise<JSONWebKeySet> {
  let response: Response;
  try {
    // `manual`: a key set must come from the platform's own URL, not wherever it points.
    response = await fetch(url, {
      redirect: 'manual',
      headers: { accept: 'application/json, application/jwk-set+json' },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (cause) {
    throw new KeySetUnavailableError('The key set could not be fetched', { cause });
  }
  if (response.status !== 200) throw new KeySetUnavailableError(`The key set answer was ${response.status}`);
  try {
    return (await response.json()) as JSONWebKeySet;
  } catch (cause) {
    throw new KeySetUnavailableError('The key set answer was not JSON', { cause });
  }
}

/**
 * The key set could not be had: our fetch failed, its answer was no key set, or something
 * other than a JOSE error (the browser's crypto) went wrong. Every other JOSE error (bad
 * signature, claims, algorithm, unknown key id) means the token is not the platform's.
 */
function isKeySetFailure(error: unknown): boolean {
  return !(error instanceof errors.JOSEError) || error instanceof errors.JWKSInvalid;
}
