import { doorsBlocked, roomFit } from '../room/fit.ts';
import type { CatalogIndex, Design, PlacedItem } from './design.ts';
import { isFloorCovering } from './floor-covering.ts';
import { type Footprint, footprint } from './footprint.ts';
import { boxesOverlap, rectsOverlap } from './geometry.ts';

export { isFloorCovering };

export interface ItemWarnings {
  /** The item stands partly or fully outside the walls: how far it sticks out, or how far away it is. */
  outside: { fully: boolean; by_cm: number } | null;
  /** Ids of the items it overlaps. */
  overlaps: string[];
  /** Ids of the doors whose swing it stands in. */
  doors: string[];
}

/**
 * Every item that is outside the room, overlaps another or stands in a door's swing, by id. Items without a warning
 * are absent. Pairs are filtered by bounding box first, then tested exactly (SAT), so 1 000
 * items stay well under a frame.
 */
export function computeWarnings(design: Design, catalog: CatalogIndex): Map<string, ItemWarnings> {
  const result = new Map<string, ItemWarnings>();
  const shapes: Footprint[] = design.items.map((item) => footprint(item, catalog));
  const entry = (id: string) => {
    let w = result.get(id);
    if (!w) {
      w = { outside: null, overlaps: [], doors: [] };
      result.set(id, w);
    }
    return w;
  };
  for (const shape of shapes) {
    const own = roomWarnings(design.room, shape);
    if (own) result.set(shape.item.id, own);
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

/** A piece's warnings about the room (outside it, in a door's swing), or null when it has none. */
function roomWarnings(room: Design['room'], shape: Footprint): ItemWarnings | null {
  const fit = roomFit(room, shape.corners);
  const outside = fit.kind === 'inside' ? null : { fully: fit.kind === 'fully', by_cm: fit.by_cm };
  // A rug lies flat: a door sweeps over it.
  const doors =
    room.openings.length && !isFloorCovering(shape.catalogItem) ? doorsBlocked(room, shape.corners) : [];
  return outside || doors.length ? { outside, overlaps: [], doors } : null;
}

const isEmpty = (w: ItemWarnings) => !w.outside && w.overlaps.length === 0 && w.doors.length === 0;

/**
 * The warnings of `design` with one piece moved or turned to `moved` (a drag's preview), from
 * `base`, the design's own warnings: only the pairs with that piece are tested again, so a
 * drag among 1 000 pieces costs one pass over them, not a sweep of all. Entries of the pieces
 * not involved are `base`'s own objects (a plan redraws only the pieces whose entry changed).
 */
export function moveWarnings(
  base: ReadonlyMap<string, ItemWarnings>,
  design: Design,
  moved: PlacedItem,
  catalog: CatalogIndex,
): Map<string, ItemWarnings> {
  const result = new Map(base);
  const update = (id: string, change: (w: ItemWarnings) => ItemWarnings) => {
    const next = change(result.get(id) ?? { outside: null, overlaps: [], doors: [] });
    if (isEmpty(next)) result.delete(id);
    else result.set(id, next);
  };
  for (const other of base.get(moved.id)?.overlaps ?? [])
    update(other, (w) => ({ ...w, overlaps: w.overlaps.filter((id) => id !== moved.id) }));
  const shape = footprint(moved, catalog);
  const own = roomWarnings(design.room, shape) ?? { outside: null, overlaps: [], doors: [] };
  if (!isFloorCovering(shape.catalogItem)) {
    for (const item of design.items) {
      if (item.id === moved.id) continue;
      const b = footprint(item, catalog);
      if (isFloorCovering(b.catalogItem) || !boxesOverlap(shape.box, b.box)) continue;
      if (!rectsOverlap(shape.corners, b.corners)) continue;
      own.overlaps.push(item.id);
      update(item.id, (w) => ({ ...w, overlaps: [...w.overlaps, moved.id] }));
    }
  }
  if (isEmpty(own)) result.delete(moved.id);
  else result.set(moved.id, own);
  return result;
}
