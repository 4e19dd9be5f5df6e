import { createHash } from 'node:crypto';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { CATALOG_LIMITS as L } from '@planner/contract';
import type { Context } from 'hono';
import { Catalog, CatalogLookup, CatalogLookupQuery, CatalogQuery } from '../../schemas/catalog.ts';
import { ErrorBody } from '../../schemas/common.ts';
import type { AppEnv } from '../env.ts';
import { invalidInput, notFound } from '../errors.ts';
import { parseEntityTags } from '../etag.ts';
import { bearerAuth } from '../middleware/bearer-auth.ts';

// Everything but a back-end: the catalog is not one of the back-end services.
const planner = bearerAuth({ kinds: ['legal_entity', 'user', 'oauth'] });
const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorBody } },
});
const cached = {
  headers: z.object({
    ETag: z
      .string()
      .openapi({ description: 'Changes with the catalog version; send it back in If-None-Match.' }),
  }),
};
const conditional = z.object({ 'if-none-match': z.string().max(1024).optional() });

const catalogRoute = createRoute({
  method: 'get',
  path: '/v1/catalog',
  tags: ['Catalog'],
  summary: "A page of the legal entity's catalog, searched",
  description:
    'Only the items on sale, in catalog order; `q` finds words (prefixes) in name, SKU, category, description and variant names. Answers carry an ETag: with If-None-Match it answers 304 while the catalog has not changed.',
  security: [{ bearerAuth: [] }],
  middleware: [planner] as const,
  request: { query: CatalogQuery, headers: conditional },
  responses: {
    200: { description: 'One page', content: { 'application/json': { schema: Catalog } }, ...cached },
    304: { description: 'Unchanged since the ETag sent' },
    400: error('invalid_request: a bad query'),
    401: error('Missing or invalid token'),
  },
});

const lookupRoute = createRoute({
  method: 'get',
  path: '/v1/catalog/items',
  tags: ['Catalog'],
  summary: 'Items by id, sold or not',
  description:
    'What a saved project needs to draw its pieces: items an import left out come back with `sold: false` ("no longer sold"); ids never in this catalog are listed in `missing`.',
  security: [{ bearerAuth: [] }],
  middleware: [planner] as const,
  request: { query: CatalogLookupQuery, headers: conditional },
  responses: {
    200: {
      description: 'The items found',
      content: { 'application/json': { schema: CatalogLookup } },
      ...cached,
    },
    304: { description: 'Unchanged since the ETag sent' },
    400: error('invalid_request: too many or malformed ids'),
    401: error('Missing or invalid token'),
  },
});

const symbolRoute = createRoute({
  method: 'get',
  path: '/v1/catalog/symbols/{hash}',
  tags: ['Catalog'],
  summary: 'A plan symbol (public, immutable)',
  description:
    "Named by the SHA-256 of its SVG, so it never changes and names no catalog. Drawn in a viewBox of the item's width × depth in centimetres, so it scales to the footprint.",
  request: { params: z.object({ hash: z.string().max(64) }) },
  responses: {
    200: { description: 'SVG', content: { 'image/svg+xml': { schema: z.string() } } },
    404: error('No such symbol'),
  },
});

/**
 * Each answer's ETag: the legal entity, its catalog version and the query, hashed. Two
 * legal entities never share one, so a browser cache shared by two shops' planners cannot
 * answer one with the other's page.
 */
const etag = (le: string, version: number, query: unknown) =>
  `"c${version}-${createHash('sha256')
    .update(JSON.stringify([le, version, query]))
    .digest('base64url')
    .slice(0, 22)}"`;

const matches = (field: string | undefined, tag: string) => {
  if (!field) return false;
  const tags = parseEntityTags(field);
  // Weak comparison (RFC 9110 §13.1.2): If-None-Match ignores W/.
  return tags === '*' || (tags ?? []).some((t) => `"${t.opaque}"` === tag);
};

/** No max-age: every use revalidates (cheap: a 304 after one primary-key read), so an import shows at once. */
function cacheHeaders(c: Context<AppEnv>, tag: string) {
  c.header('ETag', tag);
  c.header('Cache-Control', 'private, no-cache');
  c.header('Vary', 'Authorization');
}

export function registerCatalogRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(catalogRoute, async (c) => {
    const { catalog } = c.get('services');
    const le = c.get('principal').le;
    const query = c.req.valid('query');
    const version = await catalog.version(le);
    const tag = etag(le, version, [query.q ?? '', query.category ?? '', query.offset ?? 0, query.limit ?? 0]);
    cacheHeaders(c, tag);
    if (matches(c.req.valid('header')['if-none-match'], tag)) return c.body(null, 304);
    return c.json(await catalog.page(le, query, version), 200);
  });

  app.openapi(lookupRoute, async (c) => {
    const { catalog } = c.get('services');
    const le = c.get('principal').le;
    const ids = [...new Set(c.req.valid('query').ids.split(',').filter(Boolean))];
    if (ids.length > L.lookupMaxIds) throw invalidInput(`ids: at most ${L.lookupMaxIds}.`);
    if (ids.some((id) => id.length > L.skuMaxLength || !new RegExp(L.skuPattern).test(id))) {
      throw invalidInput('ids: each a SKU (letters, digits, ".", "_", "-").');
    }
    const version = await catalog.version(le);
    const tag = etag(le, version, ids);
    cacheHeaders(c, tag);
    if (matches(c.req.valid('header')['if-none-match'], tag)) return c.body(null, 304);
    return c.json({ version, ...(await catalog.lookup(le, ids)) }, 200);
  });

  app.openapi(symbolRoute, async (c) => {
    const { hash } = c.req.valid('param');
    const svg = /^[0-9a-f]{64}$/.test(hash) ? await c.get('services').catalog.symbol(hash) : undefined;
    if (!svg) throw notFound('No such symbol.');
    return c.body(svg, 200, {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=31536000, immutable',
      // Symbols are data, never documents: no script runs even if one is opened directly.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
      'Cross-Origin-Resource-Policy': 'cross-origin',
    });
  });
}
