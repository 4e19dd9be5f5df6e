import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { CATALOG_LIMITS as L } from '@planner/contract';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { CatalogImportError, importProblems, prepareImport } from '../../../catalog/catalog-import.ts';
import { CatalogOperations, catalogPage, describeCatalog } from '../../../catalog/catalog-operations.ts';
import {
  AdminCatalog,
  Catalog,
  CatalogImportErrorBody,
  CatalogImportInput,
  CatalogImportResult,
  CatalogQuery,
} from '../../../schemas/catalog.ts';
import type { AppEnv } from '../../env.ts';
import { ApiError, invalidInput } from '../../errors.ts';
import { limitBody } from '../../middleware/body-limit.ts';
import { payloadTooLarge } from '../../middleware/json-body.ts';
import { auth, common, errors, json, leId } from './openapi.ts';
import { adminOperations } from './operations.ts';

/** The import path, for the app's outer body limit (an import is larger than any other body). */
export const CATALOG_IMPORT_PATH = /^\/admin\/api\/legal-entities\/[^/]+\/catalog\/imports$/;

const CSV = 'text/csv';
const mediaType = (c: Context) => c.req.header('Content-Type')?.split(';')[0]?.trim().toLowerCase();

/** JSON or CSV, bounded: anything else is a 415 before the body is read. */
const importBody = (() => {
  const limit = limitBody(L.importMaxBytes, payloadTooLarge);
  return createMiddleware<AppEnv>(async (c, next) => {
    const type = mediaType(c);
    if (type !== 'application/json' && type !== CSV) {
      throw new ApiError(415, 'unsupported_media_type', 'The import must be application/json or text/csv.');
    }
    return limit(c, next);
  });
})();

const showCatalog = createRoute({
  ...common,
  method: 'get',
  path: '/admin/api/legal-entities/{id}/catalog',
  summary: "A legal entity's catalog: its version and every import",
  middleware: [auth] as const,
  request: { params: leId },
  responses: { 200: json(AdminCatalog, 'It'), ...errors([401, 404]) },
});

const listItems = createRoute({
  ...common,
  method: 'get',
  path: '/admin/api/legal-entities/{id}/catalog/items',
  summary: "A page of a legal entity's catalog as the planner gets it, variants and all",
  description:
    "What `GET /v1/catalog` answers that legal entity's planner (the items on sale, searched and paged the same way), for the operator console: each item with its variants (colour or material, SKU, price, colour).",
  middleware: [auth] as const,
  request: { params: leId, query: CatalogQuery },
  responses: { 200: json(Catalog, 'One page'), ...errors([400, 401, 404]) },
});

const importCatalog = createRoute({
  ...common,
  method: 'post',
  path: '/admin/api/legal-entities/{id}/catalog/imports',
  summary: 'Import the whole catalog as its next version (all or nothing)',
  description: [
    `JSON \`{ "items": [...] }\` or CSV (\`text/csv\`, a header line naming the columns sku, name, category, description, width_cm, depth_cm, height_cm, price_cents, currency, image_url, symbol_svg; a row with \`variant_of\` (and variant_kind, variant_name, price_cents, colour) is a variant of the item with that SKU). At most ${L.maxItems} items, ${L.importMaxBytes} bytes.`,
    'Validated whole: any problem refuses it all (422 `catalog_invalid`, every problem by row and field: a CSV row is its line in the file, a JSON row the item’s position from 1). Items the previous version had and this one leaves out are no longer sold: saved projects still find them.',
    'An SVG symbol is rebuilt from an allow-list (no scripts, event handlers, foreignObject, style or external references); without one, a symbol is drawn from the category and size.',
  ].join('\n\n'),
  middleware: [auth, importBody] as const,
  request: {
    params: leId,
    body: {
      // Not `required`: the JSON schema is then checked only for a JSON body (a CSV one is parsed here).
      required: false,
      content: {
        'application/json': { schema: CatalogImportInput },
        [CSV]: {
          schema: z.string().openapi({
            example:
              'sku,name,category,width_cm,depth_cm,height_cm,price_cents,currency\nsofa-1,Sofa,Seating,200,90,80,49900,EUR',
          }),
        },
      },
    },
  },
  responses: {
    201: json(CatalogImportResult, 'Imported: the new version'),
    422: json(CatalogImportErrorBody, 'catalog_invalid: nothing was imported'),
    ...errors([400, 401, 404, 413, 415]),
  },
});

const refused = (c: Context<AppEnv>, error: CatalogImportError) =>
  c.json(
    { error: 'catalog_invalid' as const, error_description: error.message, errors: error.problems },
    422,
  );

/**
 * A JSON import the schema refused, validated again row by row so the problems across rows
 * are listed too (Hono cached the parsed body).
 */
async function refusedWhole(c: Context<AppEnv>, issues: z.core.$ZodIssue[]) {
  try {
    prepareImport({ items: ((await c.req.json()) as { items?: unknown } | null)?.items });
  } catch (error) {
    if (error instanceof CatalogImportError) return refused(c, error);
    throw error;
  }
  return refused(c, new CatalogImportError(importProblems(issues)));
}

/** The catalog: shown, imported from JSON or CSV. */
export function registerCatalogAdminRoutes(app: OpenAPIHono<AppEnv>) {
  app.openapi(showCatalog, async (c) =>
    c.json(await describeCatalog(c.get('services'), c.req.valid('param').id), 200),
  );

  app.openapi(listItems, async (c) =>
    c.json(await catalogPage(c.var.services, c.req.valid('param').id, c.req.valid('query')), 200),
  );

  app.openapi(
    importCatalog,
    async (c) => {
      const { id } = c.req.valid('param');
      const operations = new CatalogOperations(adminOperations(c.get('services')));
      try {
        const result =
          mediaType(c) === CSV
            ? await operations.import(id, { format: 'csv', text: await c.req.text() })
            : await operations.import(id, { items: (c.req.valid('json') as { items: unknown }).items });
        return c.json(result, 201);
      } catch (error) {
        if (error instanceof CatalogImportError) return refused(c, error);
        throw error;
      }
    },
    // A JSON body that fails the schema is refused here, with every problem by row and field
    // (the app's default hook names only the first).
    (result, c) => {
      if (result.success) return undefined;
      if (result.target !== 'json') {
        const issue = result.error.issues[0];
        throw invalidInput(`${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'Invalid request.'}`);
      }
      return refusedWhole(c, result.error.issues);
    },
  );
}
