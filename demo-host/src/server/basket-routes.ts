import type { Context, Hono } from 'hono';
import {
  addLines,
  type BasketContents,
  BasketError,
  parseAddRequest,
  parseSetRequest,
  setLine,
  viewBasket,
} from './basket.ts';
import { CatalogUnavailableError, type ShopCatalog } from './shop-catalog.ts';

export interface BasketRoutesDeps {
  catalog: ShopCatalog;
  /** The session's basket, if it has a session (reads never create one). */
  basketOf: (c: Context) => BasketContents | undefined;
  /** Stores the basket in the session, starting one for a visitor who has none. */
  keepBasket: (c: Context, basket: BasketContents) => void;
}

/**
 * The shop's basket and catalog routes. State-changing ones are POSTs, so they get the
 * shop's same-origin JSON rule and body limit (request-guard.ts, app.ts) like login does.
 *
 * - `GET /api/basket`: the session's basket, priced from the catalog now.
 * - `POST /api/basket/lines` `{ lines: [{ sku, variant?, quantity }] }`: adds them (what the
 *   planner's `basket` event holds; its prices are ignored). All or nothing.
 * - `POST /api/basket/quantity` `{ sku, variant?, quantity }`: sets one line (0 removes it).
 * - `POST /api/basket/clear` `{}`.
 * - `GET /api/catalog/:page`: a category page's products (`sofas`, `tables`, `bedroom`).
 *
 * Bad input is a 400 (`invalid_json`) or 422 with a stable `error` code (see `BasketError`),
 * never a 5xx; a catalog the platform cannot give just now is 503 `catalog_unavailable`.
 */
export function basketRoutes(app: Hono, deps: BasketRoutesDeps): void {
  const answer = async (c: Context, basket: BasketContents | undefined) => {
    c.header('Cache-Control', 'no-store');
    return c.json(viewBasket(basket, await deps.catalog.products()));
  };
  const change = (c: Context, apply: (body: unknown, current: BasketContents) => Promise<BasketContents>) =>
    guarded(c, async () => {
      const body = await c.req.json().catch(() => invalidJson);
      if (body === invalidJson) {
        return c.json({ error: 'invalid_json', error_description: 'The body is not JSON.' }, 400);
      }
      const next = await apply(body, deps.basketOf(c) ?? new Map());
      deps.keepBasket(c, next);
      return answer(c, next);
    });

  app.get('/api/basket', (c) => guarded(c, () => answer(c, deps.basketOf(c))));
  app.post('/api/basket/lines', (c) =>
    change(c, async (body, current) =>
      addLines(current, parseAddRequest(body), await deps.catalog.products()),
    ),
  );
  app.post('/api/basket/quantity', (c) =>
    change(c, async (body, current) =>
      setLine(current, parseSetRequest(body), await deps.catalog.products()),
    ),
  );
  app.post('/api/basket/clear', (c) => change(c, async () => new Map()));

  app.get('/api/catalog/:page', (c) =>
    guarded(c, async () => {
      const page = await deps.catalog.category(c.req.param('page'));
      if (!page) return c.json({ error: 'not_found', error_description: 'No such page.' }, 404);
      c.header('Cache-Control', 'public, max-age=60');
      return c.json(page);
    }),
  );
}

const invalidJson = Symbol('invalid JSON');

async function guarded(c: Context, work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    c.header('Cache-Control', 'no-store');
    if (error instanceof BasketError) {
      return c.json(
        { error: error.code, error_description: error.message, ...(error.sku ? { sku: error.sku } : {}) },
        422,
      );
    }
    if (error instanceof CatalogUnavailableError) {
      console.error(JSON.stringify({ event: 'shop.catalog_unavailable', cause: String(error.cause) }));
      return c.json({ error: error.code, error_description: 'The catalog is not available just now.' }, 503);
    }
    throw error;
  }
}
