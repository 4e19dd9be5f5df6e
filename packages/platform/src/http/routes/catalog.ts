import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { Catalog } from '../../schemas/catalog.ts';
import { ErrorBody } from '../../schemas/common.ts';
import type { AppEnv } from '../env.ts';
import { notFound } from '../errors.ts';
import { bearerAuth } from '../middleware/bearer-auth.ts';

const catalogRoute = createRoute({
  method: 'get',
  path: '/v1/catalog',
  tags: ['Catalog'],
  summary: 'The furniture catalog',
  security: [{ bearerAuth: [] }],
  // Everything but a back-end: the catalog is not one of the back-end services.
  middleware: [bearerAuth({ kinds: ['legal_entity', 'user', 'oauth'] })] as const,
  responses: {
    200: {
      description: 'Every item, with its categories',
      content: { 'application/json': { schema: Catalog } },
    },
    401: { description: 'Missing or invalid token', content: { 'application/json': { schema: ErrorBody } } },
  },
});

const symbolRoute = createRoute({
  method: 'get',
  path: '/v1/catalog/{id}/symbol.svg',
  tags: ['Catalog'],
  summary: "An item's plan symbol (public, cacheable)",
  description:
    "Drawn in a viewBox of the item's width × depth in centimetres, so it scales to the footprint.",
  request: { params: z.object({ id: z.string().max(64) }) },
  responses: {
    200: { description: 'SVG', content: { 'image/svg+xml': { schema: z.string() } } },
    404: { description: 'No such item', content: { 'application/json': { schema: ErrorBody } } },
  },
});

export function registerCatalogRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(catalogRoute, async (c) => {
    c.header('Cache-Control', 'private, max-age=300');
    return c.json(await c.var.services.catalog.catalog(), 200);
  });

  app.openapi(symbolRoute, async (c) => {
    const svg = await c.var.services.catalog.symbol(c.req.valid('param').id);
    if (!svg) throw notFound('No such catalog item.');
    return c.body(svg, 200, {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=86400',
      // Symbols are data, never documents: no script runs even if one is opened directly.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
  });
}
