import type { CatalogVariant } from '@planner/contract';
import type { CatalogItem, Design, PlacedItem } from '../editor/design.ts';

/**
 * A placed piece's variant (issue 12): the colour or material the shopper chose, kept in the
 * project by its SKU. A SKU the catalog item no longer has is "gone": the piece keeps it
 * (flagged, never dropped) until the shopper chooses again.
 */

/** The catalog's variant the piece names; undefined for none, or one the item no longer has. */
export const variantOf = (item: PlacedItem, c: CatalogItem | undefined): CatalogVariant | undefined =>
  item.variant ? c?.variants?.find((v) => v.sku === item.variant) : undefined;

/** True when the piece names a variant its catalog item does not have (any more). */
export const variantGone = (item: PlacedItem, c: CatalogItem | undefined): boolean =>
  !!item.variant && !!c && !variantOf(item, c);

/** The design with piece `id` in `variant` (undefined: the item as it comes); the same design when nothing changes. */
export function setVariant(design: Design, id: string, variant: string | undefined): Design {
  const index = design.items.findIndex((i) => i.id === id);
  const old = design.items[index];
  if (!old || old.variant === variant) return design;
  const { variant: _, ...rest } = old;
  const items = design.items.slice();
  items[index] = variant ? { ...rest, variant } : rest;
  return { ...design, items };
}
