import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { findProfileByAccessKey } from '../../backends/backend-profiles.ts';
import { BackendTokenRequest, BackendTokenResponse } from '../../schemas/backends.ts';
import { ErrorBody } from '../../schemas/common.ts';
import { STANDARD_TOKEN_LIFETIME } from '../../tokens/access-tokens.ts';
import { clientGroup } from '../client-address.ts';
import type { AppEnv } from '../env.ts';
import { underFailureLimits } from '../failure-limits.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { invalidClient, NO_STORE, oauthError } from '../oauth/errors.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/backend/tokens',
  tags: ['Back-ends'],
  summary: "A back-end's standard token (60 minutes), requested with its access key",
  description:
    'Seed 000: valid 60 minutes from issue, a new one may be asked for at any time, it cannot be deactivated one by one (disabling the profile or rotating its access key ends it). Its scope is the services of the subscription.',
  middleware: [jsonBody(4 * 1024)] as const,
  request: { body: { required: true, content: { 'application/json': { schema: BackendTokenRequest } } } },
  responses: {
    200: { description: 'The token', content: { 'application/json': { schema: BackendTokenResponse } } },
    400: {
      description: 'Bad request, or no back-end services',
      content: { 'application/json': { schema: ErrorBody } },
    },
    401: {
      description: 'Unknown (or rotated-out) access key, or a disabled profile',
      content: { 'application/json': { schema: ErrorBody } },
    },
    429: { description: 'Too many failed attempts', content: { 'application/json': { schema: ErrorBody } } },
  },
});

export function registerBackendTokenRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const services = c.get('services');
    // Only failures count: a back-end may ask as often as it likes, a guesser may not.
    const found = await underFailureLimits(
      [{ limiter: services.limiters.authFailures, key: clientGroup(c) }],
      () => findProfileByAccessKey(services.db, c.req.valid('json').access_key, services.now()),
    );
    // A rotated-out or deleted key is as unknown as a guessed one.
    if (!found) throw invalidClient('Unknown access key.', false);
    const { profile, keyVersion } = found;
    // The right key of a disabled profile: refused, but not counted as a guess.
    if (profile.status === 'disabled') throw invalidClient('The back-end profile is disabled.', false);
    const subscribed = await services.subscriptions.services(profile.legalEntityId);
    if (subscribed.length === 0) {
      throw oauthError(
        400,
        'unauthorized_client',
        'The subscription includes no back-end services any more.',
      );
    }
    const { token, claims } = await services.tokens.issueBackend({
      profileId: profile.id,
      legalEntityId: profile.legalEntityId,
      services: subscribed,
      keyVersion,
    });
    await services.usage.count(profile.legalEntityId, 'token:backend_standard');
    services.log.info('token.issued', {
      kind: 'backend',
      legal_entity: claims.le,
      client_id: claims.client_id,
      jti: claims.jti,
      scope: claims.scope,
      lifetime: STANDARD_TOKEN_LIFETIME,
    });
    return c.json(
      {
        access_token: token,
        token_type: 'Bearer' as const,
        expires_in: STANDARD_TOKEN_LIFETIME,
        scope: claims.scope,
      },
      200,
      NO_STORE,
    );
  });
}
