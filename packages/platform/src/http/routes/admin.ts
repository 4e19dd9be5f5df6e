import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import {
  type LegalEntity,
  listLegalEntities,
  requireLegalEntity,
  setOauthTokenLifetime,
} from '../../accounts/legal-entities.ts';
import { setSubscription } from '../../accounts/subscriptions.ts';
import { BackendOperations } from '../../backends/backend-operations.ts';
import {
  type BackendProfileDetails as Details,
  getBackendProfileDetails,
  listBackendProfiles,
  type BackendProfile as Profile,
} from '../../backends/backend-profiles.ts';
import {
  type OAuthConsumer as Consumer,
  createConsumer,
  listConsumers,
  revokeConsumer,
} from '../../oauth/consumers.ts';
import {
  AdminLegalEntity,
  BackendProfile,
  BackendProfileDetails,
  BackendProfileInput,
  DeactivatedStaticToken,
  LifetimeInput,
  NewOAuthConsumer,
  NewStaticToken,
  OAuthConsumer,
  OAuthConsumerInput,
  RotateAccessKeyInput,
  SubscriptionInput,
} from '../../schemas/admin.ts';
import { ErrorBody } from '../../schemas/common.ts';
import type { Services } from '../../services.ts';
import type { AppEnv } from '../env.ts';
import { notFound } from '../errors.ts';
import { adminAuth } from '../middleware/admin-auth.ts';
import { jsonBody } from '../middleware/json-body.ts';

/**
 * The admin API: what the Back-ends admin page and operators' scripts use. Everything the
 * operator CLI does for back-ends, subscriptions and OAuth consumers, over HTTP, behind the
 * operator token. Secrets (static tokens, consumer secrets) are in the answer that creates
 * them and nowhere else; a profile's access key is on its details.
 */

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const errors = (codes: number[]) => Object.fromEntries(codes.map((code) => [code, json(ErrorBody, 'Error')]));
const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { 'application/json': { schema } } },
});
const pathId = z
  .string()
  .max(100)
  .openapi({ param: { name: 'id', in: 'path' } });
const security = [{ adminToken: [] }];
const common = { tags: ['Admin'], security };
const auth = adminAuth();
const withBody = jsonBody(16 * 1024);

