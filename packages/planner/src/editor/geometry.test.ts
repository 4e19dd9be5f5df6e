import { describe, expect, it } from 'vitest';
import { boundingBox, halfExtents, rectCorners, rectsOverlap } from './geometry.ts';

describe('rectCorners', () => {
  it('returns the corners of an unrotated rectangle clockwise from top-left', () => {
    expect(rectCorners(100, 50, 40, 20, 0)).toEqual([
      { x: 80, y: 40 },
      { x: 120, y: 40 },
      { x: 120, y: 60 },
      { x: 80, y: 60 },
    ]);
  });

  it('rotates clockwise on screen (y down)', () => {
    const [topLeft] = rectCorners(0, 0, 40, 20, 90);
    // Top-left (-20, -10) turned 90° clockwise lands at (10, -20).
    expect(topLeft!.x).toBeCloseTo(10);
    expect(topLeft!.y).toBeCloseTo(-20);
  });
});

describe('halfExtents', () => {
  it('swaps width and depth at 90°', () => {
    const { hx, hy } = halfExtents(200, 100, 90);
    expect(hx).toBeCloseTo(50);
    expect(hy).toBeCloseTo(100);
  });

  it('grows the box of a square at 45°', () => {
    const { hx } = halfExtents(100, 100, 45);
    expect(hx).toBeCloseTo(Math.SQRT2 * 50);
  });

  it('matches the bounding box of the corners', () => {
    const corners = rectCorners(0, 0, 180, 90, 30);
    const box = boundingBox(corners);
    const { hx, hy } = halfExtents(180, 90, 30);
    expect(box.maxX).toBeCloseTo(hx);
    expect(box.maxY).toBeCloseTo(hy);
  });
});

describe('rectsOverlap (SAT)', () => {
  it('detects overlapping axis-aligned rectangles', () => {
    expect(rectsOverlap(rectCorners(0, 0, 100, 100, 0), rectCorners(90, 0, 100, 100, 0))).toBe(true);
  });

  it('treats rectangles that only touch as not overlapping', () => {
    expect(rectsOverlap(rectCorners(0, 0, 100, 100, 0), rectCorners(100, 0, 100, 100, 0))).toBe(false);
  });

  it('separates rectangles whose bounding boxes overlap but shapes do not', () => {
    // Two diamonds (squares at 45°) side by side: boxes overlap, the shapes are 2 cm apart.
    const side = 100;
    const half = (side * Math.SQRT2) / 2;
    const a = rectCorners(0, 0, side, side, 45);
    const b = rectCorners(half + 1, half + 1, side, side, 45);
    const boxA = boundingBox(a);
    const boxB = boundingBox(b);
    expect(boxA.maxX > boxB.minX && boxA.maxY > boxB.minY).toBe(true);
    expect(rectsOverlap(a, b)).toBe(false);
  });

  it('detects a rotated rectangle crossing another', () => {
    // A long thin bar at 45° through the middle of a square.
    expect(rectsOverlap(rectCorners(0, 0, 50, 50, 0), rectCorners(0, 0, 200, 4, 45))).toBe(true);
  });

  it('detects one rectangle inside another', () => {
    expect(rectsOverlap(rectCorners(0, 0, 300, 300, 0), rectCorners(10, 10, 20, 20, 10))).toBe(true);
  });

  it('is symmetric', () => {
    const a = rectCorners(0, 0, 120, 60, 30);
    const b = rectCorners(80, 40, 60, 60, 75);
    expect(rectsOverlap(a, b)).toBe(rectsOverlap(b, a));
  });
});
