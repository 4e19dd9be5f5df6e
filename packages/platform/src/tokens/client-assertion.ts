import { createHmac, createSecretKey, type KeyObject, randomBytes } from 'node:crypto';
import {
  decodeJwt,
  decodeProtectedHeader,
  errors,
  type JWTClaimVerificationOptions,
  UnsecuredJWT,
} from 'jose';
import type { ApiKeyCredential } from '../accounts/api-keys.ts';
import { safeEqual, sha256 } from '../crypto/random.ts';
import { ApiError } from '../http/errors.ts';
import { isStorableText } from '../schemas/text.ts';
import type { TokenRequest } from '../schemas/tokens.ts';
import type { ApiKeyDirectory } from './api-key-directory.ts';
import type { UsedAssertions } from './used-assertions.ts';

/** The longest an assertion may live: it authenticates one request, seconds after it is made. */
export const MAX_ASSERTION_LIFETIME_S = 60;
const CLOCK_TOLERANCE_S = 5;

/**
 * The hash that binds an assertion to the request's parameters, so an intercepted
 * assertion cannot be reused to ask for another user or a wider scope. Documented in the
 * README; every host back-end computes exactly this.
 */
export const paramsHash = (p: Pick<TokenRequest, 'kind' | 'user_id' | 'scope' | 'lifetime'>): string =>
  sha256(
    [p.kind, p.user_id ?? '', p.scope ?? '', p.lifetime === undefined ? '' : String(p.lifetime)].join('\n'),
  );

const invalidClient = (description: string) => new ApiError(401, 'invalid_client', description);

/**
 * How long past the assertion's last accepted second its jti row is kept: jose accepts up to
 * the whole second after a fractional `exp` (plus the tolerance), and the sweep runs on the
 * database's clock, not this instance's.
 */
const LEDGER_MARGIN_S = 60;
/**
 * One answer for an unknown or revoked key and for a wrong signature, so a caller without
 * the secret learns nothing about which key ids exist (the timing suite compares the two).
 */
const NOT_AUTHENTICATED = 'Unknown or revoked API key, or the assertion is not signed with its secret key.';
/** The key an unknown id's assertion is checked against, so both paths do the same work. */
const DUMMY_KEY = createSecretKey(randomBytes(32));

/**
 * The secret as a KeyObject, made once per cached API-key record (the directory hands out
 * the same object until the record is dropped).
 */
const hmacKeys = new WeakMap<ApiKeyCredential, KeyObject>();
function hmacKey(apiKey: ApiKeyCredential): KeyObject {
  let key = hmacKeys.get(apiKey);
  if (!key) {
    key = createSecretKey(Buffer.from(apiKey.secretKey, 'utf8'));
    hmacKeys.set(apiKey, key);
  }
  return key;
}

class BadSignature extends Error {
  readonly code = 'bad_signature';
}

/** `{"alg":"none"}`: the header jose's claim checks run under once the HS256 MAC is checked here. */
const UNSECURED_HEADER = Buffer.from('{"alg":"none"}').toString('base64url');

/**
 * `jwtVerify` for HS256, with the MAC computed by node:crypto in the calling thread: jose
 * goes through WebCrypto, whose job dispatch cost 9× the MAC itself and was the largest
 * single item in issue 13's profile of `POST /v1/tokens`. The signature is compared in
 * constant time against the canonical base64url of the MAC; the claims are then checked by
 * jose's own claim validation (`UnsecuredJWT.decode` runs exactly the checks `jwtVerify`
 * does after the signature), so every claim rule and error class stays jose's.
 */
function verifyHs256(token: string, key: KeyObject, options: JWTClaimVerificationOptions) {
  const header = decodeProtectedHeader(token);
  // jwtVerify would refuse these header parameters here too; no assertion needs them.
  if (header.alg !== 'HS256' || 'crit' in header || 'b64' in header) throw new BadSignature('header');
  const [head = '', body = '', signature = ''] = token.split('.');
  const mac = createHmac('sha256', key).update(`${head}.${body}`).digest('base64url');
  if (!safeEqual(mac, signature)) throw new BadSignature('signature');
  return UnsecuredJWT.decode(`${UNSECURED_HEADER}.${body}.`, options).payload;
}

