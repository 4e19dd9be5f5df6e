import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { registerBackendProfileRoutes } from './admin/backend-profiles.ts';
import { registerCatalogAdminRoutes } from './admin/catalog.ts';
import { registerLegalEntityRoutes } from './admin/legal-entities.ts';
import { registerOauthConsumerRoutes } from './admin/oauth-consumers.ts';

/**
 * The admin API: what the Back-ends admin page and operators' scripts use. Everything the
 * operator CLI does for back-ends, subscriptions and OAuth consumers, over HTTP, behind the
 * operator token. Secrets (static tokens, consumer secrets) are in the answer that creates
 * them and nowhere else; a profile's access key is on its details.
 */
export function registerAdminRoutes(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'adminToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The operator token (PLANNER_ADMIN_TOKEN).',
  });
  registerLegalEntityRoutes(app);
  registerBackendProfileRoutes(app);
  registerOauthConsumerRoutes(app);
  registerCatalogAdminRoutes(app);
}
