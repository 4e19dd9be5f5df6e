import type { Queryable } from '../db/database.ts';
import type { Catalog, CatalogItem } from '../schemas/catalog.ts';

interface Row {
  id: string;
  category: string;
  name: string;
  description: string;
  width_cm: number;
  depth_cm: number;
  height_cm: number;
  price_cents: number;
  currency: string;
  symbol_svg: string;
}

/**
 * The furniture catalog, read once and kept in memory: it changes only by migration, and
 * every planner load asks for it.
 */
export class CatalogStore {
  #loaded: Promise<{ catalog: Catalog; symbols: Map<string, string> }> | undefined;

  constructor(private readonly db: Queryable) {}

  async catalog(): Promise<Catalog> {
    return (await this.#load()).catalog;
  }

  async item(id: string): Promise<CatalogItem | undefined> {
    return (await this.#load()).catalog.items.find((i) => i.id === id);
  }

  async symbol(id: string): Promise<string | undefined> {
    return (await this.#load()).symbols.get(id);
  }

  #load() {
    this.#loaded ??= this.db
      .query<Row>('select * from catalog_items order by sort_order, id')
      .then((rows) => {
        const items: CatalogItem[] = rows.map((r) => ({
          id: r.id,
          category: r.category,
          name: r.name,
          description: r.description,
          width_cm: r.width_cm,
          depth_cm: r.depth_cm,
          height_cm: r.height_cm,
          price_cents: r.price_cents,
          currency: r.currency.trim(),
          symbol_url: `/v1/catalog/${encodeURIComponent(r.id)}/symbol.svg`,
        }));
        return {
          catalog: { items, categories: [...new Set(items.map((i) => i.category))] },
          symbols: new Map(rows.map((r) => [r.id, r.symbol_svg])),
        };
      })
      .catch((error: unknown) => {
        this.#loaded = undefined;
        throw error;
      });
    return this.#loaded;
  }
}