/**
 * Authenticates `POST /v1/tokens` by an RFC 7523 client assertion made with the API key's
 * secret key (`client_secret_jwt`, OpenID Connect Core §9): HS256, iss = sub = key id,
 * aud = the token URL, a fresh jti, exp at most 60 s ahead, and `params_sha256`.
 */
export async function authenticateClient(
  request: TokenRequest,
  deps: {
    apiKeys: ApiKeyDirectory;
    usedAssertions: UsedAssertions;
    tokenUrl: string;
    now: () => number;
  },
): Promise<ApiKeyCredential> {
  const assertion = request.client_assertion;
  let keyId: unknown;
  try {
    if (decodeProtectedHeader(assertion).alg !== 'HS256') throw new Error('alg');
    keyId = decodeJwt(assertion).iss;
  } catch {
    throw invalidClient('The client assertion is malformed or not HS256.');
  }
  const apiKey = typeof keyId === 'string' ? await deps.apiKeys.get(keyId) : undefined;
  if (!apiKey || apiKey.revokedAt) {
    try {
      verifyHs256(assertion, DUMMY_KEY, {});
    } catch {
      // Expected: the point is only to spend the same work as a known key's check.
    }
    // A wrong secret costs a read past the cache (below); so does an unknown id, even one
    // the cache remembers as unknown, or a repeated guess would be told apart by its time.
    if (typeof keyId === 'string' && /^pk_[\w-]{1,64}$/.test(keyId)) await deps.apiKeys.readThrough(keyId);
    throw invalidClient(NOT_AUTHENTICATED);
  }

  let payload: Record<string, unknown>;
  try {
    payload = verifyHs256(assertion, hmacKey(apiKey), {
      issuer: apiKey.id,
      subject: apiKey.id,
      audience: deps.tokenUrl,
      currentDate: new Date(deps.now()),
      clockTolerance: CLOCK_TOLERANCE_S,
      requiredClaims: ['exp', 'jti'],
    });
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw invalidClient('The client assertion expired.');
    if (error instanceof errors.JWTClaimValidationFailed) {
      throw invalidClient(`The client assertion's ${error.claim} claim is wrong.`);
    }
    await deps.apiKeys.readThrough(apiKey.id);
    throw invalidClient(NOT_AUTHENTICATED);
  }
  const nowS = deps.now() / 1000;
  const exp = payload.exp as number;
  if (exp - nowS > MAX_ASSERTION_LIFETIME_S + CLOCK_TOLERANCE_S) {
    throw invalidClient(`A client assertion may live at most ${MAX_ASSERTION_LIFETIME_S} seconds.`);
  }
  const jti = payload.jti;
  if (typeof jti !== 'string' || jti.length < 8 || jti.length > 200) {
    throw invalidClient('The client assertion needs a jti of 8 to 200 characters.');
  }
  // The jti is stored to refuse replays: one PostgreSQL cannot store is a clear refusal, not a 500.
  if (!isStorableText(jti)) {
    throw invalidClient(
      'The client assertion jti must not contain NUL (U+0000) or unpaired UTF-16 surrogates.',
    );
  }
  if (typeof payload.params_sha256 !== 'string' || !safeEqual(payload.params_sha256, paramsHash(request))) {
    throw invalidClient("The client assertion's params_sha256 does not match the request.");
  }
  // RFC 7523 §3 (7): a jti is accepted once. Recorded only after every other check passed,
  // so a forged assertion cannot burn a legitimate caller's jti.
  if (
    !(await deps.usedAssertions.claim(apiKey.id, jti, Math.ceil(exp) + CLOCK_TOLERANCE_S + LEDGER_MARGIN_S))
  ) {
    throw invalidClient('The client assertion was already used.');
  }
  return apiKey;
}
