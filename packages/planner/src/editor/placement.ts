import type { CatalogIndex, CatalogItem, Design } from './design.ts';
import { isFloorCovering } from './floor-covering.ts';
import { footprint } from './footprint.ts';
import { boundingBox, boxesOverlap, rectCorners, rectsOverlap } from './geometry.ts';
import { snapItemCentre } from './snap.ts';

/**
 * Where "Add to room" puts an item: the room's centre if it is free, else the free spot
 * nearest to the centre (searched on rings of candidate positions around it), else the
 * centre anyway (the overlap is then flagged). A position is free when the item is inside
 * the room and overlaps nothing solid. Rugs go to the centre: they lie under furniture.
 */
export function findFreeSpot(
  design: Design,
  item: CatalogItem,
  catalog: CatalogIndex,
  gridStep = 10,
): { x: number; y: number } {
  const { width_cm: W, depth_cm: D } = design.room;
  const w = item.width_cm;
  const d = item.depth_cm;
  // Coarser steps in big rooms keep the search to at most ~80 rings.
  const step = Math.max(5, gridStep, Math.ceil(Math.max(W, D) / 80));
  const place = (x: number, y: number) => snapItemCentre(x, y, w, d, 0, gridStep);
  const centre = place(W / 2, D / 2);
  if (isFloorCovering(item)) return centre;

  const obstacles = design.items
    .map((i) => footprint(i, catalog))
    .filter((f) => !isFloorCovering(f.catalogItem));
  const fits = ({ x, y }: { x: number; y: number }) => {
    if (x - w / 2 < -0.01 || y - d / 2 < -0.01 || x + w / 2 > W + 0.01 || y + d / 2 > D + 0.01) return false;
    const corners = rectCorners(x, y, w, d, 0);
    const box = boundingBox(corners);
    return obstacles.every((o) => !boxesOverlap(box, o.box) || !rectsOverlap(corners, o.corners));
  };
  if (fits(centre)) return centre;

  const maxRing = Math.ceil(Math.max(W, D) / step);
  for (let ring = 1; ring <= maxRing; ring++) {
    const candidates: { x: number; y: number; distance: number }[] = [];
    for (let i = -ring; i <= ring; i++) {
      for (const [dx, dy] of [
        [i, -ring],
        [i, ring],
        [-ring, i],
        [ring, i],
      ] as const) {
        const p = place(centre.x + dx * step, centre.y + dy * step);
        candidates.push({ ...p, distance: Math.hypot(p.x - centre.x, p.y - centre.y) });
      }
    }
    candidates.sort((a, b) => a.distance - b.distance);
    const free = candidates.find(fits);
    if (free) return { x: free.x, y: free.y };
  }
  return centre;
}
