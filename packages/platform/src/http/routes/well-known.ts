import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';

const jwks = createRoute({
  method: 'get',
  path: '/.well-known/jwks.json',
  tags: ['Keys'],
  summary: 'Public keys that verify access tokens (RFC 7517)',
  responses: {
    200: {
      description: 'JWK Set',
      content: {
        'application/json': { schema: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }) },
      },
    },
  },
});

const health = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['Operations'],
  summary: 'Liveness and database reachability',
  responses: {
    200: {
      description: 'Up',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
  },
});

export function registerWellKnownRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(jwks, async (c) => {
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(await c.var.services.keys.jwks(), 200);
  });
  app.openapi(health, async (c) => {
    await c.var.services.db.query('select 1');
    return c.json({ status: 'ok' as const }, 200);
  });
}
