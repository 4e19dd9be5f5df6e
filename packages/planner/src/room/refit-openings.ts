import type { Opening, RoomPoint } from '@planner/contract';
import { at, wallDirection, wallLength } from './polygon.ts';
import { clampOffset } from './reshape.ts';

/**
 * The doors and windows of an old outline, put on a new one (a template was applied): each
 * goes to the wall nearest its centre (of two as near, the one running the same way), at the
 * point of that wall nearest to it. One that no
 * longer fits (the wall is narrower than it, or it would overlap an opening already placed
 * there) is dropped, and counted, so the shopper hears what was lost instead of losing it
 * silently. The first openings keep their places first.
 */
export function refitOpenings(
  oldCorners: readonly RoomPoint[],
  openings: readonly Opening[],
  corners: readonly RoomPoint[],
): { openings: Opening[]; dropped: Opening[] } {
  const kept: Opening[] = [];
  const dropped: Opening[] = [];
  for (const o of openings) {
    const dir = wallDirection(oldCorners, o.wall);
    const start = at(oldCorners, o.wall);
    const centre = { x: start.x + dir.x * o.offset_cm, y: start.y + dir.y * o.offset_cm };
    let wall = 0;
    let best = Number.POSITIVE_INFINITY;
    let bestAlign = -1;
    for (let i = 0; i < corners.length; i++) {
      // The distance from the centre to wall i (polygon-distance.ts has it too, but importing
      // it from here made the bundler move that module into a chunk shared with the deferred one).
      const a = at(corners, i);
      const w = wallDirection(corners, i);
      const t = Math.max(
        0,
        Math.min(wallLength(corners, i), (centre.x - a.x) * w.x + (centre.y - a.y) * w.y),
      );
      const d = Math.hypot(centre.x - a.x - w.x * t, centre.y - a.y - w.y * t);
      const align = Math.abs(dir.x * w.x + dir.y * w.y);
      // At a corner two walls are as near: the one running as the old wall did wins.
      if (d < best - 0.5 || (d <= best + 0.5 && align > bestAlign)) {
        best = Math.min(best, d);
        bestAlign = align;
        wall = i;
      }
    }
    const a = at(corners, wall);
    const b = at(corners, wall + 1);
    const len = wallLength(corners, wall);
    const along = ((centre.x - a.x) * (b.x - a.x) + (centre.y - a.y) * (b.y - a.y)) / (len || 1);
    const offset = clampOffset(along, o.width_cm, len);
    const overlaps = kept.some(
      (k) => k.wall === wall && Math.abs(k.offset_cm - offset) < (k.width_cm + o.width_cm) / 2,
    );
    if (o.width_cm > len || overlaps) dropped.push(o);
    else kept.push({ ...o, wall, offset_cm: offset });
  }
  return { openings: kept, dropped };
}
