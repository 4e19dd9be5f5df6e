import { at, type Vec } from './polygon.ts';

/**
 * Containment, distances and overlap of room polygons: what the fit warnings (fit.ts) need,
 * apart from polygon.ts so that drawing the plan does not load them.
 */

/** Even-odd rule; points on an edge may fall either way (callers use a tolerance). */
export function containsPoint(poly: readonly Vec[], p: Vec): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!;
    const b = poly[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

export function distanceToSegment(p: Vec, a: Vec, b: Vec): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 ? Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2)) : 0;
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Distance from a point to the polygon's outline. */
export function distanceToOutline(poly: readonly Vec[], p: Vec): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < poly.length; i++)
    best = Math.min(best, distanceToSegment(p, poly[i]!, at(poly, i + 1)));
  return best;
}

/** Whether two segments properly cross (touching ends do not count). */
export function segmentsCross(p: Vec, q: Vec, r: Vec, s: Vec): boolean {
  const o = (a: Vec, b: Vec, c: Vec) => (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
  const d1 = o(p, q, r);
  const d2 = o(p, q, s);
  const d3 = o(r, s, p);
  const d4 = o(r, s, q);
  return d1 * d2 < 0 && d3 * d4 < 0;
}

/** Shortest distance between two outlines that do not cross (0 when they do). */
export function outlineDistance(a: readonly Vec[], b: readonly Vec[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const p = a[i]!;
      const q = at(a, i + 1);
      const r = b[j]!;
      const s = at(b, j + 1);
      if (segmentsCross(p, q, r, s)) return 0;
      best = Math.min(
        best,
        distanceToSegment(p, r, s),
        distanceToSegment(q, r, s),
        distanceToSegment(r, p, q),
      );
    }
  }
  return best;
}

/**
 * Separating axis test for two convex polygons (a rotated piece, a door's swing): they are
 * apart when their projections on one edge normal do not overlap by more than `tolerance`.
 */
export function convexOverlap(a: readonly Vec[], b: readonly Vec[], tolerance: number): boolean {
  for (const shape of [a, b]) {
    for (let i = 0; i < shape.length; i++) {
      const p = shape[i]!;
      const q = at(shape, i + 1);
      const len = Math.hypot(q.x - p.x, q.y - p.y);
      if (len === 0) continue;
      const nx = -(q.y - p.y) / len;
      const ny = (q.x - p.x) / len;
      let minA = Number.POSITIVE_INFINITY;
      let maxA = Number.NEGATIVE_INFINITY;
      let minB = Number.POSITIVE_INFINITY;
      let maxB = Number.NEGATIVE_INFINITY;
      for (const v of a) {
        const d = v.x * nx + v.y * ny;
        minA = Math.min(minA, d);
        maxA = Math.max(maxA, d);
      }
      for (const v of b) {
        const d = v.x * nx + v.y * ny;
        minB = Math.min(minB, d);
        maxB = Math.max(maxB, d);
      }
      if (maxA - minB <= tolerance || maxB - minA <= tolerance) return false;
    }
  }
  return true;
}
