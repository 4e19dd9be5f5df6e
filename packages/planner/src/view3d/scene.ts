import {
  BoxGeometry,
  BufferGeometry,
  Color,
  DirectionalLight,
  DoubleSide,
  Float32BufferAttribute,
  Group,
  HemisphereLight,
  InstancedMesh,
  type Material,
  Matrix4,
  Mesh,
  MeshLambertMaterial,
  type Object3D,
  Quaternion,
  type Raycaster,
  Scene,
  ShapeUtils,
  Vector2,
  Vector3,
} from 'three';
import type { CatalogIndex, CatalogItem, Design, PlacedItem } from '../editor/design.ts';
import { at, outwardNormal, type Vec } from '../room/polygon.ts';
import { itemColour, type PartBox, partsOf } from './furniture.ts';
import { DEFAULT_WALL_HEIGHT_CM, type WallPiece, wallPieces } from './walls.ts';

/**
 * The design as a three.js scene, in metres: the plan's x stays x, its y (down the screen)
 * becomes z, and up is y, so a camera looking straight down sees the plan as drawn.
 */
const M = 1 / 100;
const SELECTED_GLOW = new Color(0x0f766e);
const NO_GLOW = new Color(0x000000);
/** An instance drawn nowhere (scaled to nothing): the selected piece's, while its own meshes stand in. */
const HIDDEN = new Matrix4().makeScale(0, 0, 0);
const _m = new Matrix4();
const _q = new Quaternion();
const _up = new Vector3(0, 1, 0);

/** A piece's colours: its own (variant or category), and a lighter shade of it for accents. */
function colours(item: CatalogItem | undefined, variant?: string): { main: number; accent: number } {
  const main = itemColour(item, variant);
  return { main, accent: new Color(main).lerp(new Color(0xffffff), 0.35).getHex() };
}

/** Where a piece stands: clockwise on the plan (y down) is counter-clockwise about three.js's y axis. */
function pieceMatrix(item: PlacedItem): Matrix4 {
  _q.setFromAxisAngle(_up, (-item.rotation * Math.PI) / 180);
  return new Matrix4().compose(new Vector3(item.x * M, 0, item.y * M), _q, new Vector3(1, 1, 1));
}

