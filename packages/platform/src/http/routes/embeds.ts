import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { EMBED_ORIGINS_TTL_SECONDS } from '../../accounts/embed-origin-directory.ts';
import type { LegalEntity } from '../../accounts/legal-entities.ts';
import { LegalEntityOperations } from '../../accounts/legal-entity-operations.ts';
import { ErrorBody } from '../../schemas/common.ts';
import { Embed, OriginInput } from '../../schemas/embeds.ts';
import type { AppEnv } from '../env.ts';
import { adminAuth } from '../middleware/admin-auth.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { adminOperations } from './admin/operations.ts';

/**
 * A legal entity's embed origins over HTTP: read by the planner's server (public: the same
 * list is in every planner page's `frame-ancestors` anyway), changed by the operator.
 * A change reaches every platform instance at once (announced); planner servers see it
 * within `EMBED_ORIGINS_TTL_SECONDS`, the lifetime of the public answer.
 */

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const errors = (codes: number[]) => Object.fromEntries(codes.map((code) => [code, json(ErrorBody, 'Error')]));
const leId = z
  .string()
  .max(100)
  .openapi({ param: { name: 'id', in: 'path' } });

const showEmbed = createRoute({
  method: 'get',
  path: '/v1/embeds/{id}',
  tags: ['Embeds'],
  summary: "A legal entity's embed origins (public; the planner's frame-ancestors)",
  description: `Cacheable for ${EMBED_ORIGINS_TTL_SECONDS} seconds. An unknown legal entity is a 404.`,
  request: { params: z.object({ id: leId }) },
  responses: { 200: json(Embed, 'Its origins'), 404: json(ErrorBody, 'No such legal entity') },
});

const admin = { tags: ['Admin'], security: [{ adminToken: [] }] };
const addEmbedOrigin = createRoute({
  ...admin,
  method: 'post',
  path: '/admin/api/legal-entities/{id}/origins',
  summary: 'Register an embed origin (idempotent)',
  description: 'Takes effect at once for new tokens; planner pages follow within seconds.',
  middleware: [adminAuth(), jsonBody(16 * 1024)] as const,
  request: {
    params: z.object({ id: leId }),
    body: { required: true, content: { 'application/json': { schema: OriginInput } } },
  },
  responses: { 200: json(Embed, 'Its origins now'), ...errors([400, 401, 404, 415]) },
});
const removeEmbedOrigin = createRoute({
  ...admin,
  method: 'delete',
  path: '/admin/api/legal-entities/{id}/origins/{origin}',
  summary: 'Remove an embed origin (the origin percent-encoded)',
  middleware: [adminAuth()] as const,
  request: {
    params: z.object({
      id: leId,
      origin: z
        .string()
        .max(2048)
        .openapi({ param: { name: 'origin', in: 'path' }, example: 'https%3A%2F%2Fshop.example' }),
    }),
  },
  responses: { 200: json(Embed, 'Its origins now'), ...errors([400, 401, 404]) },
});

const embedJson = (le: Pick<LegalEntity, 'id' | 'origins'>) => ({
  legal_entity_id: le.id,
  origins: [...le.origins],
});

export function registerEmbedRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(showEmbed, async (c) => {
    const { id } = c.req.valid('param');
    const origins = await c.get('services').embedOrigins.origins(id);
    // Shared caches may keep either answer as long as the planner's own server would.
    c.header('Cache-Control', `public, max-age=${EMBED_ORIGINS_TTL_SECONDS}`);
    if (!origins) return c.json({ error: 'not_found', error_description: 'No such legal entity.' }, 404);
    return c.json(embedJson({ id: id.toLowerCase(), origins: [...origins] }), 200);
  });

  app.openapi(addEmbedOrigin, async (c) => {
    const services = c.get('services');
    const { id } = c.req.valid('param');
    const { origin } = c.req.valid('json');
    // The same operation (and audit line) as the CLI's `origin add`.
    const le = await new LegalEntityOperations(adminOperations(services)).addOrigin(id, origin);
    // Here at once; other instances on the announcement.
    services.embedOrigins.forget(le.id);
    return c.json(embedJson(le), 200);
  });

  app.openapi(removeEmbedOrigin, async (c) => {
    const services = c.get('services');
    const { id, origin } = c.req.valid('param');
    const le = await new LegalEntityOperations(adminOperations(services)).removeOrigin(id, origin);
    services.embedOrigins.forget(le.id);
    return c.json(embedJson(le), 200);
  });
}