const leId = z.object({ id: pathId });
const profileId = z.object({ id: pathId });
const consumerKey = z.object({
  key: z
    .string()
    .max(100)
    .openapi({ param: { name: 'key', in: 'path' } }),
});

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
const listProfiles = createRoute({
  ...common,
  method: 'get',
  path: '/admin/api/legal-entities/{id}/backend-profiles',
  summary: "A legal entity's back-end profiles",
  middleware: [auth] as const,
  request: { params: leId },
  responses: {
    200: json(z.object({ backend_profiles: z.array(BackendProfile) }), 'All'),
    ...errors([401, 404]),
  },
});
const createProfile = createRoute({
  ...common,
  method: 'post',
  path: '/admin/api/legal-entities/{id}/backend-profiles',
  summary: 'Create a back-end profile (needs a subscription with back-end services)',
  middleware: [auth, withBody] as const,
  request: { params: leId, ...body(BackendProfileInput) },
  responses: {
    201: json(BackendProfileDetails, 'Created, with its access key'),
    ...errors([400, 401, 404, 409, 415]),
  },
});
const showProfile = createRoute({
  ...common,
  method: 'get',
  path: '/admin/api/backend-profiles/{id}',
  summary: "A back-end profile's details, with its access key",
  middleware: [auth] as const,
  request: { params: profileId },
  responses: { 200: json(BackendProfileDetails, 'Details'), ...errors([401, 404]) },
});
const generateStatic = createRoute({
  ...common,
  method: 'post',
  path: '/admin/api/backend-profiles/{id}/static-token',
  summary: 'Generate the static token (replacing the active one); shown once',
  middleware: [auth] as const,
  request: { params: profileId },
  responses: { 201: json(NewStaticToken, 'The token, this once'), ...errors([401, 404]) },
});
const deactivateStatic = createRoute({
  ...common,
  method: 'delete',
  path: '/admin/api/backend-profiles/{id}/static-token',
  summary: 'Deactivate the static token: refused from the next request on, on every instance',
  middleware: [auth] as const,
  request: { params: profileId },
  responses: { 200: json(DeactivatedStaticToken, 'Deactivated'), ...errors([401, 404]) },
});
const rotateKey = createRoute({
  ...common,
  method: 'post',
  path: '/admin/api/backend-profiles/{id}/access-key',
  summary: 'Rotate the access key: the new one is in this answer',
  description:
    'The old key, and the standard tokens it obtained, are refused at once on every instance, or after `overlap_seconds`.',
  middleware: [auth, withBody] as const,
  request: { params: profileId, ...body(RotateAccessKeyInput) },
  responses: {
    200: json(BackendProfileDetails, 'Rotated, with the new access key'),
    ...errors([400, 401, 404, 415]),
  },
});
const disableProfile = createRoute({
  ...common,
  method: 'post',
  path: '/admin/api/backend-profiles/{id}/disable',
  summary:
    'Disable a profile: no tokens for its key, its standard and static tokens refused, on every instance',
  middleware: [auth] as const,
  request: { params: profileId },
  responses: { 200: json(BackendProfile, 'Disabled'), ...errors([401, 404]) },
});
const enableProfile = createRoute({
  ...common,
  method: 'post',
  path: '/admin/api/backend-profiles/{id}/enable',
  summary: 'Enable a disabled profile again: its key and unexpired tokens work again',
  middleware: [auth] as const,
  request: { params: profileId },
  responses: { 200: json(BackendProfile, 'Enabled'), ...errors([401, 404]) },
});
const deleteProfile = createRoute({
  ...common,
  method: 'delete',
  path: '/admin/api/backend-profiles/{id}',
  summary: 'Delete a profile for good: its keys and tokens stop working on every instance',
  middleware: [auth] as const,
  request: { params: profileId },
  responses: { 200: json(BackendProfile, 'Deleted'), ...errors([401, 404]) },
});
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

const entityJson = (le: LegalEntity) => ({
  id: le.id,
  name: le.name,
  default_token_lifetime: le.defaultTokenLifetime,
  oauth_token_lifetime: le.oauthTokenLifetime,
  origins: le.origins,
  services: le.services as ('reporting' | 'messagebox')[],
  created_at: le.createdAt,
});
const profileJson = (p: Profile) => ({
  id: p.id,
  legal_entity_id: p.legalEntityId,
  name: p.name,
  external_system: p.externalSystem,
  created_at: p.createdAt,
  status: p.status,
  disabled_at: p.disabledAt,
  static_token: p.staticToken && { id: p.staticToken.id, created_at: p.staticToken.createdAt },
});
const detailsJson = async (services: Services, p: Details) => ({
  ...profileJson(p),
  access_key: p.accessKey,
  access_key_rotated_at: p.accessKeyRotatedAt,
  previous_access_key_expires_at: p.previousAccessKeyExpiresAt,
  services: entityJson(await requireLegalEntity(services.db, p.legalEntityId)).services,
});
/** The one way routes change back-end profiles: the same operations (and audit log) as the CLI's. */
const operations = (services: Services) => new BackendOperations({ ...services, actor: 'admin_api' });
const consumerJson = (c: Consumer) => ({
  consumer_key: c.consumerKey,
  legal_entity_id: c.legalEntityId,
  user_id: c.externalUserId,
  label: c.label,
  scope: c.scope,
  created_at: c.createdAt,
  revoked_at: c.revokedAt,
});

