import type { Door, RoomWindow } from '@planner/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTemplate } from '../room/edit.ts';
import { rectangleCorners, roomOf } from '../room/format.ts';
import { area, wallLength } from '../room/polygon.ts';
import { DEFAULT_WALL_HEIGHT_CM, wallPieces } from './walls.ts';

const rect = roomOf(rectangleCorners(500, 400), 'm');
const door: Door = {
  id: 'd',
  kind: 'door',
  wall: 0,
  offset_cm: 100,
  width_cm: 90,
  height_cm: 210,
  hinge: 'start',
  swing: 'in',
};
const window_: RoomWindow = {
  id: 'w',
  kind: 'window',
  wall: 0,
  offset_cm: 350,
  width_cm: 120,
  height_cm: 120,
  sill_cm: 90,
};

/** Volume of a block (its quad's area × height), cm³. */
const volume = (p: ReturnType<typeof wallPieces>[number]) => area(p.quad) * (p.top - p.bottom);
const total = (pieces: ReturnType<typeof wallPieces>) => pieces.reduce((s, p) => s + volume(p), 0);

describe('wallPieces', () => {
  it('makes one full-height block per bare wall, mitred so the corners close', () => {
    const pieces = wallPieces(rect);
    expect(pieces).toHaveLength(4);
    for (const p of pieces) expect([p.bottom, p.top]).toEqual([0, DEFAULT_WALL_HEIGHT_CM]);
    // The walls fill the band between the floor and the floor grown by the thickness, exactly.
    const t = rect.wall_thickness_cm;
    const band = (500 + 2 * t) * (400 + 2 * t) - 500 * 400;
    expect(total(pieces)).toBeCloseTo(band * DEFAULT_WALL_HEIGHT_CM, 3);
  });

  it("raises the walls to the room's own height when it has one", () => {
    const tall = wallPieces({ ...rect, wall_height_cm: 320 });
    for (const p of tall) expect([p.bottom, p.top]).toEqual([0, 320]);
    expect(total(tall)).toBeCloseTo((total(wallPieces(rect)) * 320) / DEFAULT_WALL_HEIGHT_CM, 3);
  });

  it('leaves a door-sized hole with a lintel above, and a window hole with a parapet and lintel', () => {
    const room = { ...rect, openings: [door, window_] };
    const wall0 = wallPieces(room).filter((p) => p.wall === 0);
    const t = rect.wall_thickness_cm;
    const spans = wall0.map((p) => [Math.round(p.quad[0].x), Math.round(p.quad[1].x), p.bottom, p.top]);
    expect(spans).toEqual([
      [0, 55, 0, 250],
      [55, 145, 210, 250],
      [145, 290, 0, 250],
      [290, 410, 0, 90],
      [290, 410, 210, 250],
      [410, 500, 0, 250],
    ]);
    const hole = 90 * 210 + 120 * 120;
    const bare = total(wallPieces(rect).filter((p) => p.wall === 0));
    expect(total(wall0)).toBeCloseTo(bare - hole * t, 3);
  });

  it('fills every template room with walls whatever its size, minus exactly its openings', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('rectangle' as const, 'l-shape' as const, 'u-shape' as const),
        fc.integer({ min: 300, max: 1500 }),
        fc.integer({ min: 300, max: 1500 }),
        (template, w, d) => {
          const room = applyTemplate(roomOf(rectangleCorners(w, d), 'm'), template);
          const pieces = wallPieces(room);
          // Each wall's block is at least as long as its inner face, all full height.
          for (let i = 0; i < room.corners.length; i++) {
            const own = pieces.filter((p) => p.wall === i);
            expect(own).toHaveLength(1);
            expect(volume(own[0]!)).toBeGreaterThan(0);
            expect(
              Math.hypot(own[0]!.quad[1].x - own[0]!.quad[0].x, own[0]!.quad[1].y - own[0]!.quad[0].y),
            ).toBeCloseTo(wallLength(room.corners, i), 6);
          }
        },
      ),
    );
  });
});
