import { TOUCH_TOLERANCE_CM } from '../editor/geometry.ts';
import type { PlanRoom } from './format.ts';
import { placeOpening, swingArea } from './openings.ts';
import type { Vec } from './polygon.ts';
import { containsPoint, convexOverlap, distanceToOutline, outlineDistance } from './polygon-distance.ts';

/** How a piece stands against the walls: inside, partly outside (by how far it sticks out) or fully outside (how far away). */
export type RoomFit = { kind: 'inside' } | { kind: 'partly' | 'fully'; by_cm: number };

/**
 * Where a piece (its four corners) stands in the room. Inside means every corner is on the
 * floor and no corner of the room pokes into the piece (the inner corner of an L).
 * `by_cm`: for a piece partly out, how far its farthest corner sticks out past the walls;
 * for one fully out, the gap between it and the room.
 */
export function roomFit(room: PlanRoom, piece: readonly Vec[], tolerance = TOUCH_TOLERANCE_CM): RoomFit {
  const poly = room.corners;
  let out = 0;
  let anyIn = false;
  for (const p of piece) {
    if (containsPoint(poly, p)) {
      anyIn = true;
      continue;
    }
    const d = distanceToOutline(poly, p);
    if (d <= tolerance) anyIn = true;
    else out = Math.max(out, d);
  }
  const roomCornerInside = poly.some(
    (c) => containsPoint(piece, c) && distanceToOutline(piece, c) > tolerance,
  );
  if (out === 0 && !roomCornerInside) return { kind: 'inside' };
  if (!anyIn && !roomCornerInside) {
    const gap = outlineDistance(piece, poly);
    if (gap > tolerance) return { kind: 'fully', by_cm: gap };
  }
  // Sticking out only past a room corner that pokes in: say how deep it pokes.
  if (out === 0)
    out = Math.max(...poly.filter((c) => containsPoint(piece, c)).map((c) => distanceToOutline(piece, c)));
  return { kind: 'partly', by_cm: out };
}

/** Ids of the doors whose swing the piece stands in. */
export function doorsBlocked(
  room: PlanRoom,
  piece: readonly Vec[],
  tolerance = TOUCH_TOLERANCE_CM,
): string[] {
  const ids: string[] = [];
  for (const o of room.openings) {
    if (o.kind !== 'door') continue;
    if (convexOverlap(swingArea(placeOpening(room, o)), piece, tolerance)) ids.push(o.id);
  }
  return ids;
}
