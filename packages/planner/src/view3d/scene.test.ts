import { Box3, InstancedMesh, Mesh, Raycaster, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { addItem } from '../editor/commands.ts';
import { type Design, emptyDesign, indexCatalog } from '../editor/design.ts';
import { addOpening } from '../room/edit.ts';
import { TEST_CATALOG } from '../testing/fixtures.ts';
import { partsOf } from './furniture.ts';
import { DesignScene } from './scene.ts';

const catalog = indexCatalog(TEST_CATALOG);

function furnished(): Design {
  let design = addItem(emptyDesign(), 'sofa', { x: 200, y: 100 }, 's1');
  design = addItem(design, 'table', { x: 250, y: 250 }, 't1');
  design = { ...design, room: addOpening(design.room, 'door', 'd1') };
  return design;
}

describe('DesignScene', () => {
  it('stands each piece on the floor at its catalog height and footprint, turned as on the plan', () => {
    let design = furnished();
    design = { ...design, items: design.items.map((i) => (i.id === 's1' ? { ...i, rotation: 90 } : i)) };
    const scene = new DesignScene(design, catalog);
    for (const item of design.items) {
      const c = catalog.get(item.catalog_id)!;
      const group = scene.item(item.id)!.group;
      group.updateWorldMatrix(true, true);
      const box = new Box3().setFromObject(group);
      const size = box.getSize(new Vector3());
      expect(box.min.y).toBeCloseTo(0, 6);
      expect(size.y).toBeCloseTo(c.height_cm / 100, 6);
      // A quarter turn swaps width and depth on the floor.
      const [w, d] = item.rotation === 90 ? [c.depth_cm, c.width_cm] : [c.width_cm, c.depth_cm];
      expect(size.x).toBeCloseTo(w / 100, 6);
      expect(size.z).toBeCloseTo(d / 100, 6);
      expect(box.getCenter(new Vector3()).x).toBeCloseTo(item.x / 100, 6);
    }
    scene.dispose();
  });

  it('draws a sofa as seat, back and arms, a table as a top on legs', () => {
    expect(partsOf(catalog.get('sofa'))).toHaveLength(4);
    expect(partsOf(catalog.get('table'))).toHaveLength(5);
    expect(partsOf(undefined)).toHaveLength(1);
  });

  it('colours a piece in its variant’s colour, the others in their category’s', () => {
    const withVariant = new Map(catalog);
    const sofa = catalog.get('sofa')!;
    withVariant.set('sofa', {
      ...sofa,
      variants: [{ sku: 'sofa-green', kind: 'colour', name: 'Green', price_cents: 1, colour: '#3f6b4f' }],
    });
    const design = furnished();
    const s2 = { ...design.items[0]!, id: 's2', variant: 'sofa-green' };
    const scene = new DesignScene({ ...design, items: [...design.items, s2] }, withVariant);
    const main = (id: string) => scene.item(id)!.materials[0]!.color.getHex();
    expect(main('s2')).toBe(0x3f6b4f);
    expect(main('s1')).not.toBe(0x3f6b4f);
    scene.dispose();
  });

  it('lights up only the selected piece', () => {
    const scene = new DesignScene(furnished(), catalog);
    scene.select('t1');
    const glow = (id: string) => scene.item(id)!.materials.map((m) => m.emissive.getHex());
    expect(glow('t1').every((c) => c !== 0)).toBe(true);
    expect(glow('s1').every((c) => c === 0)).toBe(true);
    scene.select(null);
    expect(glow('t1').every((c) => c === 0)).toBe(true);
    scene.dispose();
  });

  it('draws all the furniture as instances of one mesh, the selected piece by its own meshes', () => {
    const design = furnished();
    const scene = new DesignScene(design, catalog);
    const furniture = scene.scene.children.filter((o) => o instanceof InstancedMesh);
    expect(furniture).toHaveLength(1);
    const parts = design.items.reduce((n, i) => n + partsOf(catalog.get(i.catalog_id)).length, 0);
    expect((furniture[0] as InstancedMesh).count).toBe(parts);
    scene.select('t1');
    expect(scene.scene.children).toContain(scene.item('t1')!.group);
    scene.scene.updateMatrixWorld(true);
    const down = new Vector3(0, -1, 0);
    expect(scene.pick(new Raycaster(new Vector3(2.5, 5, 2.5), down))).toBe('t1');
    expect(scene.pick(new Raycaster(new Vector3(2, 5, 1), down))).toBe('s1');
    scene.select(null);
    expect(scene.scene.children).not.toContain(scene.item('t1')!.group);
    expect(scene.pick(new Raycaster(new Vector3(2.5, 5, 2.5), down))).toBe('t1');
    scene.dispose();
  });

  it('picks the piece a ray from above hits, and nothing on bare floor', () => {
    const scene = new DesignScene(furnished(), catalog);
    scene.scene.updateMatrixWorld(true);
    const down = new Vector3(0, -1, 0);
    expect(scene.pick(new Raycaster(new Vector3(2.5, 5, 2.5), down))).toBe('t1');
    expect(scene.pick(new Raycaster(new Vector3(2, 5, 1), down))).toBe('s1');
    expect(scene.pick(new Raycaster(new Vector3(4.5, 5, 3.5), down))).toBeNull();
    scene.dispose();
  });

  it('cuts away the walls between an orbiting camera and the room, and no wall on foot', () => {
    const scene = new DesignScene(furnished(), catalog);
    const shown = () => scene.scene.children.filter((o) => o.name.startsWith('wall ')).map((o) => o.visible);
    // Above and in front of the bottom wall (wall 3 runs along y = depth).
    scene.cutAway(new Vector3(2.5, 6, 9));
    expect(shown()).toEqual([true, true, false, true]);
    scene.cutAway(null);
    expect(shown()).toEqual([true, true, true, true]);
    // Seen from outside the left wall, the ray passes where that wall stood and hits the table.
    scene.cutAway(new Vector3(-5, 1, 2.5));
    scene.scene.updateMatrixWorld(true);
    const topAt = (catalog.get('table')!.height_cm - 2) / 100;
    const ray = new Raycaster(new Vector3(-5, topAt, 2.5), new Vector3(1, 0, 0));
    expect(scene.pick(ray)).toBe('t1');
    scene.cutAway(null);
    expect(scene.pick(ray)).toBeNull();
    scene.dispose();
  });

  it('frees every geometry and material it made', () => {
    const scene = new DesignScene(furnished(), catalog);
    const made = new Set<{ dispose(): void; addEventListener(t: 'dispose', f: () => void): void }>();
    scene.scene.traverse((o) => {
      if (o instanceof Mesh) {
        made.add(o.geometry);
        made.add(o.material);
      }
    });
    let freed = 0;
    for (const thing of made) thing.addEventListener('dispose', () => freed++);
    expect(made.size).toBeGreaterThanOrEqual(5);
    scene.dispose();
    expect(freed).toBe(made.size);
    expect(scene.scene.children).toHaveLength(0);
  });
});
