import type { CatalogIndex, CatalogItem, Design } from './design.ts';
import { type Footprint, footprint } from './footprint.ts';
import { boxesOverlap, isInsideRoom, rectsOverlap } from './geometry.ts';

export interface ItemWarnings {
  /** Part of the item stands outside the room. */
  outside: boolean;
  /** Ids of the items it overlaps. */
  overlaps: string[];
}

/**
 * Floor coverings (rugs: 2 cm high or less) lie under furniture, so they never count as
 * overlapping anything; they are still flagged when they stick out of the room.
 */
export function isFloorCovering(item: CatalogItem | undefined): boolean {
  return item !== undefined && item.height_cm <= 2;
}

/**
 * Every item that is outside the room or overlaps another, by id. Items without a warning
 * are absent. Pairs are filtered by bounding box first, then tested exactly (SAT), so 500
 * items stay well under a frame.
 */
export function computeWarnings(design: Design, catalog: CatalogIndex): Map<string, ItemWarnings> {
  const result = new Map<string, ItemWarnings>();
  const shapes: Footprint[] = design.items.map((item) => footprint(item, catalog));
  const entry = (id: string) => {
    let w = result.get(id);
    if (!w) {
      w = { outside: false, overlaps: [] };
      result.set(id, w);
    }
    return w;
  };
  for (const shape of shapes) {
    if (!isInsideRoom(shape.corners, design.room)) entry(shape.item.id).outside = true;
  }
  const solid = shapes.filter((s) => !isFloorCovering(s.catalogItem));
  // Sweep along x: sort by left edge, compare only with shapes that start before this one ends.
  solid.sort((a, b) => a.box.minX - b.box.minX);
  for (let i = 0; i < solid.length; i++) {
    const a = solid[i]!;
    for (let j = i + 1; j < solid.length; j++) {
      const b = solid[j]!;
      if (b.box.minX >= a.box.maxX) break;
      if (!boxesOverlap(a.box, b.box)) continue;
      if (!rectsOverlap(a.corners, b.corners)) continue;
      entry(a.item.id).overlaps.push(b.item.id);
      entry(b.item.id).overlaps.push(a.item.id);
    }
  }
  return result;
}
