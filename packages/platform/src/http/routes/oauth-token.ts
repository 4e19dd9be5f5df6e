import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getLegalEntity } from '../../accounts/legal-entities.ts';
import { sha256 } from '../../crypto/random.ts';
import type { OAuthConsumerCredential } from '../../oauth/consumers.ts';
import {
  findRefreshToken,
  type IssuedTokens,
  issueGrant,
  revokeGrant,
  rotateRefreshToken,
} from '../../oauth/grants.ts';
import { ErrorBody } from '../../schemas/common.ts';
import { OAuthTokenForm, OAuthTokenResponse } from '../../schemas/oauth.ts';
import { announce } from '../../tokens/revocation-events.ts';
import { clientGroup } from '../client-address.ts';
import type { AppEnv } from '../env.ts';
import { verifyConsumer } from '../oauth/consumer-auth.ts';
import { invalidClient, NO_STORE, oauthError, tooManyRequests } from '../oauth/errors.ts';
import { type ClientCredentials, readClientCredentials, readOAuthForm } from '../oauth/form.ts';
import { postOnly } from '../oauth/post-only.ts';

const GRANT_TYPES = ['password', 'client_credentials', 'refresh_token'] as const;

const invalidGrant = (description: string) => oauthError(400, 'invalid_grant', description);

/**
 * The scope a token request may have: `read`, `write`, `read write` within `ceiling`
 * (write implies read); absent, the ceiling itself (RFC 6749 §3.3: our documented default).
 */
function grantedScope(requested: string | undefined, ceiling: string): string {
  if (requested === undefined) return ceiling;
  const words = new Set(requested.split(' ').filter(Boolean));
  if (words.size === 0 || [...words].some((w) => w !== 'read' && w !== 'write')) {
    throw oauthError(400, 'invalid_scope', 'The scope is "read" or "read write".');
  }
  const scope = words.has('write') ? 'read write' : 'read';
  if (scope === 'read write' && !ceiling.split(' ').includes('write')) {
    throw oauthError(400, 'invalid_scope', 'This consumer may only read: its scope is "read".');
  }
  return scope;
}

/** `expires_in` (ours): the lifetime asked for, within the platform's bounds. */
function lifetimeOf(c: Context<AppEnv>, form: Map<string, string>, legalEntityDefault: number): number {
  const { minTokenLifetime, maxTokenLifetime } = c.get('services').config;
  const asked = form.get('expires_in');
  if (asked === undefined) return Math.min(legalEntityDefault, maxTokenLifetime);
  const n = /^\d{1,9}$/.test(asked) ? Number(asked) : Number.NaN;
  if (!(n >= minTokenLifetime && n <= maxTokenLifetime)) {
    throw oauthError(
      400,
      'invalid_request',
      `expires_in must be a whole number of seconds between ${minTokenLifetime} and ${maxTokenLifetime}.`,
    );
  }
  return n;
}

/** The consumer that `client` authenticates as, or `invalid_client`. */
async function authenticatedConsumer(
  c: Context<AppEnv>,
  client: ClientCredentials,
): Promise<OAuthConsumerCredential> {
  const consumer = await verifyConsumer(c, client.clientId, client.clientSecret);
  // One answer for an unknown key, a wrong secret and a revoked consumer: nothing to probe.
  if (!consumer) {
    throw invalidClient(
      'Unknown or revoked consumer, or a wrong secret.',
      client.method === 'client_secret_basic',
    );
  }
  return consumer;
}

async function legalEntityLifetime(c: Context<AppEnv>, legalEntityId: string): Promise<number> {
  const le = await getLegalEntity(c.get('services').db, legalEntityId);
  if (!le) throw invalidGrant('The consumer no longer exists.');
  return le.oauthTokenLifetime;
}

