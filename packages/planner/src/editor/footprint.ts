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

export function footprint(item: PlacedItem, catalog: CatalogIndex): Footprint {
  const catalogItem = catalog.get(item.catalog_id);
  const width = catalogItem?.width_cm ?? UNKNOWN_SIZE_CM;
  const depth = catalogItem?.depth_cm ?? UNKNOWN_SIZE_CM;
  const corners = rectCorners(item.x, item.y, width, depth, item.rotation);
  return { item, catalogItem, width, depth, corners, box: boundingBox(corners) };
}
