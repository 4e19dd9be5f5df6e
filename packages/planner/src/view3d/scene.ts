import {
  BoxGeometry,
  BufferGeometry,
  Color,
  DirectionalLight,
  DoubleSide,
  Float32BufferAttribute,
  Group,
  HemisphereLight,
  type Material,
  Mesh,
  MeshLambertMaterial,
  type Object3D,
  type Raycaster,
  Scene,
  ShapeUtils,
  Vector2,
  type Vector3,
} from 'three';
import type { CatalogIndex, Design } from '../editor/design.ts';
import { at, outwardNormal, type Vec } from '../room/polygon.ts';
import { itemColour, partsOf } from './furniture.ts';
import { DEFAULT_WALL_HEIGHT_CM, type WallPiece, wallPieces } from './walls.ts';

/**
 * The design as a three.js scene, in metres: the plan's x stays x, its y (down the screen)
 * becomes z, and up is y, so a camera looking straight down sees the plan as drawn.
 */
const M = 1 / 100;
const SELECTED_GLOW = new Color(0x0f766e);
const NO_GLOW = new Color(0x000000);

/** Six faces of a wall block, as plain triangles (flat shading needs no shared vertices). */
function pushBlock(out: number[], piece: WallPiece): void {
  const b = piece.bottom * M;
  const t = piece.top * M;
  const q = piece.quad.map((p) => [p.x * M, p.y * M] as const);
  const v = (i: number, y: number) => [q[i]![0], y, q[i]![1]];
  const quad = (a: number[], b2: number[], c: number[], d: number[]) =>
    out.push(...a, ...b2, ...c, ...a, ...c, ...d);
  quad(v(0, b), v(1, b), v(2, b), v(3, b));
  quad(v(0, t), v(3, t), v(2, t), v(1, t));
  for (let i = 0; i < 4; i++) {
    const j = (i + 1) % 4;
    quad(v(i, b), v(i, t), v(j, t), v(j, b));
  }
}

export function wallGeometry(pieces: readonly WallPiece[]): BufferGeometry {
  const positions: number[] = [];
  for (const piece of pieces) pushBlock(positions, piece);
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new Float32BufferAttribute(positions, 3));
  geometry.computeVertexNormals();
  return geometry;
}

/** The floor polygon, triangulated (rooms may be L- or U-shaped, so not a fan). */
export function floorGeometry(corners: readonly Vec[]): BufferGeometry {
  const contour = corners.map((c) => new Vector2(c.x, c.y));
  const positions: number[] = [];
  for (const tri of ShapeUtils.triangulateShape(contour, [])) {
    for (const i of tri) positions.push(corners[i]!.x * M, 0, corners[i]!.y * M);
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new Float32BufferAttribute(positions, 3));
  geometry.computeVertexNormals();
  return geometry;
}

export interface ItemMaterials {
  group: Group;
  materials: MeshLambertMaterial[];
}

/**
 * The scene of one design. Owns every geometry and material it makes; `dispose()` frees them
 * all (the renderer's GPU copies go with them), so leaving 3D leaks nothing.
 */
export class DesignScene {
  readonly scene = new Scene();
  /** The floor's box, metres: where cameras start and what they look at. */
  readonly bounds: { minX: number; maxX: number; minZ: number; maxZ: number };
  /** How tall the walls are, metres (the room's `wall_height_cm`, or the default). */
  readonly wallHeight: number;
  readonly #items = new Map<string, ItemMaterials>();
  /** Each wall's mesh, the middle of its inner face and its outward normal (metres, xz). */
  readonly #walls: { mesh: Mesh; x: number; z: number; nx: number; nz: number }[] = [];
  /** One unit cube, scaled per part: one GPU buffer for all the furniture. */
  readonly #box = new BoxGeometry(1, 1, 1);