/** RFC 6749 §4.3: the consumer key and secret as the resource owner's username and password (seed 002). */
async function passwordGrant(c: Context<AppEnv>, form: Map<string, string>, client?: ClientCredentials) {
  const username = form.get('username');
  const password = form.get('password');
  if (!username || !password) {
    throw oauthError(
      400,
      'invalid_request',
      'The password grant needs username (consumer key) and password (consumer secret).',
    );
  }
  const consumer = await verifyConsumer(c, username, password);
  if (!consumer) {
    throw invalidGrant('The consumer key or secret is wrong, or the consumer was revoked.');
  }
  // Seed 002: an optional client_id must name this consumer. With client authentication
  // too, it must be the same consumer's.
  if (client) {
    const authenticated = await authenticatedConsumer(c, client);
    if (authenticated.consumerKey !== consumer.consumerKey) {
      throw invalidClient(
        'The authenticated client is not this consumer.',
        client.method === 'client_secret_basic',
      );
    }
  } else if (form.has('client_id') && form.get('client_id') !== consumer.consumerKey) {
    throw invalidClient("client_id does not match the consumer: it is the consumer's key.", false);
  }
  const scope = grantedScope(form.get('scope'), consumer.scope);
  const lifetime = lifetimeOf(c, form, await legalEntityLifetime(c, consumer.legalEntityId));
  const services = c.get('services');
  const tokens = await issueGrant(services.db, {
    consumer,
    grantType: 'password',
    scope,
    lifetime,
    refreshLifetime: services.config.refreshTokenLifetime,
    grantLifetime: services.config.oauthGrantLifetime,
    nowMs: services.now(),
  });
  return { consumer, tokens };
}

/** RFC 6749 §4.4: the consumer authenticates as a client; no refresh token (§4.4.3). */
async function clientCredentialsGrant(
  c: Context<AppEnv>,
  form: Map<string, string>,
  client?: ClientCredentials,
) {
  if (!client) {
    throw invalidClient(
      'client_credentials needs client authentication: HTTP Basic with the consumer key and secret.',
    );
  }
  const consumer = await authenticatedConsumer(c, client);
  const scope = grantedScope(form.get('scope'), consumer.scope);
  const lifetime = lifetimeOf(c, form, await legalEntityLifetime(c, consumer.legalEntityId));
  const services = c.get('services');
  const tokens = await issueGrant(services.db, {
    consumer,
    grantType: 'client_credentials',
    scope,
    lifetime,
    grantLifetime: services.config.oauthGrantLifetime,
    nowMs: services.now(),
  });
  return { consumer, tokens };
}

/**
 * RFC 6749 §6: a confidential client authenticates on a refresh too, so that a leaked refresh
 * token alone mints nothing. The consumer may authenticate any way the other grants take:
 * HTTP Basic, client_id + client_secret, or the password grant's username + password (what a
 * seed 002 client already sends); with more than one, all must name the same consumer.
 */
async function refreshingConsumer(
  c: Context<AppEnv>,
  form: Map<string, string>,
  client?: ClientCredentials,
): Promise<OAuthConsumerCredential> {
  const username = form.get('username');
  const password = form.get('password');
  const basic = client?.method === 'client_secret_basic';
  let consumer = client && (await authenticatedConsumer(c, client));
  if (username && password) {
    const owner = await verifyConsumer(c, username, password);
    if (!owner) {
      throw invalidClient('Unknown or revoked consumer, or a wrong secret.', basic);
    }
    if (consumer && consumer.consumerKey !== owner.consumerKey) {
      throw invalidClient('The authenticated client is not this consumer.', basic);
    }
    consumer = owner;
  }
  if (!consumer) {
    throw invalidClient(
      "A refresh needs the consumer's credentials: HTTP Basic with the consumer key and secret, client_id + client_secret, or username + password.",
    );
  }
  if (form.has('client_id') && form.get('client_id') !== consumer.consumerKey) {
    throw invalidClient("client_id does not match the consumer: it is the consumer's key.", basic);
  }
  return consumer;
}

