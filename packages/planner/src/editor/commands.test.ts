import { describe, expect, it } from 'vitest';
import { TEST_CATALOG } from '../testing/fixtures.ts';
import {
  addItem,
  duplicateItem,
  moveItem,
  moveItemBy,
  removeItem,
  rotateItem,
  rotateItemBy,
} from './commands.ts';
import { type Design, emptyDesign, indexCatalog, MAX_ITEMS } from './design.ts';
import { setRoom } from './set-room.ts';

const catalog = indexCatalog(TEST_CATALOG);
const base = (): Design => addItem(emptyDesign(), 'chair', { x: 100, y: 100 }, 'c1');

describe('addItem', () => {
  it('appends an item with a normalised rotation', () => {
    const d = addItem(emptyDesign(), 'sofa', { x: 10.04, y: 20, rotation: -90 }, 's1');
    expect(d.items).toEqual([{ id: 's1', catalog_id: 'sofa', x: 10, y: 20, rotation: 270 }]);
  });

  it('gives each item its own id by default', () => {
    const d = addItem(addItem(emptyDesign(), 'sofa', { x: 0, y: 0 }), 'sofa', { x: 0, y: 0 });
    expect(new Set(d.items.map((i) => i.id)).size).toBe(2);
  });

  it('refuses beyond the platform limit (same design back)', () => {
    let d = emptyDesign();
    d = {
      ...d,
      items: Array.from({ length: MAX_ITEMS }, (_, i) => ({
        id: `i${i}`,
        catalog_id: 'chair',
        x: 0,
        y: 0,
        rotation: 0,
      })),
    };
    expect(addItem(d, 'chair', { x: 0, y: 0 })).toBe(d);
  });

  it('does not mutate the design it was given', () => {
    const d = base();
    addItem(d, 'sofa', { x: 0, y: 0 });
    expect(d.items).toHaveLength(1);
  });
});

describe('move and rotate', () => {
  it('moves to a position and by an offset', () => {
    expect(moveItem(base(), 'c1', 150, 60).items[0]).toMatchObject({ x: 150, y: 60 });
    expect(moveItemBy(base(), 'c1', -10, 5).items[0]).toMatchObject({ x: 90, y: 105 });
  });

  it('returns the same design when nothing changes', () => {
    const d = base();
    expect(moveItem(d, 'c1', 100, 100)).toBe(d);
    expect(moveItem(d, 'missing', 1, 1)).toBe(d);
  });

  it('rotates, wrapping into [0, 360)', () => {
    expect(rotateItemBy(base(), 'c1', 90).items[0]!.rotation).toBe(90);
    expect(rotateItemBy(rotateItem(base(), 'c1', 270), 'c1', 90).items[0]!.rotation).toBe(0);
    expect(rotateItem(base(), 'c1', -15).items[0]!.rotation).toBe(345);
  });

  it('keeps coordinates within the platform range', () => {
    expect(moveItem(base(), 'c1', 1e9, -1e9).items[0]).toMatchObject({ x: 100_000, y: -100_000 });
  });
});

describe('removeItem', () => {
  it('removes by id and keeps the others', () => {
    const d = addItem(base(), 'sofa', { x: 0, y: 0 }, 's1');
    expect(removeItem(d, 'c1').items.map((i) => i.id)).toEqual(['s1']);
  });
});

describe('duplicateItem', () => {
  it('places the copy beside the original, with a new id and the same rotation', () => {
    const d = duplicateItem(rotateItem(base(), 'c1', 0), 'c1', catalog, 'c2');
    expect(d.items[1]).toEqual({ id: 'c2', catalog_id: 'chair', x: 145, y: 100, rotation: 0 });
  });

  it('puts the copy below when there is no room to the right', () => {
    const d = duplicateItem(moveItem(base(), 'c1', 480, 100), 'c1', catalog, 'c2');
    expect(d.items[1]).toMatchObject({ x: 480, y: 153 });
  });
});

describe('setRoom', () => {
  it('clamps sizes to the platform limits and whole centimetres', () => {
    expect(setRoom(emptyDesign(), { width_cm: 10, depth_cm: 99999 }).room).toMatchObject({
      width_cm: 50,
      depth_cm: 5000,
      unit: 'm',
      corners: [
        { x: 0, y: 0 },
        { x: 50, y: 0 },
        { x: 50, y: 5000 },
        { x: 0, y: 5000 },
      ],
    });
    expect(setRoom(emptyDesign(), { width_cm: 321.6 }).room.width_cm).toBe(322);
  });

  it('changes the unit without touching sizes', () => {
    expect(setRoom(emptyDesign(), { unit: 'cm' }).room).toEqual({ ...emptyDesign().room, unit: 'cm' });
  });

  it('returns the same design for no change', () => {
    const d = emptyDesign();
    expect(setRoom(d, { width_cm: 500 })).toBe(d);
  });
});
