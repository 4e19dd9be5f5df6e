import { CATALOG_LIMITS, type CatalogLookup } from '@planner/contract';
import type { CatalogIndex, Design } from './design.ts';

/**
 * Saved projects outlive catalog versions: a piece whose item an import left out is still
 * in the project, and the platform still answers for it (`GET /v1/catalog/items`, `sold:
 * false`). These helpers find such pieces and fetch their items, so the planner keeps their
 * size and price and flags them "no longer sold" (`itemName`) instead of an unknown box.
 */

/** Catalog ids of placed pieces that the index does not know, each once. */
export function unknownCatalogIds(design: Pick<Design, 'items'>, index: CatalogIndex): string[] {
  return [...new Set(design.items.map((i) => i.catalog_id))].filter((id) => !index.has(id));
}

/** The index with the items `lookup` finds for `ids` (sold or not) added, asked in batches. */
export async function withLookedUp(
  index: CatalogIndex,
  ids: string[],
  lookup: (ids: string[]) => Promise<CatalogLookup>,
): Promise<CatalogIndex> {
  if (!ids.length) return index;
  const next = new Map(index);
  for (let i = 0; i < ids.length; i += CATALOG_LIMITS.lookupMaxIds) {
    const answer = await lookup(ids.slice(i, i + CATALOG_LIMITS.lookupMaxIds));
    for (const item of answer.items) next.set(item.id, item);
  }
  return next;
}