/** RFC 6749 §6, with rotation and reuse detection (RFC 9700 §4.14.2). */
async function refreshTokenGrant(c: Context<AppEnv>, form: Map<string, string>, client?: ClientCredentials) {
  const services = c.get('services');
  const refreshToken = form.get('refresh_token');
  if (!refreshToken) throw oauthError(400, 'invalid_request', 'The refresh_token grant needs refresh_token.');
  const consumer = await refreshingConsumer(c, form, client);
  const record = /^rt_[\w-]{32,64}$/.test(refreshToken)
    ? await findRefreshToken(services.db, sha256(refreshToken))
    : undefined;
  if (!record) throw invalidGrant('The refresh token is unknown.');
  // Bound to its consumer (§6: "issued to the authenticated client"). Refused without a trace,
  // so that a refusal burns nothing: the token still works for its owner.
  if (record.consumerKey !== consumer.consumerKey) {
    throw invalidGrant('The refresh token was issued to another client.');
  }
  if (record.revoked) throw invalidGrant('The refresh token was revoked.');
  if (record.expiresAt <= services.now()) throw invalidGrant('The refresh token expired.');
  const grantEndsAt = record.grantCreatedAt + services.config.oauthGrantLifetime * 1000;
  if (grantEndsAt <= services.now()) {
    throw invalidGrant(
      "The grant reached its absolute lifetime: ask for a new one with the consumer's credentials.",
    );
  }
  const reused = async () => {
    services.opaqueTokens.forgetGrant(record.grantId);
    await announce(services.db, { kind: 'oauth_grant', id: record.grantId });
    services.log.warn('oauth.refresh_token_reused', {
      grant: record.grantId,
      consumer_key: record.consumerKey,
    });
    return invalidGrant('The refresh token was already used: every token of its grant is now revoked.');
  };
  if (record.used) {
    await revokeGrant(services.db, record.grantId, 'refresh_token_reuse', services.now());
    throw await reused();
  }
  const scope = grantedScope(form.get('scope'), record.scope);
  const lifetime = lifetimeOf(c, form, await legalEntityLifetime(c, record.legalEntityId));
  const outcome = await rotateRefreshToken(services.db, record, {
    scope,
    lifetime,
    refreshLifetime: services.config.refreshTokenLifetime,
    nowMs: services.now(),
    grantEndsAt,
  });
  if (!outcome.ok) throw await reused();
  return { consumer: record, tokens: outcome.tokens };
}

export function registerOAuthTokenRoutes(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/oauth/token',
    tags: ['OAuth'],
    summary: 'OAuth 2.0 token URL: client credentials, password, refresh token',
    description:
      'RFC 6749. Prefer `client_credentials` with HTTP Basic (consumer key : consumer secret); the `password` grant of seed 002 works too. A refresh authenticates the consumer as well. Form-encoded only; errors per §5.2. Rate limited per address, and failed authentications per consumer and address (429 with Retry-After).',
    request: {
      body: { required: true, content: { 'application/x-www-form-urlencoded': { schema: OAuthTokenForm } } },
    },
    responses: {
      200: { description: 'Tokens', content: { 'application/json': { schema: OAuthTokenResponse } } },
      400: { description: 'RFC 6749 §5.2 error', content: { 'application/json': { schema: ErrorBody } } },
      401: { description: 'invalid_client', content: { 'application/json': { schema: ErrorBody } } },
      429: { description: 'Too many attempts', content: { 'application/json': { schema: ErrorBody } } },
    },
  });

  postOnly(app, '/oauth/token');
  app.post('/oauth/token', async (c) => {
    const services = c.get('services');
    // Counted before anything is awaited (see RateLimiter). Failed authentications count
    // separately, per consumer and address (verifyConsumer): never per consumer alone, which
    // would let anyone lock a consumer out with wrong secrets.
    const flood = await services.limiters.tokenRequests.take(clientGroup(c));
    if (!flood.ok) throw tooManyRequests(flood.retryAfter);

    const form = await readOAuthForm(c);
    const client = readClientCredentials(c, form);

    const grantType = form.get('grant_type');
    if (!grantType) throw oauthError(400, 'invalid_request', 'grant_type is required.');
    if (!(GRANT_TYPES as readonly string[]).includes(grantType)) {
      throw oauthError(
        400,
        'unsupported_grant_type',
        `Supported grant types: ${GRANT_TYPES.join(', ')} (client_credentials preferred).`,
      );
    }
    const { consumer, tokens } =
      grantType === 'password'
        ? await passwordGrant(c, form, client)
        : grantType === 'client_credentials'
          ? await clientCredentialsGrant(c, form, client)
          : await refreshTokenGrant(c, form, client);

    await services.usage.count(consumer.legalEntityId, 'token:oauth');
    await services.usage.activeUser(consumer.legalEntityId, consumer.userId);
    services.log.info('oauth.token_issued', {
      grant_type: grantType,
      consumer_key: consumer.consumerKey,
      grant: tokens.grantId,
      scope: tokens.scope,
      lifetime: tokens.expiresIn,
    });
    return c.json(answer(tokens), 200, NO_STORE);
  });
}

/** RFC 6749 §5.1, `token_type` spelled as seed 002 does. */
const answer = (tokens: IssuedTokens) => ({
  access_token: tokens.accessToken,
  token_type: 'bearer' as const,
  expires_in: tokens.expiresIn,
  ...(tokens.refreshToken ? { refresh_token: tokens.refreshToken } : {}),
  scope: tokens.scope,
});
