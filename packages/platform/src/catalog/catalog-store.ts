import { createHash } from 'node:crypto';
import { CATALOG_LIMITS as L } from '@planner/contract';
import type { Database, Queryable } from '../db/database.ts';
import { PlatformError } from '../errors.ts';
import type { Catalog, CatalogItem } from '../schemas/catalog.ts';
import type { PreparedItem } from './catalog-import.ts';

/** A stored item: as imported, with its symbol kept by hash and the version that retired it. */
interface Row extends Omit<PreparedItem, 'symbol_svg' | 'variants' | 'sort_order' | 'search_text'> {
  symbol_hash: string;
  variants: CatalogItem['variants'];
  retired_in: number | null;
}

const COLUMNS =
  'sku, category, name, description, width_cm, depth_cm, height_cm, price_cents, currency, image_url, symbol_hash, variants, retired_in';

export const symbolPath = (hash: string) => `/v1/catalog/symbols/${hash}`;
export const symbolHash = (svg: string) => createHash('sha256').update(svg, 'utf8').digest('hex');

const toItem = (r: Row): CatalogItem => ({
  id: r.sku,
  category: r.category,
  name: r.name,
  description: r.description,
  width_cm: r.width_cm,
  depth_cm: r.depth_cm,
  height_cm: r.height_cm,
  price_cents: r.price_cents,
  currency: r.currency.trim(),
  symbol_url: symbolPath(r.symbol_hash),
  image_url: r.image_url,
  variants: r.variants,
  sold: r.retired_in === null,
});

/**
 * Words of a search as a PostgreSQL full-text query: each word a prefix, all required.
 * Only letters and digits pass, so nothing the shopper types is tsquery syntax.
 */
export function searchQuery(q: string | undefined): string | undefined {
  const words =
    (q ?? '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu)
      ?.slice(0, 8) ?? [];
  return words.length ? words.map((w) => `${w}:*`).join(' & ') : undefined;
}

export interface CatalogPageQuery {
  q?: string | undefined;
  category?: string | undefined;
  offset?: number | undefined;
  limit?: number | undefined;
}

/**
 * Each legal entity's catalog, read from the database on every call: an import on any
 * instance shows at once everywhere, and the version check that answers a revalidation is
 * one primary-key read. Items are searched with a full-text index (GIN over `search`), on
 * PGlite as on PostgreSQL.
 */
export class CatalogStore {
  constructor(private readonly db: Queryable) {}

  async version(le: string): Promise<number> {
    const [row] = await this.db.query<{ v: number | null }>(
      'select max(version) as v from catalog_versions where legal_entity_id = $1',
      [le],
    );
    return row?.v ?? 0;
  }

  async page(le: string, query: CatalogPageQuery, version?: number): Promise<Catalog> {
    const limit = Math.min(query.limit ?? L.pageDefaultLimit, L.pageMaxLimit);
    const offset = query.offset ?? 0;
    const where = ['legal_entity_id = $1', 'retired_in is null'];
    const params: unknown[] = [le];
    const tsquery = searchQuery(query.q);
    if (tsquery) {
      params.push(tsquery);
      where.push(`search @@ to_tsquery('simple', $${params.length})`);
    }
    if (query.category) {
      params.push(query.category);
      where.push(`category = $${params.length}`);
    }
    const filter = where.join(' and ');
    const [rows, [count], categories, head] = await Promise.all([
      this.db.query<Row>(
        `select ${COLUMNS} from catalog_entries where ${filter} order by sort_order, sku limit ${limit} offset ${offset}`,
        params,
      ),
      this.db.query<{ n: number }>(`select count(*)::int as n from catalog_entries where ${filter}`, params),
      this.db.query<{ category: string }>(
        `select category from catalog_entries where legal_entity_id = $1 and retired_in is null
         group by category order by min(sort_order), category`,
        [le],
      ),
      this.#head(le),
    ]);
    const total = count?.n ?? 0;
    return {
      version: version ?? head.version,
      currency: head.currency,
      categories: categories.map((c) => c.category),
      items: rows.map(toItem),
      total,
      offset,
      next_offset: offset + rows.length < total ? offset + rows.length : null,
    };
  }

  /** The items named, sold or not: what a saved project needs to draw every piece. */
  async lookup(le: string, ids: string[]): Promise<{ items: CatalogItem[]; missing: string[] }> {
    const rows = await this.db.query<Row>(
      `select ${COLUMNS} from catalog_entries where legal_entity_id = $1 and sku = any($2::text[])`,
      [le, ids],
    );
    const found = new Set(rows.map((r) => r.sku));
    const order = new Map(ids.map((id, i) => [id, i]));
    return {
      items: rows.map(toItem).sort((a, b) => order.get(a.id)! - order.get(b.id)!),
      missing: ids.filter((id) => !found.has(id)),
    };
  }

  async symbol(hash: string): Promise<string | undefined> {
    const [row] = await this.db.query<{ svg: string }>('select svg from catalog_symbols where hash = $1', [
      hash,
    ]);
    return row?.svg;
  }

  async versions(le: string) {
    return this.db.query<{
      version: number;
      created_at: Date | string;
      items: number;
      added: number;
      updated: number;
      retired: number;
      source: 'seed' | 'import';
    }>(
      'select version, created_at, items, added, updated, retired, source from catalog_versions where legal_entity_id = $1 order by version desc',
      [le],
    );
  }

  async #head(le: string): Promise<{ version: number; currency: string | null; items: number }> {
    const [row] = await this.db.query<{ version: number; currency: string | null; items: number }>(
      `select version, currency, items from catalog_versions where legal_entity_id = $1
       order by version desc limit 1`,
      [le],
    );
    return row
      ? { ...row, currency: row.items ? (row.currency?.trim() ?? null) : null }
      : { version: 0, currency: null, items: 0 };
  }
}

