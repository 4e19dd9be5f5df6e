import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { listLegalEntities, requireLegalEntity } from '../../../accounts/legal-entities.ts';
import { LegalEntityOperations } from '../../../accounts/legal-entity-operations.ts';
import { SubscriptionOperations } from '../../../accounts/subscription-operations.ts';
import { AdminLegalEntity, LifetimeInput, SubscriptionInput } from '../../../schemas/admin.ts';
import type { AppEnv } from '../../env.ts';
import { auth, body, common, errors, json, leId, withBody } from './openapi.ts';
import { adminOperations } from './operations.ts';
import { entityJson } from './serializers.ts';

const listEntities = createRoute({
  ...common,
  method: 'get',
  path: '/admin/api/legal-entities',
  summary: 'Legal entities, with their subscriptions',
  middleware: [auth] as const,
  responses: {
    200: json(z.object({ legal_entities: z.array(AdminLegalEntity) }), 'All'),
    ...errors([401, 404]),
  },
});
const showEntity = createRoute({
  ...common,
  method: 'get',
  path: '/admin/api/legal-entities/{id}',
  summary: 'A legal entity',
  middleware: [auth] as const,
  request: { params: leId },
  responses: { 200: json(AdminLegalEntity, 'It'), ...errors([401, 404]) },
});
const putSubscription = createRoute({
  ...common,
  method: 'put',
  path: '/admin/api/legal-entities/{id}/subscription',
  summary: "Set the subscription's back-end services",
  description: 'Takes effect at once for every back-end token of the legal entity, on every instance.',
  middleware: [auth, withBody] as const,
  request: { params: leId, ...body(SubscriptionInput) },
  responses: { 200: json(AdminLegalEntity, 'Updated'), ...errors([400, 401, 404, 415]) },
});
const putOauthLifetime = createRoute({
  ...common,
  method: 'put',
  path: '/admin/api/legal-entities/{id}/oauth-token-lifetime',
  summary: 'Set the default lifetime of its OAuth access tokens',
  middleware: [auth, withBody] as const,
  request: { params: leId, ...body(LifetimeInput) },
  responses: { 200: json(AdminLegalEntity, 'Updated'), ...errors([400, 401, 404, 415]) },
});

/** Legal entities, their subscription and OAuth token lifetime. */
export function registerLegalEntityRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(listEntities, async (c) => {
    const all = await listLegalEntities(c.get('services').db);
    return c.json({ legal_entities: all.map(entityJson) }, 200);
  });

  app.openapi(showEntity, async (c) => {
    return c.json(entityJson(await requireLegalEntity(c.get('services').db, c.req.valid('param').id)), 200);
  });

  app.openapi(putSubscription, async (c) => {
    const services = c.get('services');
    const { id } = c.req.valid('param');
    await new SubscriptionOperations(adminOperations(services)).set(id, c.req.valid('json').services);
    return c.json(entityJson(await requireLegalEntity(services.db, id)), 200);
  });

  app.openapi(putOauthLifetime, async (c) => {
    const { id } = c.req.valid('param');
    const le = await new LegalEntityOperations(adminOperations(c.get('services'))).setOauthTokenLifetime(
      id,
      c.req.valid('json').seconds,
    );
    return c.json(entityJson(le), 200);
  });
}
