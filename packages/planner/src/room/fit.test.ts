import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rectCorners } from '../editor/geometry.ts';
import { addOpening, templateCorners, updateOpening } from './edit.ts';
import { doorsBlocked, roomFit } from './fit.ts';
import { rectangleCorners, roomOf } from './format.ts';

const rect = roomOf(rectangleCorners(500, 400), 'm');
const l = roomOf(templateCorners('l-shape', 500, 400), 'm'); // the lower-right quarter is missing

describe('roomFit', () => {
  it('inside, flush against the walls', () => {
    expect(roomFit(rect, rectCorners(50, 25, 100, 50, 0))).toEqual({ kind: 'inside' });
  });

  it('partly outside, by how far it sticks out', () => {
    const fit = roomFit(rect, rectCorners(480, 100, 100, 100, 0));
    expect(fit).toEqual({ kind: 'partly', by_cm: 30 });
  });

  it('a piece 8 m away is fully outside, 8 m from the wall (issue 11)', () => {
    // 100 × 100 centred 850 cm right of the room's right wall: its near edge is 800 cm out.
    expect(roomFit(rect, rectCorners(500 + 850, 200, 100, 100, 0))).toEqual({ kind: 'fully', by_cm: 800 });
  });

  it('follows the polygon: the missing quarter of an L is outside', () => {
    expect(roomFit(l, rectCorners(100, 300, 100, 100, 0))).toEqual({ kind: 'inside' });
    expect(roomFit(l, rectCorners(400, 100, 100, 100, 0))).toEqual({ kind: 'inside' });
    expect(roomFit(l, rectCorners(400, 320, 60, 60, 0))).toMatchObject({ kind: 'fully' });
    // Straddling the inner corner at (250, 200): all its corners but one on the floor.
    expect(roomFit(l, rectCorners(260, 210, 60, 60, 0))).toMatchObject({ kind: 'partly' });
  });

  it('a piece over the inner corner of an L, every corner on the floor, is still partly out', () => {
    // A long bar from the left wing across to the right wing, below the top wall: corners inside, the notch's corner pokes in.
    const bar = [
      { x: 200, y: 190 },
      { x: 300, y: 190 },
      { x: 300, y: 191 },
      { x: 200, y: 191 },
    ];
    expect(roomFit(l, bar)).toEqual({ kind: 'inside' });
    const through = [
      { x: 230, y: 180 },
      { x: 260, y: 180 },
      { x: 240, y: 260 },
      { x: 230, y: 240 },
    ];
    expect(roomFit(l, through).kind).toBe('partly');
  });

  it('any piece wholly in the box of a rectangle room is inside; any beyond its margin fully out', () => {
    const piece = fc.record({
      w: fc.integer({ min: 10, max: 200 }),
      d: fc.integer({ min: 10, max: 200 }),
      r: fc.integer({ min: 0, max: 359 }),
    });
    fc.assert(
      fc.property(
        piece,
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        ({ w, d, r }, fx, fy) => {
          const half = Math.hypot(w, d) / 2;
          const x = half + ((500 - 2 * half) * fx) / 100;
          const y = half + ((400 - 2 * half) * fy) / 100;
          if (500 < 2 * half || 400 < 2 * half) return;
          expect(roomFit(rect, rectCorners(x, y, w, d, r))).toEqual({ kind: 'inside' });
          const far = roomFit(rect, rectCorners(x + 500 + 2 * half + 1, y, w, d, r));
          expect(far.kind).toBe('fully');
        },
      ),
    );
  });
});

describe('doorsBlocked', () => {
  // An 80 cm door in the middle of the top wall (from 210 to 290), hinged at its left end, opening in.
  const room = addOpening(rect, 'door', 'd1', 0);

  it('flags a piece in the swing, not one beside it', () => {
    expect(doorsBlocked(room, rectCorners(230, 30, 40, 40, 0))).toEqual(['d1']);
    expect(doorsBlocked(room, rectCorners(350, 30, 40, 40, 0))).toEqual([]);
    expect(doorsBlocked(room, rectCorners(250, 150, 40, 40, 0))).toEqual([]);
  });

  it('follows the hinge and the swing direction', () => {
    // Just right of the hinge, 60 cm in: inside the quarter disc of radius 80 round (210, 0).
    const piece = rectCorners(225, 65, 10, 10, 0);
    expect(doorsBlocked(room, piece)).toEqual(['d1']);
    // Hinged at the right end (290, 0): that spot is 70 cm off along x and 65 down, past the leaf's reach.
    expect(doorsBlocked(updateOpening(room, 'd1', { hinge: 'end' }), piece)).toEqual([]);
    // Opening out of the room: nothing inside is in its way.
    expect(doorsBlocked(updateOpening(room, 'd1', { swing: 'out' }), piece)).toEqual([]);
  });
});
