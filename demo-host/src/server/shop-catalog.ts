/** What the shop sells, as it prices and shows it: the platform's catalog items, by SKU. */
export interface ShopProduct {
  sku: string;
  name: string;
  category: string;
  description: string;
  width_cm: number;
  depth_cm: number;
  height_cm: number;
  price_cents: number;
  currency: string;
  /** Its colours and materials, each with its own SKU and price (the platform's `CatalogVariant`). */
  variants: ShopVariant[];
}

export interface ShopVariant {
  sku: string;
  /** `colour` or `material`: what the category pages say it is. */
  kind: 'colour' | 'material';
  name: string;
  price_cents: number;
  colour: string | null;
}

/** The shop's category pages (`/sofas`, …) and which catalog categories each shows. */
export const SHOP_CATEGORIES: Record<string, { title: string; categories: string[] }> = {
  sofas: { title: 'Sofas & armchairs', categories: ['Seating'] },
  tables: { title: 'Tables', categories: ['Tables'] },
  bedroom: { title: 'Bedroom', categories: ['Beds'] },
};

/** The shop's catalog could not be read from the platform just now (503 `catalog_unavailable`). */
export class CatalogUnavailableError extends Error {
  readonly code = 'catalog_unavailable';
  constructor(options?: ErrorOptions) {
    super('The catalog could not be loaded.', options);
    this.name = 'CatalogUnavailableError';
  }
}

export interface ShopCatalogOptions {
  /** A read-only legal-entity token of the shop (the token client's). */
  token: () => Promise<{ access_token: string }>;
  /**
   * The platform's API. Default: the token's issuer, which the platform names as its own
   * public URL (the token comes straight from the platform to this back-end).
   */
  platformUrl?: string | undefined;
  /** How long an answer is kept, ms. Default 60 s. */
  maxAgeMs?: number;
  now?: () => number;
  fetch?: typeof fetch;
}

/**
 * The shop's catalog, read from the platform with the shop's own legal-entity token (the
 * seeded catalog is the demo shop's) and kept a minute: the basket prices its lines from it,
 * never from what the browser sends, and the category pages list it. Single-flight: callers
 * while a load runs share it; a failed load is not kept.
 */
export class ShopCatalog {
  readonly #options: ShopCatalogOptions;
  #loaded: { at: number; products: Map<string, ShopProduct> } | undefined;
  #loading: Promise<Map<string, ShopProduct>> | undefined;

  constructor(options: ShopCatalogOptions) {
    this.#options = options;
  }

  /** Every product, by SKU. Rejects with `CatalogUnavailableError`. */
  async products(): Promise<Map<string, ShopProduct>> {
    const now = (this.#options.now ?? Date.now)();
    if (this.#loaded && now - this.#loaded.at < (this.#options.maxAgeMs ?? 60_000))
      return this.#loaded.products;
    this.#loading ??= this.#load().then(
      (products) => {
        this.#loaded = { at: now, products };
        this.#loading = undefined;
        return products;
      },
      (error: unknown) => {
        this.#loading = undefined;
        throw error instanceof CatalogUnavailableError
          ? error
          : new CatalogUnavailableError({ cause: error });
      },
    );
    return this.#loading;
  }

  /** The products of one shop category page, in catalog order; undefined for an unknown page. */
  async category(slug: string): Promise<{ title: string; products: ShopProduct[] } | undefined> {
    const page = Object.hasOwn(SHOP_CATEGORIES, slug) ? SHOP_CATEGORIES[slug] : undefined;
    if (!page) return undefined;
    const products = [...(await this.products()).values()].filter((p) =>
      page.categories.includes(p.category),
    );
    return { title: page.title, products };
  }

  async #load(): Promise<Map<string, ShopProduct>> {
    const { access_token } = await this.#options.token();
    const base = this.#options.platformUrl ?? issuerOf(access_token);
    const products = new Map<string, ShopProduct>();
    // Every page (the platform gives at most 200 items a page), so a piece past the first
    // page is priced too. Bounded: a catalog holds at most 10 000 items.
    let offset: number | null = 0;
    for (let page = 0; offset !== null && page < 60; page++) {
      const url = new URL('/v1/catalog', base);
      url.searchParams.set('limit', '200');
      if (offset) url.searchParams.set('offset', String(offset));
      const res = await (this.#options.fetch ?? fetch)(url, {
        headers: { Authorization: `Bearer ${access_token}`, Accept: 'application/json' },
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) throw new CatalogUnavailableError({ cause: new Error(`GET /v1/catalog: ${res.status}`) });
      // The platform's `GET /v1/catalog` (`Catalog` in @planner/contract): an item's id is its SKU.
      const body = (await res.json()) as {
        items?: (Omit<ShopProduct, 'sku' | 'variants'> & { id: string; variants?: ShopVariant[] })[];
        next_offset?: number | null;
      };
      for (const item of body.items ?? []) {
        products.set(item.id, {
          sku: item.id,
          name: item.name,
          category: item.category,
          description: item.description,
          width_cm: item.width_cm,
          depth_cm: item.depth_cm,
          height_cm: item.height_cm,
          price_cents: item.price_cents,
          currency: item.currency,
          variants: (item.variants ?? []).map((v) => ({
            sku: v.sku,
            kind: v.kind,
            name: v.name,
            price_cents: v.price_cents,
            colour: v.colour,
          })),
        });
      }
      offset = typeof body.next_offset === 'number' && body.next_offset > offset ? body.next_offset : null;
    }
    return products;
  }
}

function issuerOf(token: string): string {
  const payload = token.split('.')[1] ?? '';
  const iss = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown }).iss;
  if (typeof iss !== 'string') throw new CatalogUnavailableError();
  return iss;
}
