import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ConsumerOperations } from '../../../oauth/consumer-operations.ts';
import { listConsumers } from '../../../oauth/consumers.ts';
import { NewOAuthConsumer, OAuthConsumer, OAuthConsumerInput } from '../../../schemas/admin.ts';
import type { AppEnv } from '../../env.ts';
import { auth, body, common, consumerKey, errors, json, leId, withBody } from './openapi.ts';
import { adminOperations } from './operations.ts';
import { consumerJson } from './serializers.ts';

const listOauthConsumers = createRoute({
  ...common,
  method: 'get',
  path: '/admin/api/legal-entities/{id}/oauth-consumers',
  summary: "A legal entity's OAuth consumers (never their secrets)",
  middleware: [auth] as const,
  request: { params: leId },
  responses: {
    200: json(z.object({ oauth_consumers: z.array(OAuthConsumer) }), 'All'),
    ...errors([401, 404]),
  },
});
const createOauthConsumer = createRoute({
  ...common,
  method: 'post',
  path: '/admin/api/legal-entities/{id}/oauth-consumers',
  summary: "Create a user's consumer key and secret; the secret is shown once",
  middleware: [auth, withBody] as const,
  request: { params: leId, ...body(OAuthConsumerInput) },
  responses: { 201: json(NewOAuthConsumer, 'Created'), ...errors([400, 401, 404, 415]) },
});
const revokeOauthConsumer = createRoute({
  ...common,
  method: 'delete',
  path: '/admin/api/oauth-consumers/{key}',
  summary: 'Revoke a consumer and every token it holds',
  middleware: [auth] as const,
  request: { params: consumerKey },
  responses: { 200: json(OAuthConsumer, 'Revoked'), ...errors([401, 404]) },
});

/** OAuth consumers: listed, created (secret shown once), revoked. */
export function registerOauthConsumerRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(listOauthConsumers, async (c) => {
    const consumers = await listConsumers(c.get('services').db, c.req.valid('param').id);
    return c.json({ oauth_consumers: consumers.map(consumerJson) }, 200);
  });

  app.openapi(createOauthConsumer, async (c) => {
    const input = c.req.valid('json');
    const consumer = await new ConsumerOperations(adminOperations(c.get('services'))).create(
      c.req.valid('param').id,
      {
        externalUserId: input.user_id,
        ...(input.label === undefined ? {} : { label: input.label }),
        ...(input.scope === undefined ? {} : { scope: input.scope }),
      },
    );
    return c.json({ ...consumerJson(consumer), consumer_secret: consumer.consumerSecret }, 201);
  });

  app.openapi(revokeOauthConsumer, async (c) => {
    const consumer = await new ConsumerOperations(adminOperations(c.get('services'))).revoke(
      c.req.valid('param').key,
    );
    return c.json(consumerJson(consumer), 200);
  });
}