export function registerAdminRoutes(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The operator token (PLANNER_ADMIN_TOKEN).',
  });

  app.openapi(listEntities, async (c) => {
    const all = await listLegalEntities(c.var.services.db);
    return c.json({ legal_entities: all.map(entityJson) }, 200);
  });

  app.openapi(showEntity, async (c) => {
    return c.json(entityJson(await requireLegalEntity(c.var.services.db, c.req.valid('param').id)), 200);
  });

  app.openapi(putSubscription, async (c) => {
    const { services } = c.var;
    const { id } = c.req.valid('param');
    const subscription = await setSubscription(services.db, id, c.req.valid('json').services);
    services.subscriptions.forget(id);
    services.log.info('subscription.set', { legal_entity: id, services: subscription.services, by: 'admin' });
    return c.json(entityJson(await requireLegalEntity(services.db, id)), 200);
  });

  app.openapi(putOauthLifetime, async (c) => {
    const { id } = c.req.valid('param');
    const le = await setOauthTokenLifetime(c.var.services.db, id, c.req.valid('json').seconds);
    return c.json(entityJson(le), 200);
  });

  app.openapi(listProfiles, async (c) => {
    const profiles = await listBackendProfiles(c.var.services.db, c.req.valid('param').id);
    return c.json({ backend_profiles: profiles.map(profileJson) }, 200);
  });

  app.openapi(createProfile, async (c) => {
    const { services } = c.var;
    const input = c.req.valid('json');
    const profile = await operations(services).create(c.req.valid('param').id, {
      name: input.name,
      externalSystem: input.external_system,
    });
    c.header('Location', `/admin/api/backend-profiles/${profile.id}`);
    return c.json(await detailsJson(services, profile), 201);
  });

  app.openapi(showProfile, async (c) => {
    const { services } = c.var;
    const profile = await getBackendProfileDetails(services.db, services.master, c.req.valid('param').id);
    if (!profile) throw notFound('No such back-end profile.');
    return c.json(await detailsJson(services, profile), 200);
  });

  app.openapi(rotateKey, async (c) => {
    const { services } = c.var;
    const overlap = c.req.valid('json').overlap_seconds;
    const profile = await operations(services).rotateAccessKey(
      c.req.valid('param').id,
      overlap === undefined ? {} : { overlapSeconds: overlap },
    );
    return c.json(await detailsJson(services, profile), 200);
  });

  app.openapi(disableProfile, async (c) => {
    const profile = await operations(c.var.services).disable(c.req.valid('param').id);
    return c.json(profileJson(profile), 200);
  });

  app.openapi(enableProfile, async (c) => {
    const profile = await operations(c.var.services).enable(c.req.valid('param').id);
    return c.json(profileJson(profile), 200);
  });

  app.openapi(deleteProfile, async (c) => {
    const profile = await operations(c.var.services).delete(c.req.valid('param').id);
    return c.json(profileJson(profile), 200);
  });

  app.openapi(generateStatic, async (c) => {
    const issued = await operations(c.var.services).generateStaticToken(c.req.valid('param').id);
    return c.json(
      {
        static_token: issued.token,
        id: issued.id,
        profile_id: issued.profileId,
        created_at: issued.createdAt,
        replaced: issued.replaced?.id ?? null,
      },
      201,
    );
  });

  app.openapi(deactivateStatic, async (c) => {
    const done = await operations(c.var.services).deactivateStaticToken(c.req.valid('param').id);
    return c.json({ id: done.id, profile_id: done.profileId, deactivated_at: done.deactivatedAt }, 200);
  });

  app.openapi(listOauthConsumers, async (c) => {
    const consumers = await listConsumers(c.var.services.db, c.req.valid('param').id);
    return c.json({ oauth_consumers: consumers.map(consumerJson) }, 200);
  });

  app.openapi(createOauthConsumer, async (c) => {
    const { services } = c.var;
    const input = c.req.valid('json');
    const consumer = await createConsumer(services.db, c.req.valid('param').id, {
      externalUserId: input.user_id,
      ...(input.label === undefined ? {} : { label: input.label }),
      ...(input.scope === undefined ? {} : { scope: input.scope }),
    });
    services.log.info('oauth_consumer.created', {
      consumer_key: consumer.consumerKey,
      legal_entity: consumer.legalEntityId,
    });
    return c.json({ ...consumerJson(consumer), consumer_secret: consumer.consumerSecret }, 201);
  });

  app.openapi(revokeOauthConsumer, async (c) => {
    const { services } = c.var;
    const consumer = await revokeConsumer(services.db, c.req.valid('param').key);
    services.opaqueTokens.forgetConsumer(consumer.consumerKey);
    services.log.info('oauth_consumer.revoked', { consumer_key: consumer.consumerKey });
    return c.json(consumerJson(consumer), 200);
  });
}
