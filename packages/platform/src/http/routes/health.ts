import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';

const NO_STORE = { 'Cache-Control': 'no-store' };

const liveness = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['Operations'],
  summary: 'Liveness: the process answers (restart it when this fails)',
  description:
    'Touches nothing else: a database outage must not make an orchestrator restart every instance.',
  responses: {
    200: {
      description: 'Alive',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
  },
});

const readiness = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['Operations'],
  summary: 'Readiness: send this instance traffic (a balancer health check)',
  description:
    'Ready when the database answers and every migration of this build is applied; 503 as soon as a shutdown (SIGTERM) starts draining.',
  responses: {
    200: {
      description: 'Ready',
      content: { 'application/json': { schema: z.object({ status: z.literal('ready') }) } },
    },
    503: {
      description: 'Not ready',
      content: {
        'application/json': {
          schema: z.object({
            status: z.literal('not_ready'),
            reason: z.enum(['draining', 'database_unreachable', 'migrations_pending']),
          }),
        },
      },
    },
  },
});

export function registerHealthRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(liveness, (c) => c.json({ status: 'ok' as const }, 200, NO_STORE));
  app.openapi(readiness, async (c) => {
    const result = await c.get('services').readiness.check();
    if (result.ready) return c.json({ status: 'ready' as const }, 200, NO_STORE);
    return c.json({ status: 'not_ready' as const, reason: result.reason }, 503, NO_STORE);
  });
}
