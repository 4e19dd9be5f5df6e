import type { CatalogIndex, CatalogItem, PlacedItem } from './design.ts';
import { type Box, boundingBox, type Corners, rectCorners } from './geometry.ts';

/** An item whose catalog entry is unknown (withdrawn, or the catalog is still loading) is drawn this size. */
export const UNKNOWN_SIZE_CM = 50;

export interface Footprint {
  item: PlacedItem;
  /** Undefined when the catalog does not (or not yet) know the item. */
  catalogItem: CatalogItem | undefined;
  width: number;
  depth: number;
  corners: Corners;
  box: Box;
}

// Placed items are never changed in place (every edit makes a new one), so a piece's footprint
// holds as long as its catalog entry does: the plan and the warnings ask for every piece's on
// each frame of a drag.
const known = new WeakMap<PlacedItem, Footprint>();

export function footprint(item: PlacedItem, catalog: CatalogIndex): Footprint {
  const catalogItem = catalog.get(item.catalog_id);
  const memo = known.get(item);
  if (memo && memo.catalogItem === catalogItem) return memo;
  const shape = measure(item, catalogItem);
  known.set(item, shape);
  return shape;
}

function measure(item: PlacedItem, catalogItem: CatalogItem | undefined): Footprint {
  const width = catalogItem?.width_cm ?? UNKNOWN_SIZE_CM;
  const depth = catalogItem?.depth_cm ?? UNKNOWN_SIZE_CM;
  const corners = rectCorners(item.x, item.y, width, depth, item.rotation);
  return { item, catalogItem, width, depth, corners, box: boundingBox(corners) };
}
