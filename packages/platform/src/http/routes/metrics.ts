import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { adminAuth } from '../middleware/admin-auth.ts';

/**
 * `GET /metrics` on the main listener: for the operator only (its token), since the
 * numbers tell an outsider how busy and how failing the platform is. A scraper that should
 * not hold the operator token uses the separate listener instead (PLANNER_METRICS_PORT).
 */
export function registerMetricsRoute(app: OpenAPIHono<AppEnv>) {
  app.get('/metrics', adminAuth(), async (c) => {
    const { body, contentType } = await c.get('services').metrics.expose();
    return c.body(body, 200, { 'Content-Type': contentType });
  });
}
