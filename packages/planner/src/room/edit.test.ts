import { roomPolygonIssue } from '@planner/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addOpening,
  applyTemplate,
  moveCorner,
  moveWall,
  RoomEditError,
  resizeRoom,
  setWallLength,
  setWallThickness,
  templateCorners,
  updateOpening,
} from './edit.ts';
import { type PlanRoom, rectangleCorners, roomOf } from './format.ts';
import { area, wallLength } from './polygon.ts';

const rect = (w: number, d: number) => roomOf(rectangleCorners(w, d), 'm');
const refusedOr = (f: () => PlanRoom): PlanRoom | null => {
  try {
    return f();
  } catch (e) {
    if (e instanceof RoomEditError) return null;
    throw e;
  }
};

const size = fc.integer({ min: 100, max: 2000 });
const template = fc.constantFrom('rectangle' as const, 'l-shape' as const, 'u-shape' as const);
const room = fc.tuple(template, size, size).map(([t, w, d]) => roomOf(templateCorners(t, w, d), 'm'));

describe('templates', () => {
  it('make simple rooms whose area is the box less the notch', () => {
    expect(area(templateCorners('rectangle', 500, 400))).toBe(200_000);
    expect(area(templateCorners('l-shape', 500, 400))).toBe(150_000);
    expect(area(templateCorners('u-shape', 600, 400))).toBe(240_000 - 200 * 180);
    fc.assert(
      fc.property(room, (r) => {
        expect(roomPolygonIssue(r.corners)).toBeNull();
        expect(area(r.corners)).toBeLessThanOrEqual(r.width_cm * r.depth_cm);
      }),
    );
  });

  it('applying a template keeps the box and moves each opening to the nearest wall of the new outline', () => {
    let room = addOpening(rect(500, 400), 'door', 'd1', 0);
    room = addOpening(room, 'window', 'w1', 2);
    const l = applyTemplate(room, 'l-shape');
    expect([l.width_cm, l.depth_cm, l.corners.length]).toEqual([500, 400, 6]);
    // The door stays mid-top; the window's centre (2.50 m along the bottom) is the end of the
    // L's shorter bottom wall, so it slides in until it fits there.
    expect(l.openings.map((o) => [o.id, o.wall, o.offset_cm])).toEqual([
      ['d1', 0, 250],
      ['w1', 4, 60],
    ]);
    expect(roomPolygonIssue(l.corners)).toBeNull();
  });

  it('applying a template drops an opening that no longer fits, and keeps the rest', () => {
    let room = rect(500, 400);
    room = addOpening(room, 'window', 'w1', 1);
    room = addOpening(room, 'window', 'w2', 1);
    room = updateOpening(room, 'w1', { offset_cm: 100 });
    room = updateOpening(room, 'w2', { offset_cm: 300 });
    // The L's right wall is 2 m long: w2 would slide onto w1.
    const l = applyTemplate(room, 'l-shape');
    expect(l.openings.map((o) => [o.id, o.wall, o.offset_cm])).toEqual([['w1', 1, 100]]);
  });
});

