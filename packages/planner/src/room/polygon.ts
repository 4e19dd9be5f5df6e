import type { RoomPoint } from '@planner/contract';

/**
 * Plane geometry of room polygons, in cm with y down (as SVG draws). A polygon is its corners
 * in order; wall `i` runs from corner `i` to corner `i + 1`, the last one back to corner 0.
 */
export type Vec = RoomPoint;

export const at = <T>(list: readonly T[], i: number): T =>
  list[((i % list.length) + list.length) % list.length]!;

/** Shoelace sum / 2: positive when the corners run clockwise on screen (y down). */
export function signedArea(poly: readonly Vec[]): number {
  let sum = 0;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = at(poly, i + 1);
    sum += a.x * b.y - b.x * a.y;
  }
  return sum / 2;
}

export const area = (poly: readonly Vec[]): number => Math.abs(signedArea(poly));

export function wallLength(poly: readonly Vec[], wall: number): number {
  const a = at(poly, wall);
  const b = at(poly, wall + 1);
  return Math.hypot(b.x - a.x, b.y - a.y);
}

/** The unit vector along a wall, from its start corner. */
export function wallDirection(poly: readonly Vec[], wall: number): Vec {
  const a = at(poly, wall);
  const b = at(poly, wall + 1);
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  return { x: (b.x - a.x) / len, y: (b.y - a.y) / len };
}

/** The unit normal of a wall pointing out of the room, whichever way the corners run. */
export function outwardNormal(poly: readonly Vec[], wall: number): Vec {
  const d = wallDirection(poly, wall);
  return signedArea(poly) >= 0 ? { x: d.y, y: -d.x } : { x: -d.y, y: d.x };
}

/** The point `distance` cm along a wall from its start corner. */
export function pointOnWall(poly: readonly Vec[], wall: number, distance: number): Vec {
  const a = at(poly, wall);
  const d = wallDirection(poly, wall);
  return { x: a.x + d.x * distance, y: a.y + d.y * distance };
}

/** The intersection of two lines through (p, direction u) and (q, direction v), or null when parallel. */
export function intersectLines(p: Vec, u: Vec, q: Vec, v: Vec): Vec | null {
  const cross = u.x * v.y - u.y * v.x;
  if (Math.abs(cross) < 1e-9) return null;
  const t = ((q.x - p.x) * v.y - (q.y - p.y) * v.x) / cross;
  return { x: p.x + u.x * t, y: p.y + u.y * t };
}
