import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { BackendOperations } from '../../../backends/backend-operations.ts';
import { getBackendProfileDetails, listBackendProfiles } from '../../../backends/backend-profiles.ts';
import {
  BackendProfile,
  BackendProfileDetails,
  BackendProfileInput,
  DeactivatedStaticToken,
  NewStaticToken,
  RotateAccessKeyInput,
} from '../../../schemas/admin.ts';
import type { Services } from '../../../services.ts';
import type { AppEnv } from '../../env.ts';
import { notFound } from '../../errors.ts';
import { auth, body, common, errors, json, leId, profileId, withBody } from './openapi.ts';
import { adminOperations } from './operations.ts';
import { detailsJson, profileJson } from './serializers.ts';

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

/** The one way routes change back-end profiles: the same operations (and audit log) as the CLI's. */
const operations = (services: Services) => new BackendOperations(adminOperations(services));

/** Back-end profiles, their access keys and static tokens (issue 9's lifecycle). */
export function registerBackendProfileRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(listProfiles, async (c) => {
    const profiles = await listBackendProfiles(c.get('services').db, c.req.valid('param').id);
    return c.json({ backend_profiles: profiles.map(profileJson) }, 200);
  });

  app.openapi(createProfile, async (c) => {
    const services = c.get('services');
    const input = c.req.valid('json');
    const profile = await operations(services).create(c.req.valid('param').id, {
      name: input.name,
      externalSystem: input.external_system,
    });
    c.header('Location', `/admin/api/backend-profiles/${profile.id}`);
    return c.json(await detailsJson(services, profile), 201);
  });

  app.openapi(showProfile, async (c) => {
    const services = c.get('services');
    const profile = await getBackendProfileDetails(services.db, services.master, c.req.valid('param').id);
    if (!profile) throw notFound('No such back-end profile.');
    return c.json(await detailsJson(services, profile), 200);
  });

  app.openapi(rotateKey, async (c) => {
    const services = c.get('services');
    const overlap = c.req.valid('json').overlap_seconds;
    const profile = await operations(services).rotateAccessKey(
      c.req.valid('param').id,
      overlap === undefined ? {} : { overlapSeconds: overlap },
    );
    return c.json(await detailsJson(services, profile), 200);
  });

  app.openapi(disableProfile, async (c) => {
    const profile = await operations(c.get('services')).disable(c.req.valid('param').id);
    return c.json(profileJson(profile), 200);
  });

  app.openapi(enableProfile, async (c) => {
    const profile = await operations(c.get('services')).enable(c.req.valid('param').id);
    return c.json(profileJson(profile), 200);
  });

  app.openapi(deleteProfile, async (c) => {
    const profile = await operations(c.get('services')).delete(c.req.valid('param').id);
    return c.json(profileJson(profile), 200);
  });

  app.openapi(generateStatic, async (c) => {
    const issued = await operations(c.get('services')).generateStaticToken(c.req.valid('param').id);
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
    const done = await operations(c.get('services')).deactivateStaticToken(c.req.valid('param').id);
    return c.json({ id: done.id, profile_id: done.profileId, deactivated_at: done.deactivatedAt }, 200);
  });
}
