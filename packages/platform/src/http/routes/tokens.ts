import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { ensureUser } from '../../accounts/users.ts';
import { ErrorBody } from '../../schemas/common.ts';
import { TokenRequest, TokenResponse } from '../../schemas/tokens.ts';
import { normaliseScope } from '../../tokens/claims.ts';
import { authenticateClient } from '../../tokens/client-assertion.ts';
import type { AppEnv } from '../env.ts';
import { ApiError, invalidRequest } from '../errors.ts';
import { jsonBody } from '../middleware/json-body.ts';

const route = createRoute({
  method: 'post',
  path: '/v1/tokens',
  tags: ['Tokens'],
  summary: 'Issue a legal-entity or user access token',
  description:
    "Called by the host's back-end. Authenticated by an RFC 7523 client assertion (`client_secret_jwt`) made with the API key's secret key; see the README for the exact claims.",
  middleware: [jsonBody(16 * 1024)] as const,
  request: { body: { required: true, content: { 'application/json': { schema: TokenRequest } } } },
  responses: {
    200: { description: 'The access token', content: { 'application/json': { schema: TokenResponse } } },
    400: { description: 'Bad parameters', content: { 'application/json': { schema: ErrorBody } } },
    401: {
      description: 'Client authentication failed',
      content: { 'application/json': { schema: ErrorBody } },
    },
    503: {
      description:
        'overloaded: more token requests wait for the database than this instance takes on; try again after Retry-After seconds',
      content: { 'application/json': { schema: ErrorBody } },
    },
  },
});

export function registerTokenRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, async (c) => {
    const services = c.get('services');
    const { config, db, now, log } = services;
    const body = c.req.valid('json');
    const apiKey = await authenticateClient(body, {
      apiKeys: services.apiKeys,
      usedAssertions: services.usedAssertions,
      tokenUrl: config.tokenUrl,
      now,
    });
    const legalEntity = await services.legalEntities.get(apiKey.legalEntityId);
    if (!legalEntity) throw new ApiError(401, 'invalid_client', 'Unknown or revoked API key.');

    if (body.kind === 'user' && !body.user_id) throw invalidRequest('A user token needs a user_id.');
    if (body.kind === 'legal_entity' && body.user_id) {
      throw invalidRequest('A legal-entity token is for nobody in particular: drop user_id.');
    }
    const scope = normaliseScope(body.scope);
    if (body.kind === 'legal_entity' && scope !== 'read') {
      throw new ApiError(400, 'invalid_scope', 'A legal-entity token is read-only.');
    }
    const lifetime = body.lifetime ?? Math.min(legalEntity.defaultTokenLifetime, config.maxTokenLifetime);
    if (lifetime < config.minTokenLifetime || lifetime > config.maxTokenLifetime) {
      throw invalidRequest(
        `lifetime must be between ${config.minTokenLifetime} and ${config.maxTokenLifetime} seconds.`,
      );
    }

    const userId = body.user_id ? await ensureUser(db, legalEntity.id, body.user_id) : undefined;
    const { token, claims } = await services.tokens.issue({
      kind: body.kind,
      legalEntityId: legalEntity.id,
      apiKeyId: apiKey.id,
      ...(userId ? { userId, externalUserId: body.user_id } : {}),
      scope,
      lifetime,
      origins: legalEntity.origins,
    });
    log.info('token.issued', {
      kind: claims.kind,
      legal_entity: claims.le,
      client_id: claims.client_id,
      sub: claims.sub,
      jti: claims.jti,
      scope,
      lifetime,
    });
    await services.usage.count(legalEntity.id, `token:${claims.kind}`);
    if (userId) await services.usage.activeUser(legalEntity.id, userId);
    c.header('Cache-Control', 'no-store');
    c.header('Pragma', 'no-cache');
    return c.json({ access_token: token, token_type: 'Bearer' as const, expires_in: lifetime, scope }, 200);
  });
}