  constructor(design: Design, catalog: CatalogIndex) {
    const { room } = design;
    this.wallHeight = (room.wall_height_cm ?? DEFAULT_WALL_HEIGHT_CM) * M;
    this.scene.background = new Color(0xf3f4f6);
    this.scene.add(new HemisphereLight(0xffffff, 0xb8b0a4, 2.6));
    const sun = new DirectionalLight(0xffffff, 1.4);
    sun.position.set(-3, 8, -5);
    this.scene.add(sun);

    const floor = new Mesh(
      floorGeometry(room.corners),
      new MeshLambertMaterial({ color: 0xe9dcc6, side: DoubleSide }),
    );
    floor.name = 'floor';
    this.scene.add(floor);
    // One mesh per wall, so the walls between an orbiting camera and the room can step aside.
    const wallMaterial = new MeshLambertMaterial({ color: 0xffffff, side: DoubleSide });
    const pieces = wallPieces(room);
    room.corners.forEach((corner, i) => {
      const wall = new Mesh(wallGeometry(pieces.filter((p) => p.wall === i)), wallMaterial);
      wall.name = `wall ${i + 1}`;
      const n = outwardNormal(room.corners, i);
      const mid = {
        x: (corner.x + at(room.corners, i + 1).x) / 2,
        y: (corner.y + at(room.corners, i + 1).y) / 2,
      };
      this.#walls.push({ mesh: wall, x: mid.x * M, z: mid.y * M, nx: n.x, nz: n.y });
      this.scene.add(wall);
    });

    const xs = room.corners.map((c) => c.x * M);
    const zs = room.corners.map((c) => c.y * M);
    this.bounds = {
      minX: Math.min(...xs),
      maxX: Math.max(...xs),
      minZ: Math.min(...zs),
      maxZ: Math.max(...zs),
    };

    for (const item of design.items) {
      const catalogItem = catalog.get(item.catalog_id);
      const colour = itemColour(catalogItem, item.variant);
      const main = new MeshLambertMaterial({ color: colour });
      const accent = new MeshLambertMaterial({ color: new Color(colour).lerp(new Color(0xffffff), 0.35) });
      const group = new Group();
      group.name = item.id;
      group.userData.itemId = item.id;
      for (const part of partsOf(catalogItem)) {
        const mesh = new Mesh(this.#box, part.accent ? accent : main);
        mesh.scale.set(Math.max(part.w, 0.5) * M, Math.max(part.h, 0.5) * M, Math.max(part.d, 0.5) * M);
        mesh.position.set(part.x * M, (part.z + part.h / 2) * M, part.y * M);
        group.add(mesh);
      }
      group.position.set(item.x * M, 0, item.y * M);
      // Clockwise on the plan (y down) is counter-clockwise about three.js's y axis.
      group.rotation.y = (-item.rotation * Math.PI) / 180;
      this.scene.add(group);
      this.#items.set(item.id, { group, materials: [main, accent] });
    }
  }

  get itemIds(): string[] {
    return [...this.#items.keys()];
  }

  item(id: string): ItemMaterials | undefined {
    return this.#items.get(id);
  }

  /**
   * The dollhouse cut: a wall whose outside faces the camera would hide the room, so it is
   * left out of the picture (all walls show when `eye` is null, as on foot).
   */
  cutAway(eye: Vector3 | null): void {
    for (const w of this.#walls) {
      w.mesh.visible = !eye || (eye.x - w.x) * w.nx + (eye.z - w.z) * w.nz <= 0;
    }
  }

  /** Lights the selected piece up (emissive), and only it. */
  select(id: string | null): void {
    for (const [itemId, { materials }] of this.#items) {
      for (const m of materials) m.emissive.copy(itemId === id ? SELECTED_GLOW : NO_GLOW);
    }
  }

  /** The piece the ray hits first, or null (the floor and walls hide what is behind them). */
  pick(raycaster: Raycaster): string | null {
    const hits = raycaster.intersectObjects(this.scene.children, true);
    // Walls cut away for the camera are not there to hit.
    const hit = hits.find((h) => h.object.visible);
    if (hit) {
      let o: Object3D | null = hit.object;
      while (o && o.userData.itemId === undefined) o = o.parent;
      // The first surface hit decides: a wall or the floor in front of a piece hides it.
      return o ? (o.userData.itemId as string) : null;
    }
    return null;
  }

  dispose(): void {
    const geometries = new Set<BufferGeometry>();
    const materials = new Set<Material>();
    this.scene.traverse((o) => {
      if (o instanceof Mesh) {
        geometries.add(o.geometry as BufferGeometry);
        for (const m of [o.material].flat() as Material[]) materials.add(m);
      }
    });
    geometries.add(this.#box);
    for (const g of geometries) g.dispose();
    for (const m of materials) m.dispose();
    this.scene.clear();
    this.#items.clear();
    this.#walls.length = 0;
  }
}
