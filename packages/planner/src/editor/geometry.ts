/**
 * Plan geometry in centimetres: x to the right, y down (into the room), rotations in degrees
 * clockwise, exactly as SVG draws them. An item is a rectangle `width × depth` centred on
 * its `(x, y)`.
 */
export interface Vec {
  x: number;
  y: number;
}

export type Corners = readonly [Vec, Vec, Vec, Vec];

export interface Box {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Two shapes closer than this (in cm) count as touching, not overlapping. */
export const TOUCH_TOLERANCE_CM = 0.5;

const rad = (degrees: number) => (degrees * Math.PI) / 180;

/** The four corners of a rotated rectangle, clockwise from its top-left before rotation. */
export function rectCorners(cx: number, cy: number, width: number, depth: number, rotation: number): Corners {
  const cos = Math.cos(rad(rotation));
  const sin = Math.sin(rad(rotation));
  const hw = width / 2;
  const hd = depth / 2;
  const at = (dx: number, dy: number): Vec => ({ x: cx + dx * cos - dy * sin, y: cy + dx * sin + dy * cos });
  return [at(-hw, -hd), at(hw, -hd), at(hw, hd), at(-hw, hd)];
}

/** Half the width and depth of the axis-aligned box around a rotated rectangle. */
export function halfExtents(width: number, depth: number, rotation: number): { hx: number; hy: number } {
  const cos = Math.abs(Math.cos(rad(rotation)));
  const sin = Math.abs(Math.sin(rad(rotation)));
  return { hx: (width * cos + depth * sin) / 2, hy: (width * sin + depth * cos) / 2 };
}

export function boundingBox(points: readonly Vec[]): Box {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  return { minX, minY, maxX, maxY };
}

export function boxesOverlap(a: Box, b: Box, tolerance = TOUCH_TOLERANCE_CM): boolean {
  return (
    a.minX < b.maxX - tolerance &&
    b.minX < a.maxX - tolerance &&
    a.minY < b.maxY - tolerance &&
    b.minY < a.maxY - tolerance
  );
}

/**
 * Separating axis theorem for two convex quadrilaterals (our rotated rectangles): they are
 * apart when their projections on one of the four edge normals do not overlap. Shapes that
 * only touch (flush against each other, within `tolerance`) do not overlap: furniture stands
 * side by side.
 */
export function rectsOverlap(a: Corners, b: Corners, tolerance = TOUCH_TOLERANCE_CM): boolean {
  for (const shape of [a, b]) {
    for (let i = 0; i < 2; i++) {
      const p = shape[i]!;
      const q = shape[i + 1]!;
      const length = Math.hypot(q.x - p.x, q.y - p.y);
      if (length === 0) continue;
      const axis = { x: -(q.y - p.y) / length, y: (q.x - p.x) / length };
      const [minA, maxA] = project(a, axis);
      const [minB, maxB] = project(b, axis);
      if (maxA - minB <= tolerance || maxB - minA <= tolerance) return false;
    }
  }
  return true;
}

function project(shape: Corners, axis: Vec): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const p of shape) {
    const d = p.x * axis.x + p.y * axis.y;
    min = Math.min(min, d);
    max = Math.max(max, d);
  }
  return [min, max];
}
