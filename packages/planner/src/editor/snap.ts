import { halfExtents } from './geometry.ts';

/** The grid steps the UI offers, in centimetres. */
export const GRID_STEPS = [1, 5, 10, 25, 50] as const;
export const DEFAULT_GRID_STEP = 10;

export function snap(value: number, step: number): number {
  if (!(step > 0)) return value;
  // Round half away from zero, then clear floating-point noise (0.1 + 0.2).
  return Math.round(Math.round(value / step) * step * 1000) / 1000;
}

/**
 * Snaps an item so that the box around it lands on the grid, rather than its centre: a
 * 45 cm chair snapped by its centre would never stand flush against a wall.
 */
export function snapItemCentre(
  x: number,
  y: number,
  width: number,
  depth: number,
  rotation: number,
  step: number,
): { x: number; y: number } {
  if (!(step > 0)) return { x, y };
  const { hx, hy } = halfExtents(width, depth, rotation);
  return { x: tidy(snap(x - hx, step) + hx), y: tidy(snap(y - hy, step) + hy) };
}

/** Rounds to a hundredth, so 0.1 + 0.2 prints as 0.3. */
function tidy(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Snaps an angle to `step` degrees (15° by default). */
export function snapAngle(degrees: number, step = 15): number {
  return snap(degrees, step);
}