export interface AppliedImport {
  version: number;
  items: number;
  added: number;
  updated: number;
  retired: number;
}

/** Rows per INSERT: one JSON parameter each, well under any statement limit. */
const BATCH = 500;

/**
 * Writes a validated import as the legal entity's next version, in one transaction: the
 * items named are inserted or updated, those left out retired (kept for saved projects).
 * The legal entity's row is locked first, so two imports at once are applied one after the
 * other, each a whole version.
 */
export async function applyImport(
  db: Database,
  le: string,
  items: PreparedItem[],
  source: 'seed' | 'import',
): Promise<AppliedImport> {
  return db.transaction(async (tx) => {
    const locked = await tx.query('select id from legal_entities where id = $1 for update', [le]);
    if (!locked.length) throw new PlatformError('not_found', 'No such legal entity.');
    const [{ v } = { v: 0 }] = await tx.query<{ v: number | null }>(
      'select coalesce(max(version), 0) as v from catalog_versions where legal_entity_id = $1',
      [le],
    );
    const version = (v ?? 0) + 1;
    const symbols = new Map(items.map((i) => [symbolHash(i.symbol_svg), i.symbol_svg]));
    const symbolRows = [...symbols].map(([hash, svg]) => ({ hash, svg }));
    for (let i = 0; i < symbolRows.length; i += BATCH) {
      await tx.query(
        `insert into catalog_symbols (hash, svg)
         select hash, svg from jsonb_to_recordset($1::jsonb) as r(hash text, svg text)
         on conflict (hash) do nothing`,
        [JSON.stringify(symbolRows.slice(i, i + BATCH))],
      );
    }
    const [{ n: before } = { n: 0 }] = await tx.query<{ n: number }>(
      'select count(*)::int as n from catalog_entries where legal_entity_id = $1',
      [le],
    );
    for (let i = 0; i < items.length; i += BATCH) {
      const batch = items.slice(i, i + BATCH).map(({ symbol_svg, ...item }) => ({
        ...item,
        symbol_hash: symbolHash(symbol_svg),
      }));
      await tx.query(
        `insert into catalog_entries (legal_entity_id, sku, category, name, description, width_cm, depth_cm,
           height_cm, price_cents, currency, image_url, symbol_hash, variants, sort_order, updated_in, retired_in, search)
         select $1, sku, category, name, description, width_cm, depth_cm, height_cm, price_cents, currency,
           image_url, symbol_hash, variants, sort_order, $2, null, to_tsvector('simple', search_text)
         from jsonb_to_recordset($3::jsonb) as r(sku text, category text, name text, description text,
           width_cm int, depth_cm int, height_cm int, price_cents int, currency text, image_url text,
           symbol_hash text, variants jsonb, sort_order int, search_text text)
         on conflict (legal_entity_id, sku) do update set category = excluded.category, name = excluded.name,
           description = excluded.description, width_cm = excluded.width_cm, depth_cm = excluded.depth_cm,
           height_cm = excluded.height_cm, price_cents = excluded.price_cents, currency = excluded.currency,
           image_url = excluded.image_url, symbol_hash = excluded.symbol_hash, variants = excluded.variants,
           sort_order = excluded.sort_order, updated_in = excluded.updated_in, retired_in = null,
           search = excluded.search`,
        [le, version, JSON.stringify(batch)],
      );
    }
    const [{ n: after } = { n: 0 }] = await tx.query<{ n: number }>(
      'select count(*)::int as n from catalog_entries where legal_entity_id = $1',
      [le],
    );
    const retired = await tx.query(
      `update catalog_entries set retired_in = $2
       where legal_entity_id = $1 and retired_in is null and updated_in < $2 returning sku`,
      [le, version],
    );
    const added = after - before;
    const result = {
      version,
      items: items.length,
      added,
      updated: items.length - added,
      retired: retired.length,
    };
    await tx.query(
      `insert into catalog_versions (legal_entity_id, version, source, items, added, updated, retired, currency)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        le,
        version,
        source,
        result.items,
        result.added,
        result.updated,
        result.retired,
        items[0]?.currency ?? null,
      ],
    );
    return result;
  });
}

/** The seed catalog (migrations 002 and 009) as an import: what the demo shop's legal entity adopts. */
export async function seedItems(db: Queryable): Promise<PreparedItem[]> {
  const rows = await db.query<{
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
    variants: CatalogItem['variants'];
    sort_order: number;
  }>('select * from catalog_seed_items order by sort_order, id');
  return rows.map((r) => ({
    sku: r.id,
    category: r.category,
    name: r.name,
    description: r.description,
    width_cm: r.width_cm,
    depth_cm: r.depth_cm,
    height_cm: r.height_cm,
    price_cents: r.price_cents,
    currency: r.currency.trim(),
    image_url: null,
    symbol_svg: r.symbol_svg,
    variants: r.variants,
    sort_order: r.sort_order,
    search_text: [r.id, r.name, r.category, r.description, ...r.variants.map((v) => v.name)].join(' '),
  }));
}
