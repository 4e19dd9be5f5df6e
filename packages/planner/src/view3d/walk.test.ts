import { PerspectiveCamera } from 'three';
import { describe, expect, it } from 'vitest';
import { EYE_HEIGHT_M, isWalkKey, WalkCamera } from './walk.ts';

const bounds = { minX: 0, maxX: 5, minZ: 0, maxZ: 4 };

describe('WalkCamera', () => {
  it('stands at eye height in the room and walks forward at a steady pace, whatever the frame rate', () => {
    const walk = new WalkCamera(new PerspectiveCamera(), bounds);
    walk.reset();
    const start = walk.camera.position.clone();
    expect(start.y).toBe(EYE_HEIGHT_M);
    walk.press('W');
    for (let i = 0; i < 10; i++) walk.step(0.05);
    const fast = walk.camera.position.clone();
    walk.reset();
    for (let i = 0; i < 50; i++) walk.step(0.01);
    // Yaw 0 faces the plan's top wall (-z): half a second's walk either way.
    expect(walk.camera.position.z).toBeCloseTo(fast.z, 6);
    expect(fast.z).toBeLessThan(start.z - 0.5);
    expect(fast.x).toBeCloseTo(start.x, 6);
  });

  it('never walks through a wall, and turns with the arrow keys', () => {
    const walk = new WalkCamera(new PerspectiveCamera(), bounds);
    walk.reset();
    walk.press('ArrowUp');
    for (let i = 0; i < 200; i++) walk.step(0.1);
    expect(walk.camera.position.z).toBeGreaterThanOrEqual(bounds.minZ);
    walk.release();
    expect(walk.moving).toBe(false);
    walk.press('ArrowLeft');
    walk.step(0.1);
    expect(walk.yaw).toBeGreaterThan(0);
    expect(isWalkKey('a') && isWalkKey('D') && !isWalkKey('x') && !isWalkKey('Enter')).toBe(true);
  });

  it('looks up and down no further than a person can', () => {
    const walk = new WalkCamera(new PerspectiveCamera(), bounds);
    walk.reset();
    walk.look(0, -10_000);
    expect(walk.pitch).toBeCloseTo(1.2, 6);
    walk.look(100, 0);
    expect(walk.yaw).toBeLessThan(0);
  });
});
