import { CLIENT_ASSERTION_TYPE } from '@planner/contract';
import { signClientAssertion, type TokenParams } from './clientAssertion.ts';
import { TokenClientError } from './errors.ts';

/** `read`, or `read write` to let a user token modify that user's own projects. */
export type TokenScope = 'read' | 'read write';

export interface TokenClientOptions {
  /** The platform's base URL, such as `https://platform.example` (a trailing slash is fine). */
  platformUrl: string;
  /** The API key's id. */
  keyId: string;
  /** The API key's secret. It signs each request and never leaves this process. */
  secretKey: string;
  /** A `fetch` to use instead of the global one (a proxy-aware one, or a test double). */
  fetch?: typeof fetch | undefined;
  /** Milliseconds to wait for the platform. Default 10 000. */
  timeout?: number | undefined;
}

export interface LegalEntityTokenOptions {
  /** Seconds; the platform's default when absent, and never more than its maximum. */
  lifetime?: number | undefined;
}

export interface UserTokenOptions extends LegalEntityTokenOptions {
  /** Default `read` (the platform's default). */
  scope?: TokenScope | undefined;
}

/** The platform's answer (RFC 6749 §5.1). */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  /** Seconds until the token expires. */
  expires_in: number;
  scope: string;
}

export interface TokenClient {
  /** A token for the legal entity itself (nobody logged in): read only. */
  legalEntityToken(options?: LegalEntityTokenOptions): Promise<TokenResponse>;
  /** A token for one of the host's users, by the host's own id for them. */
  userToken(userId: string, options?: UserTokenOptions): Promise<TokenResponse>;
}

const invalid = (what: string) => new TokenClientError('INVALID_OPTIONS', `Invalid ${what}.`);
const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
// Only for error messages: platform text is not secret, but it should not flood a log line.
const clip = (value: unknown) => (typeof value === 'string' ? value.slice(0, 200) : undefined);

/**
 * A client for the platform's `POST /v1/tokens`, for the host's back-end. Each request is
 * authenticated with a fresh client assertion signed with the secret key (RFC 7523), so the
 * secret is never sent. Throws `TokenClientError`.
 */
export function createTokenClient(options: TokenClientOptions): TokenClient {
  const { platformUrl, keyId, secretKey, fetch: fetchImpl = globalThis.fetch, timeout = 10_000 } = options;
  let base: URL;
  try {
    base = new URL(platformUrl);
  } catch {
    throw invalid('platformUrl');
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw invalid('platformUrl');
  if (!isText(keyId)) throw invalid('keyId');
  if (!isText(secretKey)) throw invalid('secretKey');
  // The assertion's audience is this exact URL: normalised once, without a doubled slash.
  const tokenUrl = `${base.origin}${base.pathname.replace(/\/+$/, '')}/v1/tokens`;
  const key = new TextEncoder().encode(secretKey);

  async function requestToken(params: TokenParams): Promise<TokenResponse> {
    const { lifetime, scope } = params;
    if (lifetime !== undefined && !(Number.isSafeInteger(lifetime) && lifetime > 0))
      throw invalid('lifetime');
    if (scope !== undefined && scope !== 'read' && scope !== 'read write') throw invalid('scope');
    const client_assertion = await signClientAssertion({ keyId, key, audience: tokenUrl, params });
    let response: Response;
    try {
      response = await fetchImpl(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        // JSON.stringify leaves out the parameters that are undefined: absent, as hashed.
        body: JSON.stringify({ ...params, client_assertion_type: CLIENT_ASSERTION_TYPE, client_assertion }),
        signal: AbortSignal.timeout(timeout),
      });
    } catch (cause) {
      const timedOut = cause instanceof Error && cause.name === 'TimeoutError';
      throw timedOut
        ? new TokenClientError('TIMEOUT', `The platform did not answer within ${timeout} ms.`, { cause })
        : new TokenClientError('NETWORK_ERROR', 'The platform could not be reached.', { cause });
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch {
      body = undefined;
    }
    if (!response.ok) {
      const platformError = isRecord(body) ? clip(body.error) : undefined;
      const description = isRecord(body) ? clip(body.error_description) : undefined;
      throw new TokenClientError(
        'PLATFORM_ERROR',
        `The platform refused the token request: HTTP ${response.status}${platformError ? ` ${platformError}` : ''}${description ? ` (${description})` : ''}.`,
        { status: response.status, platformError, description },
      );
    }
    // The body holds a token: it stays out of the error, whatever is wrong with it.
    if (
      !isRecord(body) ||
      !isText(body.access_token) ||
      body.token_type !== 'Bearer' ||
      !Number.isFinite(body.expires_in) ||
      typeof body.scope !== 'string'
    ) {
      throw new TokenClientError(
        'INVALID_RESPONSE',
        'The platform answered without a valid token response.',
        {
          status: response.status,
        },
      );
    }
    const { access_token, token_type, expires_in, scope: granted } = body as unknown as TokenResponse;
    return { access_token, token_type, expires_in, scope: granted };
  }

  return {
    legalEntityToken: (tokenOptions = {}) =>
      requestToken({ kind: 'legal_entity', lifetime: tokenOptions.lifetime }),
    userToken: async (userId, tokenOptions = {}) => {
      if (!isText(userId)) throw invalid('userId');
      return requestToken({
        kind: 'user',
        user_id: userId,
        scope: tokenOptions.scope,
        lifetime: tokenOptions.lifetime,
      });
    },
  };
}