/** A box of a piece, in the piece's frame: the unit cube moved and scaled. */
function partMatrix(part: PartBox): Matrix4 {
  return new Matrix4()
    .makeScale(Math.max(part.w, 0.5) * M, Math.max(part.h, 0.5) * M, Math.max(part.d, 0.5) * M)
    .setPosition(part.x * M, (part.z + part.h / 2) * M, part.y * M);
}

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
  readonly #catalog: CatalogIndex;
  /** Every piece's boxes (see `#instances`). */
  readonly #furniture: InstancedMesh;
  /** Where each piece's instances are. */
  readonly #pieces = new Map<string, { item: PlacedItem; first: number; count: number }>();
  /** Which piece each instance belongs to. */
  readonly #owners: string[] = [];
  #selected: string | null = null;

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

    this.#catalog = catalog;
    this.#furniture = this.#instances(design);
    this.scene.add(this.#furniture);
  }

  /**
   * Every piece's boxes as instances of one unit cube, in one draw call: a mesh per box made
   * 3 000 draw calls of a 1 000-piece design, a few frames a second on a software renderer.
   * Each instance has its piece's colour (or the accent shade); instance `k` belongs to
   * `#owners[k]`.
   */
  #instances(design: Design): InstancedMesh {
    const parts = design.items.map((item) => ({ item, parts: partsOf(this.#catalogItem(item)) }));
    const count = parts.reduce((n, p) => n + p.parts.length, 0);
    // White: the instance colour is the colour.
    const mesh = new InstancedMesh(this.#box, new MeshLambertMaterial({ color: 0xffffff }), count);
    mesh.name = 'furniture';
    const colour = new Color();
    let k = 0;
    for (const { item, parts: boxes } of parts) {
      const { main, accent } = colours(this.#catalogItem(item), item.variant);
      const first = k;
      const place = pieceMatrix(item);
      for (const part of boxes) {
        mesh.setMatrixAt(k, _m.multiplyMatrices(place, partMatrix(part)));
        mesh.setColorAt(k, colour.setHex(part.accent ? accent : main));
        this.#owners.push(item.id);
        k++;
      }
      this.#pieces.set(item.id, { item, first, count: boxes.length });
    }
    mesh.instanceMatrix.needsUpdate = true;
    if (mesh.instanceColor) mesh.instanceColor.needsUpdate = true;
    mesh.computeBoundingSphere();
    return mesh;
  }

  #catalogItem(item: PlacedItem): CatalogItem | undefined {
    return this.#catalog.get(item.catalog_id);
  }

  get itemIds(): string[] {
    return [...this.#pieces.keys()];
  }

  /**
   * A piece as a group of its own meshes and materials, made when first asked for (the
   * selection glow, tests and the screen point of a piece): the picture draws the instances.
   */
  item(id: string): ItemMaterials | undefined {
    const known = this.#items.get(id);
    if (known) return known;
    const piece = this.#pieces.get(id);
    if (!piece) return undefined;
    const { item } = piece;
    const { main: colour, accent: shade } = colours(this.#catalogItem(item), item.variant);
    const main = new MeshLambertMaterial({ color: colour });
    const accent = new MeshLambertMaterial({ color: shade });
    const group = new Group();
    group.name = item.id;
    group.userData.itemId = item.id;
    for (const part of partsOf(this.#catalogItem(item))) {
      const mesh = new Mesh(this.#box, part.accent ? accent : main);
      partMatrix(part).decompose(mesh.position, mesh.quaternion, mesh.scale);
      group.add(mesh);
    }
    pieceMatrix(item).decompose(group.position, group.quaternion, group.scale);
    group.updateMatrixWorld(true);
    const made = { group, materials: [main, accent] };
    this.#items.set(id, made);
    return made;
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

  /**
   * Lights the selected piece up (emissive), and only it: the piece is drawn by its own
   * meshes, whose materials glow, in place of its instances.
   */
  select(id: string | null): void {
    const before = this.#selected;
    if (before === id) return;
    if (before !== null) {
      const made = this.#items.get(before);
      if (made) {
        for (const m of made.materials) m.emissive.copy(NO_GLOW);
        this.scene.remove(made.group);
      }
      this.#showInstances(before, true);
    }
    this.#selected = null;
    const made = id === null ? undefined : this.item(id);
    if (!made || id === null) return;
    for (const m of made.materials) m.emissive.copy(SELECTED_GLOW);
    this.scene.add(made.group);
    this.#showInstances(id, false);
    this.#selected = id;
  }

  #showInstances(id: string, shown: boolean): void {
    const piece = this.#pieces.get(id);
    if (!piece) return;
    const place = pieceMatrix(piece.item);
    const parts = partsOf(this.#catalogItem(piece.item));
    parts.forEach((part, i) => {
      this.#furniture.setMatrixAt(
        piece.first + i,
        shown ? _m.multiplyMatrices(place, partMatrix(part)) : HIDDEN,
      );
    });
    this.#furniture.instanceMatrix.needsUpdate = true;
  }

  /** The piece the ray hits first, or null (the floor and walls hide what is behind them). */
  pick(raycaster: Raycaster): string | null {
    const hits = raycaster.intersectObjects(this.scene.children, true);
    // Walls cut away for the camera are not there to hit; nor are the selected piece's
    // instances (its own meshes stand there).
    const hit = hits.find(
      (h) =>
        h.object.visible &&
        !(h.object === this.#furniture && this.#owners[h.instanceId ?? -1] === this.#selected),
    );
    if (hit) {
      if (hit.object === this.#furniture) return this.#owners[hit.instanceId ?? -1] ?? null;
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
    for (const { materials: made } of this.#items.values()) for (const m of made) materials.add(m);
    for (const g of geometries) g.dispose();
    for (const m of materials) m.dispose();
    this.scene.clear();
    this.#items.clear();
    this.#pieces.clear();
    this.#owners.length = 0;
    this.#walls.length = 0;
  }
}
