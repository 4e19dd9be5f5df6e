import { describe, expect, it } from 'vitest';
import { snap, snapAngle, snapItemCentre } from './snap.ts';

describe('snap', () => {
  it('rounds to the nearest step', () => {
    expect(snap(23, 5)).toBe(25);
    expect(snap(22, 5)).toBe(20);
    expect(snap(-7, 5)).toBe(-5);
    expect(snap(0.3, 0.1)).toBe(0.3);
  });

  it('leaves values alone without a step', () => {
    expect(snap(23.4, 0)).toBe(23.4);
  });
});

describe('snapItemCentre', () => {
  it('snaps the edges, not the centre, so odd sizes stand flush on grid lines', () => {
    // A 45 cm chair: its left edge goes on the grid, its centre at 22.5 from it.
    expect(snapItemCentre(26, 30, 45, 53, 0, 10)).toEqual({ x: 22.5, y: 26.5 });
  });

  it('uses the rotated footprint', () => {
    // Rotated 90°, the 45 × 53 chair is 53 wide: the left edge at 0 puts the centre at 26.5.
    expect(snapItemCentre(28, 30, 45, 53, 90, 10)).toEqual({ x: 26.5, y: 32.5 });
  });

  it('does nothing with a zero step', () => {
    expect(snapItemCentre(26.3, 30.1, 45, 53, 0, 0)).toEqual({ x: 26.3, y: 30.1 });
  });
});

describe('snapAngle', () => {
  it('snaps to 15° by default', () => {
    expect(snapAngle(52)).toBe(45);
    expect(snapAngle(53)).toBe(60);
  });
});
