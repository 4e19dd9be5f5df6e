import { ROOM_LIMITS } from '@planner/contract';
import type { Room } from '../editor/design.ts';
import { at, intersectLines, outwardNormal, type Vec, wallDirection, wallLength } from '../room/polygon.ts';

/** Walls are this tall unless the room says otherwise (`wall_height_cm`, format 2). */
export const DEFAULT_WALL_HEIGHT_CM = ROOM_LIMITS.wallHeightDefaultCm;

/**
 * One solid block of wall: a quadrilateral on the plan (inner face first, then the outer one,
 * cm, y down) raised from `bottom` to `top` cm above the floor.
 */
export interface WallPiece {
  wall: number;
  /** inner start, inner end, outer end, outer start. */
  quad: [Vec, Vec, Vec, Vec];
  bottom: number;
  top: number;
}

const add = (p: Vec, v: Vec, k: number): Vec => ({ x: p.x + v.x * k, y: p.y + v.y * k });

/**
 * Where the outer faces of the walls before and after corner `i` meet, so neighbouring walls
 * close their corner without a gap or an overlap (a mitre), for convex and reflex corners alike.
 */
function outerCorner(corners: readonly Vec[], i: number, t: number): Vec {
  const before = i - 1;
  const p = add(at(corners, i), outwardNormal(corners, before), t);
  const q = add(at(corners, i), outwardNormal(corners, i), t);
  // Parallel walls (a straight corner): both offsets are the same point.
  return intersectLines(p, wallDirection(corners, before), q, wallDirection(corners, i)) ?? q;
}

/**
 * The room's walls as solid blocks, `height` cm tall, each wall split around its doors (a
 * lintel above) and windows (a parapet below the sill and a lintel above), so the openings
 * are real holes a camera can look through. Overlapping openings merge into one hole span per
 * height band, which is what a builder would do.
 */
export function wallPieces(room: Room, height = room.wall_height_cm ?? DEFAULT_WALL_HEIGHT_CM): WallPiece[] {
  const { corners } = room;
  const t = room.wall_thickness_cm;
  const pieces: WallPiece[] = [];
  for (let w = 0; w < corners.length; w++) {
    const len = wallLength(corners, w);
    const dir = wallDirection(corners, w);
    const normal = outwardNormal(corners, w);
    const start = at(corners, w);
    const outerStart = outerCorner(corners, w, t);
    const outerEnd = outerCorner(corners, w + 1, t);
    const inner = (s: number) => add(start, dir, s);
    // The ends keep the mitred corner; a cut inside the wall is square to it.
    const outer = (s: number) => (s <= 0 ? outerStart : s >= len ? outerEnd : add(inner(s), normal, t));
    const block = (s0: number, s1: number, bottom: number, top: number) => {
      if (s1 - s0 < 0.01 || top - bottom < 0.01) return;
      pieces.push({ wall: w, quad: [inner(s0), inner(s1), outer(s1), outer(s0)], bottom, top });
    };
    const holes = room.openings
      .filter((o) => o.wall === w)
      .map((o) => {
        const bottom = o.kind === 'window' ? Math.min(o.sill_cm, height) : 0;
        return {
          s0: Math.max(0, o.offset_cm - o.width_cm / 2),
          s1: Math.min(len, o.offset_cm + o.width_cm / 2),
          bottom,
          top: Math.min(height, bottom + o.height_cm),
        };
      })
      .sort((a, b) => a.s0 - b.s0);
    // Cut points along the wall: between two of them the set of holes is the same.
    const cuts = [...new Set([0, len, ...holes.flatMap((h) => [h.s0, h.s1])])].sort((a, b) => a - b);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const s0 = cuts[i]!;
      const s1 = cuts[i + 1]!;
      const mid = (s0 + s1) / 2;
      const open = holes.filter((h) => h.s0 <= mid && mid <= h.s1).sort((a, b) => a.bottom - b.bottom);
      let z = 0;
      for (const h of open) {
        block(s0, s1, z, h.bottom);
        z = Math.max(z, h.top);
      }
      block(s0, s1, z, height);
    }
  }
  return pieces;
}
