import type { Door, Opening } from '@planner/contract';
import type { PlanRoom } from './format.ts';
import { outwardNormal, pointOnWall, type Vec, wallDirection } from './polygon.ts';

/** Where an opening sits: its two ends on the wall's inner face, and the wall's directions. */
export interface OpeningPlace {
  opening: Opening;
  start: Vec;
  end: Vec;
  /** Along the wall, from its start corner. */
  dir: Vec;
  /** Out of the room. */
  normal: Vec;
}

export function placeOpening(room: PlanRoom, opening: Opening): OpeningPlace {
  const { corners } = room;
  const half = opening.width_cm / 2;
  return {
    opening,
    start: pointOnWall(corners, opening.wall, opening.offset_cm - half),
    end: pointOnWall(corners, opening.wall, opening.offset_cm + half),
    dir: wallDirection(corners, opening.wall),
    normal: outwardNormal(corners, opening.wall),
  };
}

/** A door's hinge, its closed leaf's free end and its open leaf's free end (the leaf turns 90°). */
export function doorLeaf(place: OpeningPlace): { hinge: Vec; closed: Vec; open: Vec } {
  const door = place.opening as Door;
  const hinge = door.hinge === 'start' ? place.start : place.end;
  const closed = door.hinge === 'start' ? place.end : place.start;
  const side = door.swing === 'in' ? -1 : 1;
  const w = door.width_cm;
  return {
    hinge,
    closed,
    open: { x: hinge.x + place.normal.x * side * w, y: hinge.y + place.normal.y * side * w },
  };
}

/**
 * The floor a door sweeps, as a convex polygon: the quarter disc between its closed and its
 * open leaf, its arc in `steps` straight pieces (enough for a warning, far cheaper than an arc test).
 */
export function swingArea(place: OpeningPlace, steps = 6): Vec[] {
  const { hinge, closed, open } = doorLeaf(place);
  const a0 = Math.atan2(closed.y - hinge.y, closed.x - hinge.x);
  let a1 = Math.atan2(open.y - hinge.y, open.x - hinge.x);
  // The short way round: the leaf turns a quarter, never three.
  if (a1 - a0 > Math.PI) a1 -= 2 * Math.PI;
  if (a0 - a1 > Math.PI) a1 += 2 * Math.PI;
  const r = place.opening.width_cm;
  const points: Vec[] = [hinge];
  for (let i = 0; i <= steps; i++) {
    const a = a0 + ((a1 - a0) * i) / steps;
    points.push({ x: hinge.x + Math.cos(a) * r, y: hinge.y + Math.sin(a) * r });
  }
  return points;
}