describe('moving walls and corners', () => {
  it('moving a rectangle wall out by d adds d × its length to the area', () => {
    fc.assert(
      fc.property(
        size,
        size,
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: -50, max: 300 }),
        (w, d, wall, by) => {
          const r = rect(w, d);
          const moved = moveWall(r, wall, by);
          expect(area(moved.corners)).toBeCloseTo(area(r.corners) + by * wallLength(r.corners, wall), 3);
          // The neighbours keep their direction: still a rectangle.
          expect(
            moved.corners.every((c, i) =>
              moved.corners.some((o, j) => j !== i && (o.x === c.x || o.y === c.y)),
            ),
          ).toBe(true);
        },
      ),
    );
  });

  it('moving any wall or corner of any template keeps the polygon simple, or is refused', () => {
    const move = fc.record({
      corner: fc.boolean(),
      index: fc.nat(7),
      dx: fc.integer({ min: -2500, max: 2500 }),
      dy: fc.integer({ min: -2500, max: 2500 }),
    });
    fc.assert(
      fc.property(room, move, (r, m) => {
        const i = m.index % r.corners.length;
        const c = r.corners[i]!;
        const next = refusedOr(() =>
          m.corner ? moveCorner(r, i, { x: c.x + m.dx, y: c.y + m.dy }) : moveWall(r, i, m.dx),
        );
        if (next === null) return;
        expect(roomPolygonIssue(next.corners)).toBeNull();
        expect(next.corners).toHaveLength(r.corners.length);
        expect(next.width_cm).toBeGreaterThanOrEqual(50);
        expect(next.depth_cm).toBeLessThanOrEqual(5000);
      }),
    );
  });

  it('refuses a corner dragged across the room', () => {
    const r = rect(500, 400);
    expect(() => moveCorner(r, 0, { x: 250, y: 600 })).toThrow(RoomEditError);
    try {
      moveCorner(r, 0, { x: 250, y: 600 });
    } catch (e) {
      expect((e as RoomEditError).code).toBe('ROOM_NOT_SIMPLE');
    }
  });

  it('an L: moving the inner wall keeps its neighbours square', () => {
    const l = roomOf(templateCorners('l-shape', 500, 400), 'm');
    // Wall 2 runs from (500, 200) to (250, 200), the room above it: out is down.
    const moved = moveWall(l, 2, 50);
    expect(moved.corners[2]).toEqual({ x: 500, y: 250 });
    expect(moved.corners[3]).toEqual({ x: 250, y: 250 });
  });
});

describe('setWallLength', () => {
  it('makes the wall exactly that long, or refuses', () => {
    fc.assert(
      fc.property(room, fc.nat(7), fc.double({ min: 10, max: 4000, noNaN: true }), (r, w, length) => {
        const wall = w % r.corners.length;
        const next = refusedOr(() => setWallLength(r, wall, length));
        if (next === null) return;
        expect(wallLength(next.corners, wall)).toBeCloseTo(length, 6);
        expect(roomPolygonIssue(next.corners)).toBeNull();
      }),
    );
  });

  it('keeps a rectangle a rectangle: the opposite wall follows', () => {
    const r = setWallLength(rect(500, 400), 0, 612.5);
    expect(r.corners).toEqual(rectangleCorners(612.5, 400));
    expect(r.width_cm).toBe(613);
  });

  it('slides an opening back into a shorter wall and refuses a wall narrower than it', () => {
    const r = updateOpening(addOpening(rect(500, 400), 'door', 'd1', 0), 'd1', { offset_cm: 440 });
    const shorter = setWallLength(r, 0, 300);
    expect(shorter.openings[0]).toMatchObject({ offset_cm: 260, width_cm: 80 });
    expect(() => setWallLength(r, 0, 60)).toThrow(RoomEditError);
  });
});

describe('rooms and openings', () => {
  it('resizes by scaling the corners', () => {
    const l = resizeRoom(roomOf(templateCorners('l-shape', 500, 400), 'm'), 1000, 200);
    expect(l.corners).toEqual(templateCorners('l-shape', 1000, 200));
  });

  it('wall thickness stays within its limits', () => {
    expect(setWallThickness(rect(500, 400), 24).wall_thickness_cm).toBe(24);
    expect(() => setWallThickness(rect(500, 400), 1)).toThrow(RoomEditError);
    expect(() => setWallThickness(rect(500, 400), 61)).toThrow(RoomEditError);
  });

  it('adds doors and windows in the middle of the longest wall and slides them along, never past the ends', () => {
    let r = addOpening(rect(500, 400), 'window', 'w1');
    expect(r.openings[0]).toMatchObject({
      kind: 'window',
      wall: 0,
      offset_cm: 250,
      width_cm: 120,
      sill_cm: 90,
    });
    r = updateOpening(r, 'w1', { offset_cm: 9999 });
    expect(r.openings[0]?.offset_cm).toBe(440);
    r = updateOpening(r, 'w1', { offset_cm: -5, wall: 1 });
    expect(r.openings[0]).toMatchObject({ wall: 1, offset_cm: 60 });
    expect(() => updateOpening(r, 'w1', { width_cm: 450 })).toThrow(RoomEditError);
    r = addOpening(r, 'door', 'd1', 3);
    r = updateOpening(r, 'd1', { hinge: 'end', swing: 'out', width_cm: 90 });
    expect(r.openings[1]).toMatchObject({ kind: 'door', wall: 3, hinge: 'end', swing: 'out', width_cm: 90 });
  });
});
