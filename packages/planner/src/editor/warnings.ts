import { doorsBlocked, roomFit } from '../room/fit.ts';
import type { CatalogIndex, Design } from './design.ts';
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
 * are absent. Pairs are filtered by bounding box first, then tested exactly (SAT), so 500
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
  const { room } = design;
  for (const shape of shapes) {
    const fit = roomFit(room, shape.corners);
    if (fit.kind !== 'inside')
      entry(shape.item.id).outside = { fully: fit.kind === 'fully', by_cm: fit.by_cm };
    // A rug lies flat: a door sweeps over it.
    if (room.openings.length && !isFloorCovering(shape.catalogItem)) {
      const doors = doorsBlocked(room, shape.corners);
      if (doors.length) entry(shape.item.id).doors = doors;
    }
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
