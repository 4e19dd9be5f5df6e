import type { PerspectiveCamera } from 'three';

/** Eye height of the walk-through camera, metres. */
export const EYE_HEIGHT_M = 1.6;
const SPEED_M_PER_S = 1.4;
const TURN_RAD_PER_S = 1.6;
const LOOK_RAD_PER_PX = 0.005;
const MAX_PITCH = 1.2;

/** What each key does on foot: forward, sideways (strafe) or turning. */
const KEYS: Record<string, { forward?: number; side?: number; turn?: number }> = {
  w: { forward: 1 },
  s: { forward: -1 },
  a: { side: -1 },
  d: { side: 1 },
  ArrowUp: { forward: 1 },
  ArrowDown: { forward: -1 },
  ArrowLeft: { turn: 1 },
  ArrowRight: { turn: -1 },
};

export const isWalkKey = (key: string) => (key.length === 1 ? key.toLowerCase() in KEYS : key in KEYS);

/**
 * A person standing in the room: keys move and turn them at a steady speed (per second, so a
 * slow software renderer walks as fast as a GPU), a drag turns their head. Stays within
 * `bounds` (the floor's box) so nobody walks off into the void.
 */
export class WalkCamera {
  yaw = 0;
  pitch = 0;
  readonly #held = new Set<string>();

  constructor(
    readonly camera: PerspectiveCamera,
    readonly bounds: { minX: number; maxX: number; minZ: number; maxZ: number },
  ) {}

  /** Stands in the middle of the floor, looking along the room's longer side. */
  reset(): void {
    const b = this.bounds;
    this.camera.position.set(
      (b.minX + b.maxX) / 2,
      EYE_HEIGHT_M,
      (b.minZ + b.maxZ) / 2 + (b.maxZ - b.minZ) * 0.35,
    );
    this.yaw = 0;
    this.pitch = -0.15;
    this.#apply();
  }

  press(key: string): void {
    this.#held.add(key.length === 1 ? key.toLowerCase() : key);
  }

  release(key?: string): void {
    if (key === undefined) this.#held.clear();
    else this.#held.delete(key.length === 1 ? key.toLowerCase() : key);
  }

  get moving(): boolean {
    return this.#held.size > 0;
  }

  look(dx: number, dy: number): void {
    this.yaw -= dx * LOOK_RAD_PER_PX;
    this.pitch = Math.max(-MAX_PITCH, Math.min(MAX_PITCH, this.pitch - dy * LOOK_RAD_PER_PX));
    this.#apply();
  }

  /** Moves by what the held keys ask for over `seconds`. */
  step(seconds: number): void {
    let forward = 0;
    let side = 0;
    let turn = 0;
    for (const key of this.#held) {
      const k = KEYS[key];
      forward += k?.forward ?? 0;
      side += k?.side ?? 0;
      turn += k?.turn ?? 0;
    }
    const dt = Math.min(seconds, 0.1);
    this.yaw += turn * TURN_RAD_PER_S * dt;
    // Yaw 0 looks towards -z (the plan's top wall).
    const fx = -Math.sin(this.yaw);
    const fz = -Math.cos(this.yaw);
    const p = this.camera.position;
    const d = SPEED_M_PER_S * dt;
    const b = this.bounds;
    p.x = Math.max(b.minX + 0.2, Math.min(b.maxX - 0.2, p.x + (fx * forward - fz * side) * d));
    p.z = Math.max(b.minZ + 0.2, Math.min(b.maxZ - 0.2, p.z + (fz * forward + fx * side) * d));
    this.#apply();
  }

  #apply(): void {
    this.camera.position.y = EYE_HEIGHT_M;
    this.camera.rotation.set(this.pitch, this.yaw, 0, 'YXZ');
  }
}
