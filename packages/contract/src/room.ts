/**
 * The room of a project in format 2 (issue 11): a polygon of walls with doors and windows in
 * them. Format 1 (every project saved before) had a rectangle only (`width_cm × depth_cm`);
 * readers turn it into four walls (the planner's `room/format.ts`).
 */

/** The project format this contract describes; `ProjectInput.format` absent means 1. */
export const PROJECT_FORMAT = 2;

export const ROOM_LIMITS = {
  minCorners: 3,
  maxCorners: 64,
  /** A wall is at least this long (cm). */
  minWallCm: 10,
  wallThicknessMinCm: 2,
  wallThicknessMaxCm: 60,
  maxOpenings: 64,
  openingIdMaxLength: 64,
  openingMinWidthCm: 30,
  openingMaxWidthCm: 600,
  /** Window sills and opening heights, cm above the floor. */
  heightMaxCm: 400,
  /** How tall the walls stand (format 2, optional: `wallHeightDefaultCm` when absent). */
  wallHeightMinCm: 180,
  wallHeightMaxCm: 400,
  wallHeightDefaultCm: 250,
} as const;

/** A corner of the floor (the walls' inner faces meet there), cm on the plan. */
export interface RoomPoint {
  x: number;
  y: number;
}

interface OpeningBase {
  id: string;
  /** The wall it sits in: from corner `wall` to corner `wall + 1` (the last wall closes the polygon). */
  wall: number;
  /** Distance of the opening's centre from the wall's start corner, cm. */
  offset_cm: number;
  width_cm: number;
  height_cm: number;
}

export interface Door extends OpeningBase {
  kind: 'door';
  /** The end of the opening the leaf turns on, seen from the wall's start corner. */
  hinge: 'start' | 'end';
  /** Opens into the room, or away from it. */
  swing: 'in' | 'out';
}

export interface RoomWindow extends OpeningBase {
  kind: 'window';
  sill_cm: number;
}

export type Opening = Door | RoomWindow;

/** Whether segments pq and rs cross or touch (collinear overlap counts). */
function segmentsMeet(p: RoomPoint, q: RoomPoint, r: RoomPoint, s: RoomPoint): boolean {
  const o = (a: RoomPoint, b: RoomPoint, c: RoomPoint) =>
    Math.sign((b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x));
  const on = (a: RoomPoint, b: RoomPoint, c: RoomPoint) =>
    Math.min(a.x, b.x) <= c.x &&
    c.x <= Math.max(a.x, b.x) &&
    Math.min(a.y, b.y) <= c.y &&
    c.y <= Math.max(a.y, b.y);
  const d1 = o(p, q, r);
  const d2 = o(p, q, s);
  const d3 = o(r, s, p);
  const d4 = o(r, s, q);
  if (d1 !== d2 && d3 !== d4) return true;
  return (
    (d1 === 0 && on(p, q, r)) ||
    (d2 === 0 && on(p, q, s)) ||
    (d3 === 0 && on(r, s, p)) ||
    (d4 === 0 && on(r, s, q))
  );
}

/**
 * Why these corners make no room, or null when they do: too few or too many, a wall shorter
 * than `minWallCm`, or walls that cross (the polygon must be simple). O(n²), n ≤ 64.
 */
export function roomPolygonIssue(corners: readonly RoomPoint[]): string | null {
  const n = corners.length;
  if (n < ROOM_LIMITS.minCorners || n > ROOM_LIMITS.maxCorners) return 'corner count';
  for (let i = 0; i < n; i++) {
    const a = corners[i]!;
    const b = corners[(i + 1) % n]!;
    if (Math.hypot(b.x - a.x, b.y - a.y) < ROOM_LIMITS.minWallCm) return 'short wall';
  }
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      // Neighbouring walls share a corner; they only fail when they fold back onto each other.
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      if (segmentsMeet(corners[i]!, corners[(i + 1) % n]!, corners[j]!, corners[(j + 1) % n]!))
        return 'walls cross';
    }
  }
  // Twice the signed area; zero means every corner on one line.
  let area = 0;
  for (let i = 0; i < n; i++) {
    const a = corners[i]!;
    const b = corners[(i + 1) % n]!;
    area += a.x * b.y - b.x * a.y;
  }
  return Math.abs(area) < 1 ? 'no area' : null;
}
